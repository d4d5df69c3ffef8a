import BulkheadModels
import Foundation

/// Builds a `SchemaContext` from a database's own introspection, as the context layer will:
/// PRAGMA table_info and foreign_key_list, row counts, and for each text column its five most
/// frequent values plus any value equal (ignoring case) to a phrase of the question.
enum SchemaIntrospection {
    static func context(of database: SQLiteFile, question: String) throws -> SchemaContext {
        let names = try database.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map { $0[0] }
        let phrases = self.phrases(in: question)
        var tables: [TableSchema] = []
        for name in names {
            let quotedTable = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            // cid, name, type, notnull, dflt_value, pk
            let info = try database.rows("PRAGMA table_info(\(quotedTable))")
            // id, seq, table, from, to, on_update, on_delete, match
            let keys = try database.rows("PRAGMA foreign_key_list(\(quotedTable))")
            var columns: [ColumnSchema] = []
            var samples: [String: [String]] = [:]
            for row in info {
                let column = row[1]
                let type = row[2]
                let reference = keys.first { $0[3] == column }.map { ColumnReference(table: $0[2], column: $0[4]) }
                columns.append(ColumnSchema(name: column, type: type, isPrimaryKey: row[5] != "0", references: reference))
                let upper = type.uppercased()
                guard reference == nil, upper.contains("CHAR") || upper.contains("TEXT") || upper.contains("CLOB") else { continue }
                let quotedColumn = "\"" + column.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                var values = try database.rows("""
                    SELECT \(quotedColumn) FROM \(quotedTable) WHERE \(quotedColumn) IS NOT NULL
                    GROUP BY \(quotedColumn) ORDER BY COUNT(*) DESC, \(quotedColumn) LIMIT 5
                    """).map { $0[0] }
                for phrase in phrases {
                    let found = try database.rows("SELECT \(quotedColumn) FROM \(quotedTable) WHERE \(quotedColumn) = ? COLLATE NOCASE LIMIT 1", [phrase]).map { $0[0] }
                    for value in found where !values.contains(value) { values.append(value) }
                }
                samples[column] = values
            }
            let count = Int(try database.rows("SELECT COUNT(*) FROM \(quotedTable)")[0][0])
            tables.append(TableSchema(name: name, columns: columns, sampleValues: samples, rowCount: count))
        }
        return SchemaContext(tables: tables)
    }

    /// Runs of one to three words of the question (and quoted strings), leaving out runs made
    /// only of common words, so "How" or "the" never turn into a sample value.
    static func phrases(in question: String) -> [String] {
        let common: Set<String> = ["how", "many", "the", "a", "an", "of", "in", "by", "are", "is", "there", "what", "which",
                                   "list", "show", "top", "per", "with", "and", "for", "each", "me", "all", "most", "than",
                                   "more", "less", "named", "called", "containing", "from", "to", "between", "after", "before"]
        let words = question.split { $0.isWhitespace || $0 == "?" || $0 == "," || $0 == "'" || $0 == "\"" }.map(String.init)
        var result: [String] = []
        for length in 1...3 {
            guard words.count >= length else { break }
            for start in 0...(words.count - length) {
                let run = words[start..<(start + length)]
                if run.allSatisfy({ common.contains($0.lowercased()) }) { continue }
                result.append(run.joined(separator: " "))
            }
        }
        return result
    }
}
