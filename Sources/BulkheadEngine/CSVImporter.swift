import BulkheadCore
import Foundation
import GRDB

/// Imports a CSV file into a new SQLite file (the source's cache), inferring each column's type.
///
/// The cache is written to a temporary file beside its destination and renamed into place, so a
/// failed import never leaves a half-written cache behind. Types: a column whose non-empty values
/// are all integers (without leading zeros) is INTEGER; all numbers, REAL; all ISO dates
/// (yyyy-mm-dd), DATE; anything else, TEXT. Empty fields become NULL.
enum CSVImporter {
    /// Largest CSV file accepted, so one import cannot fill the memory of a shared server.
    static let maximumBytes = 256 * 1024 * 1024
    /// Most columns a CSV may have: SQLite's own limit on a table's columns, and the sandbox's.
    static let maximumColumns = Int(SandboxLimits.columns)

    /// Reads `source`, writes the table `table` into a new SQLite file at `destination`, and reports.
    static func importFile(at source: String, table: String, into destination: URL) throws -> CSVImportReport {
        let handle = FileHandle(forReadingAtPath: source)
        guard let handle else { throw SourcePathPolicy.refusal }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        guard data.count <= maximumBytes else {
            throw BulkheadError.invalidInput("the CSV file is larger than \(maximumBytes / 1024 / 1024) MB")
        }
        var reader = try CSVReader(data: data)
        guard let headerItem = reader.next() else { throw BulkheadError.invalidInput("the CSV file is empty") }
        guard case let .record(_, header) = headerItem else {
            throw BulkheadError.invalidInput("the CSV header row (line 1) could not be read")
        }
        guard header.count <= maximumColumns else {
            throw BulkheadError.invalidInput("the CSV header has \(header.count) columns; a source may have at most \(maximumColumns)")
        }
        let names = columnNames(header)
        var rows: [[String]] = []
        var bad: [CSVImportReport.BadRow] = []
        while let item = reader.next() {
            switch item {
            case let .record(line, fields):
                if fields.count == names.count {
                    rows.append(fields)
                } else {
                    bad.append(.init(line: line, reason: "expected \(names.count) fields, found \(fields.count)"))
                }
            case let .bad(line, reason):
                bad.append(.init(line: line, reason: reason))
            }
        }
        let types = names.indices.map { column in inferType(rows.lazy.map { $0[column] }) }
        try write(table: table, names: names, types: types, rows: rows, to: destination)
        return CSVImportReport(
            table: table, columns: zip(names, types).map { .init(name: $0, type: $1) }, rowsImported: rows.count, badRows: bad)
    }

    /// Header names, trimmed, made unique, and never empty.
    static func columnNames(_ header: [String]) -> [String] {
        var seen: Set<String> = []
        return header.enumerated().map { offset, raw in
            var name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty { name = "column_\(offset + 1)" }
            var unique = name
            var suffix = 2
            while seen.contains(unique.lowercased()) {
                unique = "\(name)_\(suffix)"
                suffix += 1
            }
            seen.insert(unique.lowercased())
            return unique
        }
    }

    /// The narrowest type that holds every non-empty value.
    static func inferType<S: Sequence>(_ values: S) -> String where S.Element == String {
        var allInteger = true, allNumber = true, allDate = true, any = false
        for value in values where !value.isEmpty {
            any = true
            if allInteger && !isInteger(value) { allInteger = false }
            if allNumber && !allInteger && !isNumber(value) { allNumber = false }
            if allDate && !isDate(value) { allDate = false }
            if !allInteger && !allNumber && !allDate { break }
        }
        guard any else { return "TEXT" }
        if allInteger { return "INTEGER" }
        if allNumber { return "REAL" }
        if allDate { return "DATE" }
        return "TEXT"
    }

    static func isInteger(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if digits.count > 1 && digits.hasPrefix("0") { return false }
        return Int64(text) != nil
    }

    static func isNumber(_ text: String) -> Bool {
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }), text.contains(where: \.isNumber) else { return false }
        let unsigned = text.drop { $0 == "-" || $0 == "+" }
        if unsigned.count > 1, unsigned.hasPrefix("0"), unsigned.dropFirst().first?.isNumber == true { return false }
        return isInteger(text) || Double(text) != nil
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static func write(table: String, names: [String], types: [String], rows: [[String]], to destination: URL) throws {
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw BulkheadError.internalFailure(code: "csv-cache-create") }
            close(fd)
            let queue = try DatabaseQueue(path: temporary.path)
            try queue.write { db in
                let definitions = zip(names, types).map { "\(SQLText.quoted($0)) \($1)" }.joined(separator: ", ")
                try db.execute(sql: "CREATE TABLE \(SQLText.quoted(table)) (\(definitions))")
                let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
                let insert = try db.makeStatement(sql: "INSERT INTO \(SQLText.quoted(table)) VALUES (\(placeholders))")
                for row in rows {
                    let values: [(any DatabaseValueConvertible)?] = zip(row, types).map { value, type in
                        if value.isEmpty { return nil }
                        switch type {
                        case "INTEGER": return Int64(value)
                        case "REAL": return Double(value)
                        default: return value
                        }
                    }
                    try insert.execute(arguments: StatementArguments(values))
                }
            }
            try queue.close()
            guard rename(temporary.path, destination.path) == 0 else { throw BulkheadError.internalFailure(code: "csv-cache-rename") }
        } catch let error as BulkheadError {
            throw error
        } catch {
            throw BulkheadError.internalFailure(code: "csv-cache-write")
        }
    }
}
