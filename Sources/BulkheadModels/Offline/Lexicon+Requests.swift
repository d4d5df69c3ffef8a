/// The words that wrap a question without changing it: discourse markers that open a turn ("ok",
/// "so", "right,"), requests and their politeness ("could you pull up", "would you mind listing",
/// "I was wondering"), and closings ("thanks", "if you can"). Each list is read only where its words
/// cannot carry a condition: at the start or the end of a sentence, and for a word that could also
/// name something ("right", "good", "first"), only when a pause follows it.
extension Lexicon {
    /// Openers of a turn that never carry a condition where they stand first in a sentence and are
    /// followed by a pause or by a word that begins a question or a request.
    static let discourseOpeners: [[String]] = [
        ["ok"], ["okay"], ["k"], ["kk"], ["alright"], ["allright"], ["all", "right"], ["hey"], ["hi"], ["hello"], ["oh"], ["ah"],
        ["um"], ["umm"], ["uh"], ["er"], ["erm"], ["hmm"], ["so"], ["well"], ["now"], ["thanks"], ["thank", "you"], ["cheers"],
        ["anyway"], ["anyways"], ["also"], ["btw"], ["hey", "there"], ["hi", "there"], ["quick", "question"], ["real", "quick"],
        ["one", "more", "thing"], ["one", "more", "question"], ["another", "question"], ["and", "also"], ["oh", "and"],
        ["ok", "then"], ["okay", "then"], ["by", "the", "way"], ["moving", "on"], ["in", "that", "case"], ["on", "that", "note"],
        ["got", "it"], ["i", "see"], ["understood"], ["noted"], ["yo"], ["hiya"], ["howdy"], ["greetings"], ["good", "morning"],
        ["good", "afternoon"], ["good", "evening"], ["out", "of", "interest"], ["just", "out", "of", "interest"],
        ["out", "of", "curiosity"], ["just", "out", "of", "curiosity"], ["just", "curious"], ["just", "wondering"],
        ["just", "checking"], ["for", "the", "record"], ["quick", "one"], ["small", "question"], ["simple", "question"],
        ["random", "question"], ["silly", "question"], ["i", "have", "a", "question"], ["got", "a", "question"],
        ["question", "for", "you"], ["follow", "up", "question"], ["another", "one"], ["and", "another", "thing"],
        // A greeting with its vocative: "Hey team,", "Hi all".
        ["hey", "team"], ["hi", "team"], ["hello", "team"], ["hey", "all"], ["hi", "all"], ["hello", "all"], ["hey", "everyone"],
        ["hi", "everyone"], ["hello", "everyone"], ["hey", "guys"], ["hi", "guys"], ["hey", "folks"], ["hi", "folks"],
    ]

    /// Openers that could also be an adjective, a superlative or a noun of the schema ("right",
    /// "good", "first", "question"): taken only when a pause follows them.
    static let pausedOpeners: [[String]] = [
        ["right"], ["great"], ["cool"], ["nice"], ["perfect"], ["good"], ["fine"], ["sure"], ["yes"], ["yeah"], ["yep"],
        ["excellent"], ["awesome"], ["lovely"], ["brilliant"], ["interesting"], ["first"], ["first", "off"], ["first", "of", "all"],
        ["next"], ["then"], ["finally"], ["lastly"], ["question"], ["last", "question"], ["final", "question"], ["next", "question"],
        ["to", "start"], ["to", "begin"], ["follow", "up"], ["one", "last", "thing"], ["last", "one"], ["last", "thing"],
        // A vocative: "Team, how many …".
        ["team"], ["folks"], ["guys"], ["everyone"], ["all"], ["morning"], ["afternoon"],
    ]

