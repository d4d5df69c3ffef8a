/// The offline planner's knowledge of English: a light stemmer, a small synonym lexicon, units,
/// and the function words that carry no schema meaning.
///
/// Everything here is general language, never the words of one database: the planner links a
/// question to a schema through stems ("shipped" meets `ShipCountry`), synonyms ("cost" meets
/// `price`) and units ("5 minutes" meets `Milliseconds`). It is a pure function of its input, which
/// keeps the planner deterministic.
enum Lexicon {
    // MARK: Stems

    /// The stem of a word, such that a noun, its plural and the verb forms meet: `shipped`,
    /// `shipping` and `ship` → `ship`; `handled` and `handle` → `handl`; `supplier`, `supplies` and
    /// `supplied` → `supply`. It is deliberately crude, and applied the same way to schema names and
    /// to questions, so both sides always agree.
    static func stem(_ word: String) -> String {
        let w = word.lowercased()
        // An irregular form meets its base word's stem ("came" and "come"; "made" and "make").
        // A base word listed as its own form keeps that stem ("rating" is not "rate").
        if let known = irregular[w] { return irregular[known] == known ? known : regularStem(known) }
        // WordNet's exception lists: "began" is "begin", "geese" is "goose".
        if let base = WordNetForms.irregular[w] { return irregular[base] == base ? base : regularStem(irregular[base] ?? base) }
        return regularStem(w)
    }

    /// The roots a word shares with the words made from it: the verbs a noun of action is made
    /// from ("cancellations" and "cancelled" → cancel, "deliveries" and "delivered" → deliver,
    /// "occupancy" and "occupied" → occupy), each without its inflection, final "e" or doubled
    /// last consonant. Used to link a word to a stored value or a name of another word class,
    /// never in place of `stem` (whose suffix rules are tuned to meet schema names).
    static func roots(_ word: String) -> Set<String> {
        let w = word.lowercased()
        var forms = [w]
        if w.hasSuffix("ies") { forms.append(String(w.dropLast(3)) + "y") }
        if w.hasSuffix("s") { forms.append(String(w.dropLast())) }
        for form in forms {
            if let verbs = WordNetForms.derivedFrom[form] { return Set(verbs.map(lemma)) }
        }
        return [lemma(w)]
    }

