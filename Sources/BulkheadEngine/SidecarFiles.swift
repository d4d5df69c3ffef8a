import BulkheadCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files SQLite keeps beside a database (`-wal`, `-shm`, `-journal`), checked before a
/// sandboxed connection opens a source.
///
/// The sandbox opens sources immutable, so SQLite never reads these files (see
/// `SandboxedConnection`); that alone defeats a hard link to another org's live `-wal` placed
/// beside a stub. This check is the second, louder layer: a source whose sidecar is a symlink, a
/// hard link, not a regular file, or owned by another user than the database file is refused
/// with a sentence that says so, instead of being opened as if the sidecar were not there.
enum SidecarFiles {
    /// The suffixes SQLite appends to a database's path.
    static let suffixes = ["-wal", "-shm", "-journal"]

    static let refusal = BulkheadError.invalidInput(
        "that source cannot be read: a -wal, -shm or -journal file beside it is a link, not a regular file, or belongs to another user")

    /// Throws `refusal` when a sidecar of the database at `path` exists and is not a plain file of its own.
    static func check(_ path: String) throws {
        var database = stat()
        guard lstat(path, &database) == 0 else { return }
        for suffix in suffixes {
            var info = stat()
            guard lstat(path + suffix, &info) == 0 else { continue }
            guard (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1, info.st_uid == database.st_uid else { throw refusal }
        }
    }
}
