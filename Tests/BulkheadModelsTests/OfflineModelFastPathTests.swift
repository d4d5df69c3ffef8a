@testable import BulkheadModels
import Foundation
import Testing

/// The ASCII fast paths of the planner's word splitting must give exactly what the general,
/// `Character`-by-`Character` paths give: a difference would change which value or column a
/// question links to, only on the inputs the fast path accepts.
@Suite struct OfflineModelFastPathTests {
    /// Every fixture database the planner's question sets run on.
    static let databases: [String] = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        let fixtures = url.appendingPathComponent("Fixtures")
        let names = ["chinook", "flights", "movies", "elements", "hotels", "registrar", "wholesale", "bikeshare", "charity", "carrental", "tracker", "fitness", "courier", "theatre", "utility", "farmcoop", "transit",
                     "heldout/baseball", "heldout/world", "heldout/penguins", "heldout/pizzeria"]
        return names.map { fixtures.appendingPathComponent("\($0).sqlite").path }
    }()

    /// Inputs that probe each rule: case changes, acronyms, digits, separators, and the
    /// characters that must send a value to the full tokenizer.
    static let probes = ["InvoiceLineId", "order_items", "HTTPServer", "ABC", "aB", "Ab", "address2", "2ndPlace", "x", "", "  ", "no-show", "AC/DC",
                         "O'Brien", "customer's", "1,000", "1.5", "$5", "5k", "five million", "2 thousand", "Ünïcode", "naïve café", "\"quoted\"",
                         "'single'", "tab\there", "line\nbreak", "e-mail", "R&B", "Rock And Roll", "Sci Fi & Fantasy", "TV Shows", "2024-03-01 09:00"]

    @Test func identifiersSplitTheSameWayOnBothPaths() throws {
        var identifiers = Self.probes
        for path in Self.databases {
            let database = try SQLiteFile(path: path)
            for table in try database.rows("SELECT name FROM sqlite_master WHERE type = 'table'").map({ $0[0] }) {
                identifiers.append(table)
                identifiers += try database.rows("SELECT name FROM pragma_table_info(?)", [table]).map { $0[0] }
            }
        }
        #expect(identifiers.count > 200)
        for identifier in identifiers {
            #expect(SchemaGraph.rawWords(of: identifier) == SchemaGraph.unicodeRawWords(of: identifier), "\(identifier)")
        }
    }

    @Test func storedValuesSplitTheSameWayOnBothPaths() throws {
        var values = Self.probes
        for path in Self.databases {
            let database = try SQLiteFile(path: path)
            for table in try database.rows("SELECT name FROM sqlite_master WHERE type = 'table'").map({ $0[0] }) {
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                for column in try database.rows("SELECT name FROM pragma_table_info(?) WHERE type LIKE '%CHAR%' OR type LIKE '%TEXT%'", [table]).map({ $0[0] }) {
                    let name = "\"" + column.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    values += try database.rows("SELECT DISTINCT \(name) FROM \(quoted) WHERE \(name) IS NOT NULL LIMIT 200").map { $0[0] }
                }
            }
        }
        #expect(values.count > 5_000)
        var fast = 0
        for value in values {
            if QuestionText.asciiWords(of: value) != nil { fast += 1 }
            #expect(QuestionText.words(of: value) == QuestionText.tokenize(value, stemming: false).map(\.lower), "\(value)")
        }
        // The fast path must carry most stored values, or it buys nothing.
        #expect(fast * 2 > values.count)
    }
}
