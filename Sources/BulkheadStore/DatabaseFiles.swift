import Foundation
import GRDB
import BulkheadCore

/// Opening rules shared by every GRDB database Bulkhead keeps: 0600 files, WAL, foreign keys, a busy timeout.
enum DatabaseFiles {
    /// Creates an empty 0600 file when none exists, so SQLite (which gives its WAL and shared-memory
    /// files the mode of the main file) never makes a world-readable database.
    static func ensurePrivateFile(at url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BulkheadError.internalFailure(code: "db-create") }
        fchmod(fd, 0o600)
        close(fd)
    }

    /// The configuration every Bulkhead database starts from.
    static func configuration(label: String) -> Configuration {
        var config = Configuration()
        config.label = label
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.journalMode = .wal
        return config
    }
}
