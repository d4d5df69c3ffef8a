import Foundation
import GRDBSQLite

/// A raw sqlite3 connection for tests: it creates the demo schemas, introspects them the way
/// the context layer will, and runs both the model's SQL and the hand-written SQL.
/// The model layer itself never sees a database; only the tests open one.
final class SQLiteFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let path: String
    private var handle: OpaquePointer?

    /// Opens (or creates) the database file at `path`.
    init(path: String) throws {
        self.path = path
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            throw Failure(description: "cannot open \(path)")
        }
    }

    deinit { sqlite3_close_v2(handle) }

    /// Copies `source` into a fresh temporary directory and opens the copy.
    static func copy(of source: String) throws -> SQLiteFile {
        let directory = try temporaryDirectory()
        let target = directory.appendingPathComponent(URL(fileURLWithPath: source).lastPathComponent).path
        try FileManager.default.copyItem(atPath: source, toPath: target)
        return try SQLiteFile(path: target)
    }

    /// A new empty database in a fresh temporary directory.
    static func temporary(named name: String) throws -> SQLiteFile {
        try SQLiteFile(path: temporaryDirectory().appendingPathComponent(name).path)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "?"
            sqlite3_free(message)
            throw Failure(description: "exec failed: \(text)")
        }
    }

    /// Runs a query; values come back as text (NULL as "NULL", reals rounded to 6 significant
    /// digits so sums computed in another order still compare equal).
    func rows(_ sql: String, _ arguments: [String] = []) throws -> [[String]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw Failure(description: "prepare failed: \(String(cString: sqlite3_errmsg(handle))) in \(sql)")
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, argument) in arguments.enumerated() {
            sqlite3_bind_text(statement, Int32(i + 1), argument, -1, transient)
        }
        var result: [[String]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw Failure(description: "step failed: \(String(cString: sqlite3_errmsg(handle)))") }
            var row: [String] = []
            for column in 0..<sqlite3_column_count(statement) {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_NULL: row.append("NULL")
                case SQLITE_INTEGER: row.append(String(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT:
                    let value = sqlite3_column_double(statement, column)
                    row.append(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.6g", value))
                default: row.append(String(cString: sqlite3_column_text(statement, column)))
                }
            }
            result.append(row)
        }
        return result
    }
}
