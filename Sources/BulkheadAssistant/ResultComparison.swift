import Foundation
import BulkheadEngine

/// Execution accuracy: whether an answer's rows are the gold query's rows.
///
/// The answer may carry more columns than the gold (a label beside a count, every column of a
/// listed row), but each gold column must be one of its columns, row for row: the same number of
/// rows, and the answer's rows projected on those columns equal the gold's as a multiset (as a
/// sequence when order matters). Numbers compare to 4 decimal places, so 1.0 and 1 meet, and
/// NULL only equals NULL.
public enum ResultComparison {
    /// Whether `answer` holds the result of `gold`.
    public static func matches(gold: QueryResult, answer: QueryResult, ordered: Bool) -> Bool {
        guard gold.rowCount == answer.rowCount else { return false }
        let goldRows = gold.rows.map { $0.map(normalized) }
        let answerRows = answer.rows.map { $0.map(normalized) }
        let goldWidth = gold.columns.count
        let answerWidth = answer.columns.count
        guard goldWidth > 0 else { return answerRows.isEmpty == goldRows.isEmpty }
        if goldRows.isEmpty { return answerRows.isEmpty }
        // Candidate answer columns for each gold column: the same values, as multisets.
        func column(_ rows: [[String]], _ index: Int) -> [String] { rows.map { $0[index] } }
        var candidates: [[Int]] = []
        for g in 0..<goldWidth {
            let wanted = column(goldRows, g).sorted()
            let found = (0..<answerWidth).filter { column(answerRows, $0).sorted() == wanted }
            if found.isEmpty { return false }
            candidates.append(found)
        }
        // Try assignments of distinct answer columns to the gold columns.
        var chosen: [Int] = []
        func search(_ g: Int) -> Bool {
            if g == goldWidth {
                let projected = answerRows.map { row in chosen.map { row[$0] } }
                return ordered ? projected == goldRows : projected.sorted(by: lexicographic) == goldRows.sorted(by: lexicographic)
            }
            for candidate in candidates[g] where !chosen.contains(candidate) {
                chosen.append(candidate)
                if search(g + 1) { return true }
                chosen.removeLast()
            }
            return false
        }
        return search(0)
    }

    private static func lexicographic(_ a: [String], _ b: [String]) -> Bool { a.lexicographicallyPrecedes(b) }

    /// A value as compared: numbers rounded to 4 places, text as is, NULL apart.
    static func normalized(_ value: SQLValue) -> String {
        switch value {
        case .null: return "\u{0}NULL"
        case let .integer(number): return "n:" + String(number)
        case let .real(number):
            if number == number.rounded(), abs(number) < 1e15 { return "n:" + String(Int64(number)) }
            return "n:" + String(format: "%.4f", number)
        case let .text(text):
            if let number = Double(text), text.contains(".") || text.count < 16 {
                // "2021" from strftime meets 2021 from a year column.
                if number == number.rounded(), abs(number) < 1e15 { return "n:" + String(Int64(number)) }
                return "n:" + String(format: "%.4f", number)
            }
            return "t:" + text
        case let .blob(data): return "b:" + data.base64EncodedString()
        }
    }
}
