import Foundation
import GRDBSQLite

/// Makes a SQLite file for a test source with the system SQLite library (the CLI tests drive the
/// binary; only this helper opens a database).
enum SQLiteFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Creates `url` (its folder too) and runs `sql` in it.
    static func make(at url: URL, sql: String) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var handle: OpaquePointer?
        guard sqlite3_open_v2(url.path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            throw Failure(description: "cannot open \(url.path)")
        }
        defer { sqlite3_close_v2(handle) }
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
            throw Failure(description: String(cString: sqlite3_errmsg(handle)))
        }
    }
}