    /// Words that open a question or a request: after a discourse opener without a pause ("ok so
    /// how many", "okay now list"), they show the opener was only a marker of the turn.
    static let questionOpeners: Set<String> = [
        "what", "what's", "whats", "which", "who", "who's", "whom", "whose", "where", "where's", "when", "how", "how's", "why",
        "is", "are", "was", "were", "do", "does", "did", "can", "could", "would", "will", "should", "has", "have", "had", "may",
        "might", "i", "we", "let", "let's", "lets", "and", "now", "then", "also", "so", "just", "please", "kindly", "quickly",
        "show", "list", "give", "get", "find", "tell", "display", "fetch", "count", "pull", "grab", "bring", "dig", "look", "work",
        "figure", "tally", "put", "sort", "rank", "break", "sum", "total", "calculate", "compute", "name", "identify", "check",
        "return", "retrieve", "provide", "help", "same",
    ]

    /// Politeness and wrappers of a request, dropped where a sentence starts with them, as long as a
    /// request verb (or a question) follows: the rest of the sentence is the question itself.
    static let requestWrappers: [[String]] = [
        ["please"], ["pls"], ["plz"], ["kindly"], ["just"], ["quickly"], ["also"],
        ["can", "you"], ["could", "you"], ["would", "you"], ["will", "you"], ["can", "u"], ["could", "u"],
        ["would", "you", "mind"], ["do", "you", "mind"], ["mind"],
        ["is", "it", "possible", "to"], ["would", "it", "be", "possible", "to"], ["are", "you", "able", "to"],
        ["would", "you", "be", "able", "to"], ["could", "you", "be", "so", "kind", "as", "to"], ["be", "so", "kind", "as", "to"],
        ["go", "ahead", "and"], ["help", "me"], ["help", "me", "to"], ["help", "us"],
        ["i", "want", "you", "to"], ["i", "would", "like", "you", "to"], ["i", "need", "you", "to"], ["we", "need", "you", "to"],
        ["i", "was", "wondering", "if", "you", "could"], ["i", "was", "wondering", "whether", "you", "could"],
        ["i", "wonder", "if", "you", "could"],
    ]

    /// Wrappers that say the speaker wants to know what follows ("I was wondering how many …",
    /// "do you know which …"): dropped at a sentence's start whatever follows.
    static let knowingWrappers: [[String]] = [
        ["i", "was", "wondering"], ["i", "am", "wondering"], ["i", "wonder"], ["wondering"], ["i", "would", "like", "to", "know"],
        ["i", "want", "to", "know"], ["i", "need", "to", "know"], ["i", "would", "love", "to", "know"], ["i", "am", "curious"],
        ["curious"], ["i", "am", "trying", "to", "find", "out"], ["i", "am", "trying", "to", "figure", "out"],
        ["i", "am", "trying", "to", "work", "out"], ["do", "you", "know"], ["do", "you", "happen", "to", "know"], ["any", "idea"],
        ["got", "any", "idea"], ["any", "ideas"], ["do", "you", "have", "any", "idea"], ["let", "me", "know"], ["remind", "me"],
        ["i", "am", "looking", "for"], ["we", "are", "looking", "for"], ["looking", "for"], ["i", "am", "interested", "in"],
        ["we", "are", "interested", "in"], ["i", "would", "appreciate"], ["we", "would", "appreciate"],
        ["i", "would", "appreciate", "it", "if", "you", "could"], ["lemme", "see"], ["lemme", "know"], ["i", "would", "like"], ["i", "would", "love"], ["i", "wanna"], ["i", "wanna", "see"],
        ["i", "would", "like", "to", "see"], ["we", "would", "like", "to", "see"], ["i", "need"], ["we", "need"], ["i", "want"],
    ]

