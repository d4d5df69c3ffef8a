/// The function words of questions: words that shape a query (cues) and words that carry no
/// condition at all (fillers and neutral verbs). A word in neither list, that names nothing in the
/// schema, its values or the org's notes, makes the planner refuse rather than drop it.
extension Lexicon {
    /// Words that carry no schema meaning.
    static let fillers: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "and", "or", "as", "into", "onto",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had", "having",
        "there", "here", "what", "which", "who", "whom", "whose", "where", "when", "how", "why",
        "me", "my", "our", "ours", "us", "we", "we've", "we're", "i've", "you've", "they've", "i", "you", "your", "their", "theirs", "its", "it", "this", "that", "these",
        "those", "they", "them", "he", "she", "his", "her", "him", "all", "any", "every", "some", "both", "either",
        "please", "show", "list", "give", "find", "get", "tell", "display", "return", "fetch", "retrieve", "provide",
        "name", "names", "can", "could", "would", "will", "should", "shall", "may", "might", "must",
        "so", "far", "then", "than", "also", "just", "only", "about", "up", "out", "ever", "currently", "now",
        "altogether", "together", "overall", "whole", "entire", "respectively", "exactly", "precisely", "actually",
        "by", "per", "each", "s", "it's", "what's", "whats", "let", "lets", "know", "want", "need", "see", "like",
        "kindly", "record", "records", "row", "rows", "entry", "entries", "one", "ones", "value", "values",
        "information", "info", "details", "detail", "data", "result", "results", "everything", "thing", "things",
        "number", "numbers", "amount", "total", "overall", "exist", "exists", "existing", "available", "stored", "kept",
        "known", "found", "listed", "included", "recorded", "registered", "database", "table", "tables", "system",
        "there're", "currently", "today", "well", "other", "same", "different", "distinct", "unique", "various",
        "also", "including", "along", "alongside", "plus", "respective", "corresponding", "associated", "related",
        "belong", "belongs", "belonging", "belonged", "appear", "appears", "appeared", "appearing", "involve", "involved",
        "involving", "containing", "within", "inside", "among", "amongst", "across", "throughout", "via", "through",
        "whom", "whose", "together", "combined", "altogether", "full", "complete", "possible", "way",
        "anything", "something", "nothing", "everything", "anyone", "someone", "anybody", "somebody", "specific",
        "particular", "certain", "given", "respectively", "recorded", "according",
    ]

    /// Verbs that link two things the schema already links (an invoice line "sold" a track; a
    /// customer "lives" in a city): they add no condition of their own.
    static let neutralVerbs: Set<String> = stems([
        "sell", "buy", "order", "place", "make", "sign", "register", "issue", "schedule", "hire", "born", "create",
        "record", "release", "write", "compose", "perform", "play", "sing", "produce", "publish", "exist", "store",
        "keep", "hold", "belong", "appear", "live", "locate", "base", "work", "practice", "treat", "visit", "purchase",
        "take", "happen", "occur", "send", "use", "come", "receive", "go", "spend", "pay", "cost", "bill", "charge",
        "handle", "process", "manage", "support", "serve", "assign", "attend", "see", "book", "own", "contain", "include",
        "feature", "operate", "run", "depart", "leave", "arrive", "land", "carry", "build", "manufacture", "fly",
        "ship", "deliver", "stock", "generate", "earn", "bring", "brought", "report", "employ", "join", "start",
        "open", "get", "got", "list", "have", "associate", "link", "connect", "relate", "give", "stay", "reside",
        "diagnose", "admit", "discharge", "prescribe", "enroll", "study", "teach", "taught", "win", "won", "lose",
        "lost", "score", "tend", "sold", "bought", "made", "written", "done", "seen", "taken", "given", "flown",
        "offer", "provide", "supply", "host", "cover", "contact", "represent", "sponsor", "rent", "lend", "borrow",
        "rate", "review", "publish", "print", "post", "author", "direct", "star", "act", "catalog", "list",
        // "credited on", "looks after", "takes care of", "in charge of": phrasal links between rows.
        "credit", "look", "care",
        // "stays that began in August", "orders that finished in May": when a row starts or ends is
        // read from the date or value beside the verb, which adds nothing of its own ("ended" is read
        // as a phrase, since "the end of 2023" is a noun that does).
        "begin", "finish",
        // How a row's figures were collected ("lengths that were measured", "penguins sampled on Dream"):
        // the rows are the observations, so these add no condition of their own.
        "measure", "sample", "observe", "collect", "survey", "weigh", "log",
    ])

    /// Words that name the whole catalogue or the business ("on the menu", "does the kitchen use",
    /// "in the store"): where no table or column is named so, they add no condition. A table named
    /// so still links first, since only words nothing else covers are checked against this list.
    static let wholeBusinessWords: Set<String> = stems([
        "menu", "kitchen", "store", "shop", "catalog", "catalogue", "business", "restaurant",
    ])

    /// Imperatives that open a later sentence ("… per country? Sort from highest to lowest"): a
    /// capital there marks the sentence, not a proper noun.
    static let sentenceVerbs: Set<String> = [
        "sort", "order", "rank", "arrange", "group", "break", "split", "include", "exclude", "limit", "count", "round",
        "use", "keep", "skip", "leave", "put", "start", "begin", "end", "add", "sum", "compute", "calculate", "ignore",
    ]

    /// Comparison words: the operator they stand for when followed by "than" (or on their own).
    static let comparatives: [String: String] = [
        "greater": ">", "more": ">", "higher": ">", "larger": ">", "bigger": ">", "longer": ">", "later": ">",
        "heavier": ">", "taller": ">", "older": ">", "pricier": ">", "costlier": ">", "above": ">", "over": ">",
        "exceeding": ">", "exceeds": ">", "exceed": ">", "beyond": ">",
        "less": "<", "fewer": "<", "lower": "<", "smaller": "<", "shorter": "<", "earlier": "<", "lighter": "<",
        "cheaper": "<", "younger": "<", "under": "<", "below": "<",
    ]

    /// Comparatives that imply the kind of column they compare (the superlative they come from).
    static let comparativeHints: [String: String] = [
        "longer": "longest", "shorter": "shortest", "cheaper": "cheapest", "pricier": "priciest", "costlier": "priciest",
        "heavier": "heaviest", "lighter": "lightest", "taller": "tallest", "older": "oldest", "younger": "youngest",
        "bigger": "largest", "larger": "largest", "smaller": "smallest",
    ]

    /// A superlative: the direction, and the column words it ranks by (nil means "a date column").
    struct Superlative {
        let descending: Bool
        /// Stems of the columns it ranks by, best first; nil for dates, empty for "whatever is named".
        let words: [String]?
        /// "oldest" of people is the earliest birth date.
        var prefersBirth = false
    }

    /// Superlative words.
    static let superlatives: [String: Superlative] = stemmed([
        "longest": Superlative(descending: true, words: ["millisecond", "duration", "length", "runtime", "minut", "second", "distanc", "tim"]),
        "shortest": Superlative(descending: false, words: ["millisecond", "duration", "length", "runtime", "minut", "second", "distanc", "tim"]),
        "cheapest": Superlative(descending: false, words: ["pric", "cost", "amount", "fee", "total"]),
        "priciest": Superlative(descending: true, words: ["pric", "cost", "amount", "fee", "total"]),
        "costliest": Superlative(descending: true, words: ["pric", "cost", "amount", "fee", "total"]),
        "heaviest": Superlative(descending: true, words: ["weight", "mass"]),
        "lightest": Superlative(descending: false, words: ["weight", "mass"]),
        "tallest": Superlative(descending: true, words: ["height"]),
        "populous": Superlative(descending: true, words: ["population"]),
        "shortest-height": Superlative(descending: false, words: ["height"]),
        "largest": Superlative(descending: true, words: ["siz", "byte", "total", "amount", "quantity", "capacity", "seat", "population", "area"]),
        "biggest": Superlative(descending: true, words: ["siz", "byte", "total", "amount", "quantity", "capacity", "seat", "population", "area"]),
        "smallest": Superlative(descending: false, words: ["siz", "byte", "total", "amount", "quantity", "capacity", "seat", "population", "area"]),
        "highest": Superlative(descending: true, words: []),
        "lowest": Superlative(descending: false, words: []),
        "greatest": Superlative(descending: true, words: []),
        "maximum": Superlative(descending: true, words: []),
        "minimum": Superlative(descending: false, words: []),
        "best": Superlative(descending: true, words: []),
        "worst": Superlative(descending: false, words: []),
        "latest": Superlative(descending: true, words: nil),
        "newest": Superlative(descending: true, words: nil),
        "youngest": Superlative(descending: true, words: nil, prefersBirth: true),
        "oldest": Superlative(descending: false, words: nil, prefersBirth: true),
        "earliest": Superlative(descending: false, words: nil),
        "first": Superlative(descending: false, words: nil),
        "last": Superlative(descending: true, words: nil),
        "recent": Superlative(descending: true, words: nil),
    ])

    private static func stemmed(_ table: [String: Superlative]) -> [String: Superlative] {
        table.mapValues { entry in
            var copy = Superlative(descending: entry.descending, words: entry.words?.map(stem))
            copy.prefersBirth = entry.prefersBirth
            return copy
        }
    }

    /// Verbs whose object is money: "spent the most", "paid", "billed", "earned".
    static let moneyVerbs: Set<String> = stems(["spend", "pay", "bill", "charge", "earn", "generate", "bring", "brought", "cost", "invoice",
                                                  // Money given to a cause: "raised for each cause", "donated in 2024".
                                                  "raise", "donate", "contribute"])
    /// Verbs of money handed over ("raised", "donated"): the money of the rows that record each gift,
    /// not a figure of the row the gifts go to (a campaign's target).
    static let givingVerbs: Set<String> = stems(["raise", "donate", "contribute"])
    /// Verbs whose object is a quantity sold: "sold the most", "best-selling", "bought".
    static let quantityVerbs: Set<String> = stems(["sell", "buy", "purchase", "order"])
    /// Stems of column words that hold money.
    static let moneyWords: [String] = ["total", "amount", "price", "cost", "revenue", "sale", "fee", "charge", "payment", "freight", "salary", "gross", "budget",
                                       "income", "value"].map(stem)
    /// "box office": the takings of a show, a money column though neither word says so.
    static let boxOffice: [String] = ["box", "office"].map(stem)
    /// The stem of "total", which names money alone but counts another noun before it ("total_credits"),
    /// kept once because a column's money test runs many times an ask.
    static let totalStem = stem("total")
    /// Stems of column words that hold a count of units.
    static let quantityWords: [String] = ["quantity", "qty", "units", "count"].map(stem)
    /// Words that name a money measure with no column of that name (for "total revenue", "sales").
    static let genericMoneyNouns: Set<String> = stems(["revenue", "sales", "income", "turnover", "spend", "spending", "earnings", "takings", "money", "gross",
                                                        "value", "worth"])
    /// Words that ask for the number of units ("sold the most units").
    static let genericQuantityNouns: Set<String> = stems(["units", "copies", "pieces"])

    /// The stems of words, so lists can be written in plain English.
    static func stems(_ words: [String]) -> Set<String> { Set(words.map(stem)) }
}
