import Foundation
import BulkheadCore

/// A key kept in one private file of the home, made on first use: the token signing key, the
/// backup authentication key, the operator key.
///
/// A new key is written to a private staging file first and then hard-linked into place, which
/// fails if the file already exists: when two processes start on a fresh home at once, one key
/// wins and both use it, instead of the second silently replacing the first's key (which would
/// void everything the first had signed). A key file that others may read is refused rather
/// than used: whoever can read it holds the power it stands for.
public enum PrivateKeyFile {
    /// Loads the key at `url` with `decode`, or makes one with `make`, stores it (0600) and returns it.
    ///
    /// - Returns: the key, and whether this call created it.
    /// - Throws: `integrity` when the file exists but is not private or does not decode.
    public static func loadOrCreate<Key>(
        at url: URL, in workspace: Workspace, purpose: String,
        make: () throws -> (Data, Key), decode: (Data) -> Key?
    ) throws -> (key: Key, created: Bool) {
        if FileManager.default.fileExists(atPath: url.path) {
            return (try load(at: url, purpose: purpose, decode: decode), false)
        }
        let (bytes, key) = try make()
        let staging = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).new")
        do {
            try workspace.writePrivateFile(bytes, to: staging)
        } catch {
            throw BulkheadError.safe(error, code: "key-write")
        }
        defer { unlink(staging.path) }
        guard link(staging.path, url.path) == 0 else {
            guard errno == EEXIST else { throw BulkheadError.internalFailure(code: "key-link") }
            return (try load(at: url, purpose: purpose, decode: decode), false)
        }
        return (key, true)
    }

    /// Reads a key file, refusing one that is not private to its owner or does not decode.
    public static func load<Key>(at url: URL, purpose: String, decode: (Data) -> Key?) throws -> Key {
        let files = FileManager.default
        let mode = (try? files.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? 0o777
        guard mode & 0o077 == 0 else {
            throw BulkheadError.integrity("the \(purpose) file must be private to its owner (mode 0600)")
        }
        guard let data = files.contents(atPath: url.path), let key = decode(data) else {
            throw BulkheadError.integrity("the \(purpose) file is unreadable")
        }
        return key
    }
}