    /// A word without its inflection: "cancelled" → cancel, "occupied" → occupy, "completes" → complet.
    private static func lemma(_ word: String) -> String {
        var w = word
        // The hand list first: "rating" is not "rate".
        if let known = irregular[w] { return single(known) }
        if let base = WordNetForms.irregular[w] {
            w = base
        } else if (w.hasSuffix("ies") || w.hasSuffix("ied")) && w.count > 4 {
            w = String(w.dropLast(3)) + "y"
        } else if w.hasSuffix("ing") && w.count > 5 {
            w = String(w.dropLast(3))
        } else if w.hasSuffix("ed") && w.count > 4 {
            w = String(w.dropLast(2))
        } else if ["sses", "xes", "ches", "shes", "zes"].contains(where: { w.hasSuffix($0) }) {
            w = String(w.dropLast(2))
        } else if w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is") && w.count > 3 {
            w = String(w.dropLast())
        }
        if w.hasSuffix("e") && w.count > 3 { w = String(w.dropLast()) }
        return single(w)
    }

    /// `cancell` → `cancel`: a doubled last consonant made single.
    private static func single(_ stem: String) -> String {
        let chars = Array(stem)
        guard chars.count > 3, chars[chars.count - 1] == chars[chars.count - 2], !"aeiou".contains(chars[chars.count - 1]) else { return stem }
        return String(chars.dropLast())
    }

    /// The suffix rules of `stem`, without the irregular forms.
    private static func regularStem(_ word: String) -> String {
        var w = word
        guard w.count > 2, w.allSatisfy({ $0.isLetter }) else { return w }
        if w.hasSuffix("ies"), w.count > 4 {
            w = String(w.dropLast(3)) + "y"
        } else if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("zes") {
            w = String(w.dropLast(2))
        } else if w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") {
            w = String(w.dropLast())
        }
        if w.hasSuffix("ied"), w.count > 4 {
            w = String(w.dropLast(3)) + "y"
        } else if w.hasSuffix("ing"), w.count > 5 {
            w = undoubled(String(w.dropLast(3)))
        } else if w.hasSuffix("ed"), w.count > 3, !w.hasSuffix("eed") {
            w = undoubled(String(w.dropLast(2)))
        } else if w.hasSuffix("er"), w.count > 6 {
            w = String(w.dropLast(2))
        }
        if w.hasSuffix("ery"), w.count > 6 { return String(w.dropLast()) }
        if w.hasSuffix("e"), w.count > 2 { w = String(w.dropLast()) }
        if w.hasSuffix("i"), w.count > 3 { w = String(w.dropLast()) + "y" }
        return w
    }

    /// `shipp` → `ship`, but `bill` and `pass` keep their double letter.
    private static func undoubled(_ w: String) -> String {
        let chars = Array(w)
        guard chars.count > 2, chars[chars.count - 1] == chars[chars.count - 2],
              !"lsz".contains(chars[chars.count - 1]), !"aeiou".contains(chars[chars.count - 1]) else { return w }
        return String(chars.dropLast())
    }

    private static let irregular: [String: String] = [
        "people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman",
        "data": "data", "status": "status", "statuses": "status", "analyses": "analysis", "series": "series",
        "bought": "buy", "sold": "sell", "spent": "spend", "paid": "pay", "made": "make", "born": "birth",
        "birthday": "birth", "written": "writ", "wrote": "writ", "took": "take", "taken": "take",
        "sent": "send", "won": "win", "flew": "fly", "flown": "fly", "flies": "fly", "flying": "fly",
        "built": "build", "held": "hold", "came": "come", "ran": "run", "began": "begin", "begun": "begin",
        "grew": "grow", "grown": "grow", "knew": "know", "saw": "see", "seen": "see", "led": "lead", "stood": "stand",
        "drove": "drive", "driven": "drive", "chose": "choose", "chosen": "choose", "sang": "sing", "sung": "sing",
        "caught": "catch", "taught": "teach", "met": "meet", "kept": "keep", "told": "tell", "thought": "think", "gave": "give", "given": "give", "went": "go", "gone": "go",
        "yearly": "year", "annual": "year", "annually": "year", "monthly": "month", "daily": "day", "weekly": "week",
        "quarterly": "quarter", "bus": "bus", "gas": "gas", "news": "news", "less": "less", "address": "address",
        "addresses": "address", "country": "country", "countries": "country", "city": "city", "cities": "city",
        "media": "media", "criteria": "criterion",
        // WordNet lists "rent" as a past form of "rend"; in a question it is the verb and noun of renting.
        "rent": "rent", "rating": "rating", "ratings": "rating", "rated": "rating", "indices": "index", "genera": "genus",
    ]

    // MARK: Synonyms

    /// Groups of stems that may name the same thing. A question word matches a schema word of its
    /// own group, at a lower strength than the word itself.
    static let synonymGroups: [[String]] = [
        ["cost", "price", "charge", "fee", "rate"],
        ["length", "duration", "milliseconds", "runtime", "long", "minutes", "seconds"],
        ["customer", "client", "buyer", "shopper", "purchaser"],
        ["employee", "staff", "worker", "rep", "representative", "agent", "salesperson"],
        ["product", "item", "goods", "article", "merchandise"],
        ["supplier", "vendor", "provider"],
        ["invoice", "bill", "receipt"],
        ["order", "purchase"],
        ["track", "song", "tune"],
        ["movie", "film", "picture"],
        ["size", "byte", "bytes"],
        ["cast", "actor", "actress", "star"],
        ["artist", "band", "musician", "singer", "performer"],
        ["doctor", "physician", "clinician"],
        ["category", "kind", "class"],
        ["plane", "aircraft", "airplane", "jet"],
        ["airline", "carrier"],
        ["manufacturer", "maker", "manufacture"],
        ["country", "nation"],
        ["city", "town"],
        ["population", "inhabitants", "residents"],
        ["region", "territory"],
        ["phone", "telephone"],
        ["email", "mail"],
        ["quantity", "qty", "units"],
        ["discount", "reduction"],
        // The lines of an order, whatever the schema calls its table (order_details, order_items, order_lines).
        ["line", "detail"],
        ["line", "item"],
        ["ship", "deliver", "dispatch"],
        ["hire", "employ"],
        ["birth", "dob"],
        ["title", "name"],
        ["title", "job"],
        ["salary", "wage", "pay"],
        ["depart", "departure", "leave", "dep"],
        ["arrive", "arrival", "arr"],
        ["origin", "source"],
        ["dest", "destination"],
        ["distance", "miles", "kilometres", "km"],
        ["seats", "capacity"],
        ["composer", "compose", "writer", "author"],
        ["stock", "inventory"],
        ["diagnosis", "diagnosed", "diagnose", "condition"],
        ["insurance", "insurer", "coverage"],
        ["appointment", "visit"],
        ["department", "dept"],
        // The firm a customer or supplier is: `company` or `organisation`, whichever the schema says.
        ["company", "organisation", "organization"],
        ["schedule", "book"],
    ]

    /// The other stems of each stem's synonym groups.
    static let synonyms: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for group in synonymGroups.map({ $0.map(stem) }) {
            for word in group { table[word, default: []].formUnion(group.filter { $0 != word }) }
        }
        return table
    }()

    // MARK: Units

    /// A unit a number or a column can be in: its dimension and its size in the dimension's base.
    struct Unit: Equatable {
        enum Dimension: Equatable { case time, size, money, area }
        let dimension: Dimension
        let factor: Double
    }

    /// Unit words, as they are written in questions and column names.
    static let units: [String: Unit] = [
        "millisecond": Unit(dimension: .time, factor: 0.001), "milliseconds": Unit(dimension: .time, factor: 0.001),
        "ms": Unit(dimension: .time, factor: 0.001), "msec": Unit(dimension: .time, factor: 0.001),
        "second": Unit(dimension: .time, factor: 1), "seconds": Unit(dimension: .time, factor: 1), "sec": Unit(dimension: .time, factor: 1),
        "secs": Unit(dimension: .time, factor: 1), "minute": Unit(dimension: .time, factor: 60), "minutes": Unit(dimension: .time, factor: 60),
        "min": Unit(dimension: .time, factor: 60), "mins": Unit(dimension: .time, factor: 60), "hour": Unit(dimension: .time, factor: 3600),
        "hours": Unit(dimension: .time, factor: 3600), "hrs": Unit(dimension: .time, factor: 3600),
        "byte": Unit(dimension: .size, factor: 1), "bytes": Unit(dimension: .size, factor: 1),
        "kb": Unit(dimension: .size, factor: 1024), "kilobytes": Unit(dimension: .size, factor: 1024),
        "mb": Unit(dimension: .size, factor: 1_048_576), "megabytes": Unit(dimension: .size, factor: 1_048_576),
        "gb": Unit(dimension: .size, factor: 1_073_741_824), "gigabytes": Unit(dimension: .size, factor: 1_073_741_824),
        "dollar": Unit(dimension: .money, factor: 1), "dollars": Unit(dimension: .money, factor: 1),
        "euro": Unit(dimension: .money, factor: 1), "euros": Unit(dimension: .money, factor: 1),
        "usd": Unit(dimension: .money, factor: 1), "eur": Unit(dimension: .money, factor: 1),
        "cent": Unit(dimension: .money, factor: 0.01), "cents": Unit(dimension: .money, factor: 0.01),
        "penny": Unit(dimension: .money, factor: 0.01), "pennies": Unit(dimension: .money, factor: 0.01), "pence": Unit(dimension: .money, factor: 0.01),
        "km2": Unit(dimension: .area, factor: 1), "sqkm": Unit(dimension: .area, factor: 1), "mi2": Unit(dimension: .area, factor: 2.589988),
        "sqmi": Unit(dimension: .area, factor: 2.589988), "m2": Unit(dimension: .area, factor: 0.000001),
    ]

    /// Lengths after "square" ("100 square kilometers"): the area unit they make, in square kilometres.
    static let squareUnits: [String: Unit] = [
        "kilometers": Unit(dimension: .area, factor: 1), "kilometres": Unit(dimension: .area, factor: 1), "kilometer": Unit(dimension: .area, factor: 1),
        "kilometre": Unit(dimension: .area, factor: 1), "km": Unit(dimension: .area, factor: 1),
        "miles": Unit(dimension: .area, factor: 2.589988), "mile": Unit(dimension: .area, factor: 2.589988),
        "meters": Unit(dimension: .area, factor: 0.000001), "metres": Unit(dimension: .area, factor: 0.000001), "m": Unit(dimension: .area, factor: 0.000001),
    ]

    /// The unit a column's own name states (`Milliseconds`, `size_bytes`, `duration_min`,
    /// `area_km2`, whose "km" and "2" the name splitter parts), if any.
    static func unit(ofColumnWords words: [String]) -> Unit? {
        for (index, word) in words.enumerated().reversed() {
            let glued = index + 1 < words.count && words[index + 1].allSatisfy(\.isNumber) ? word.lowercased() + words[index + 1] : nil
            if let glued, let unit = units[glued] { return unit }
            if let unit = units[word], unit.dimension != .money { return unit }
        }
        return nil
    }

    // MARK: Numbers

    /// Small numbers written as words.
    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50,
        "hundred": 100, "thousand": 1000,
    ]

    /// Month names and their numbers.
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
        "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
}
