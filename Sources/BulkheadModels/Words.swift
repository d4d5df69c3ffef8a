import Foundation

/// Word handling for the offline planner: splitting identifiers, singular forms, number words
/// and the small vocabulary of question words.
///
/// Everything here is a pure function of its input, which is what keeps the planner
/// deterministic: the same question over the same schema always gives the same SQL.
enum Words {
    /// The words of an identifier: `InvoiceLineId` → invoice, line, id; `order_items` → order, item.
    static func split(identifier: String) -> [String] {
        var words: [String] = []
        var current = ""
        let chars = Array(identifier)
        for (index, char) in chars.enumerated() {
            if !(char.isLetter || char.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if !current.isEmpty, let last = current.last {
                let next = index + 1 < chars.count ? chars[index + 1] : nil
                let lowerToUpper = last.isLowercase && char.isUppercase
                let acronymEnd = last.isUppercase && char.isUppercase && (next?.isLowercase ?? false)
                let digitEdge = last.isNumber != char.isNumber
                if lowerToUpper || acronymEnd || digitEdge {
                    words.append(current)
                    current = ""
                }
            }
            current.append(char)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { singular($0.lowercased()) }
    }

    /// A crude English singular: enough for table and column names (tracks, categories, boxes).
    static func singular(_ word: String) -> String {
        let w = word.lowercased()
        if irregular[w] != nil { return irregular[w]! }
        guard w.count > 3, w.allSatisfy(\.isLetter) else { return w }
        if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("uses") {
            return String(w.dropLast(2))
        }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        if w.hasSuffix("s") { return String(w.dropLast()) }
        return w
    }

    private static let irregular: [String: String] = [
        "people": "person", "children": "child", "men": "man", "women": "woman", "data": "data",
        "status": "status", "analyses": "analysis",
    ]

    /// Small numbers written as words.
    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50,
        "hundred": 100,
    ]

    /// Words that carry no schema meaning; they are skipped when deciding whether a question
    /// mentions something the schema cannot answer.
    static let stopwords: Set<String> = Set([
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "without", "and", "or",
        "is", "are", "was", "were", "be", "been", "do", "does", "did", "have", "has", "had", "there",
        "what", "which", "who", "whose", "where", "when", "how", "me", "my", "our", "us", "we", "i",
        "you", "your", "their", "its", "it", "this", "that", "these", "those", "all", "any", "every",
        "each", "per", "by", "please", "show", "list", "give", "find", "get", "tell", "display",
        "many", "much", "number", "count", "total", "sum", "average", "avg", "mean", "max",
        "maximum", "min", "minimum", "top", "first", "most", "least", "than", "more", "less",
        "fewer", "greater", "over", "under", "above", "below", "between", "after", "before",
        "since", "during", "until", "named", "called", "containing", "contains", "contain",
        "like", "including", "equal", "equals", "exactly", "at", "whose", "where", "that", "only",
        "them", "they", "it's", "s", "overall", "altogether", "also", "about", "so", "far",
        "highest", "lowest", "largest", "smallest", "biggest", "longest", "shortest", "expensive",
        "cheapest", "priciest", "latest", "newest", "oldest", "earliest", "recent", "bottom",
        "value", "amount", "sale", "revenue", "record", "row", "entry", "entries", "one", "ones",
        "year", "longer", "shorter", "cheaper", "bigger", "larger", "smaller", "higher", "lower",
        "up", "not", "no", "can", "could", "would", "will", "should", "some", "as", "into", "out",
        "if", "then", "other", "same", "different", "being", "have", "having", "made", "set",
    ])

    /// Verbs and fillers that add no condition: "tracks sold per artist", "customers signed up".
    static let neutral: Set<String> = Set([
        "sold", "bought", "ordered", "placed", "made", "signed", "registered", "issued", "scheduled", "hired", "born",
        "created", "recorded", "released", "written", "composed", "available", "exist", "exists", "existing", "stored",
        "known", "found", "want", "need", "see", "know", "currently", "ever", "everything", "information", "info",
        "details", "detail", "data", "results", "result", "rows", "records", "entries", "kept", "held", "belong",
        "belonging", "belongs", "appear", "appears", "appearing", "listed", "done", "spent", "spend", "booked",
        "live", "lives", "living", "located", "based", "work", "works", "worked", "working", "practice", "practices",
        "treat", "treats", "treated", "visit", "visits", "visited", "purchase", "purchased", "purchases", "buy", "buys",
        "sell", "sells", "selling", "take", "takes", "took", "taken", "happen", "happened", "occur", "occurred",
        "send", "sent", "use", "used", "uses", "come", "comes", "came", "received", "receive", "receives", "them", "ones", "altogether", "together", "whole", "entire", "respectively", "overall", "go", "goes",
    ])

    /// Words that stand for "the measure" when a question names none (total invoice amount).
    static let genericMeasures: Set<String> = ["amount", "value", "sale", "revenue", "sum", "spend", "spending"]

    /// Name words of numeric columns that make good default measures, best first.
    static let measureHints = ["amount", "total", "price", "cost", "quantity", "value"]

    /// Superlative words and the column words they order by; `nil` words mean "a date column".
    static let superlatives: [String: (words: [String]?, descending: Bool)] = [
        "longest": (["millisecond", "duration", "length", "minute", "second", "runtime", "time"], true),
        "shortest": (["millisecond", "duration", "length", "minute", "second", "runtime", "time"], false),
        "cheapest": (["price", "cost", "amount", "total"], false),
        "priciest": (["price", "cost", "amount", "total"], true),
        "largest": (["size", "byte", "total", "amount", "quantity"], true),
        "biggest": (["size", "byte", "total", "amount", "quantity"], true),
        "smallest": (["size", "byte", "total", "amount", "quantity"], false),
        "latest": (nil, true),
        "newest": (nil, true),
        "oldest": (nil, false),
        "earliest": (nil, false),
    ]
}