    /// Imperatives and phrasal verbs that only ask to be shown something, with the plain request
    /// verb read in their place ("pull up the stations" is "show the stations").
    static let requestVerbs: [[String]: String] = {
        var table: [[String]: String] = [:]
        let show = [
            ["pull", "up"], ["pull", "out"], ["pull"], ["bring", "up"], ["bring", "back"], ["grab"], ["dig", "up"], ["dig", "out"],
            ["look", "up"], ["look", "for"], ["find", "out"], ["search", "for"], ["search"], ["figure", "out"], ["work", "out"],
            ["check"], ["locate"], ["identify"], ["determine"], ["enumerate"], ["compile"], ["print"], ["print", "out"],
            ["spit", "out"], ["dump"], ["pull", "together"], ["put", "together"], ["draw", "up"], ["read", "out"], ["read", "me"],
            ["go", "get"], ["go", "find"], ["go", "through"], ["look", "at"], ["have", "a", "look", "at"], ["take", "a", "look", "at"],
            ["let", "me", "have"], ["hand", "me"], ["send", "me"], ["walk", "me", "through"], ["fill", "me", "in", "on"],
            ["give", "me", "a", "rundown", "of"], ["summarise"], ["summarize"], ["gimme"], ["lemme", "have"],
        ]
        for verb in show { table[verb] = "show" }
        // Verbs of adding up: the total of what follows.
        for verb in [["tally", "up"], ["tally"], ["add", "up"], ["total", "up"], ["sum", "up"]] { table[verb] = "total" }
        return table
    }()

    /// The words a lone request verb acts on ("grab the", "check which", "pull all"): after
    /// anything else the verb may be a noun ("pull requests", "check-in dates").
    static let requestObjects: Set<String> = [
        "the", "a", "an", "all", "every", "each", "me", "us", "our", "my", "their", "his", "her", "its", "any", "some", "those",
        "these", "this", "that", "everything", "what", "which", "who", "whom", "whose", "where", "when", "how", "why", "whether",
        "top", "both", "only", "just", "up",
    ]

    /// The gerunds a request may come in after "would you mind": the verbs they are.
    static let requestGerunds: [String: String] = [
        "listing": "list", "showing": "show", "giving": "give", "pulling": "pull", "telling": "tell", "finding": "find",
        "counting": "count", "getting": "get", "fetching": "fetch", "grabbing": "grab", "looking": "look", "working": "work",
        "figuring": "figure", "digging": "dig", "bringing": "bring", "putting": "put", "sorting": "sort", "checking": "check",
        "calculating": "calculate", "computing": "compute", "breaking": "break", "adding": "add", "tallying": "tally",
        "ranking": "rank", "summing": "sum", "totalling": "total", "totaling": "total", "displaying": "display",
        "retrieving": "retrieve", "providing": "provide", "sending": "send", "sharing": "share", "running": "run",
    ]

    /// Closings and tags at the end of a sentence ("…, please", "thanks!", "if you can", "would you?").
    static let closings: [[String]] = [
        ["please"], ["pls"], ["plz"], ["thanks"], ["thank", "you"], ["thanks", "a", "lot"], ["thank", "you", "very", "much"],
        ["thanks", "so", "much"], ["many", "thanks"], ["thx"], ["ty"], ["cheers"], ["for", "me"], ["for", "me", "please"],
        ["for", "us"], ["if", "you", "can"], ["if", "you", "could"], ["if", "possible"], ["if", "you", "do", "not", "mind"],
        ["if", "you", "don't", "mind"], ["if", "that", "is", "possible"], ["when", "you", "get", "a", "chance"],
        ["when", "you", "can"], ["asap"], ["real", "quick"], ["quickly"], ["would", "you"], ["could", "you"], ["can", "you"],
        ["will", "you"], ["again"], ["instead"], ["as", "well"], ["too"], ["please", "and", "thank", "you"], ["thanks", "in", "advance"],
    ]

    /// Contractions of a pronoun and a verb, spelled out so that the verb reads as itself ("I'd" is
    /// "I would"); the tokenizer otherwise keeps a lone "d" or "m".
    static let contractions: [String: String] = [
        "d": "would", "m": "am", "ll": "will", "re": "are", "ve": "have",
    ]

    /// The pronouns whose contractions are spelled out.
    static let contractedPronouns: Set<String> = ["i", "we", "you", "they", "he", "she", "it", "that", "there", "who", "what"]

    /// Words of emphasis before a superlative ("the single longest", "the very first", "the absolute
    /// best", "the overall top"): they only insist on the ranking.
    static let superlativeEmphasis: Set<String> = ["very", "absolute", "absolutely", "single", "overall", "all-time", "undisputed", "outright"]
}
