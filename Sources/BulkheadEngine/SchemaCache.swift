import BulkheadCore
import Synchronization

/// Introspected schemas, cached per (org, source) with the owning org recorded beside each.
///
/// An entry is served only after the engine's owner check accepts its recorded owner, and only
/// while the file's stamp (size and modification time, device and inode) is unchanged; a changed
/// file is introspected again.
final class SchemaCache: Sendable {
    struct Entry: Sendable {
        let owner: OrgID
        let stamp: FileStamp
        let schema: SourceSchema
    }

    private let entries = Mutex<[ConnectionPool.Key: Entry]>([:])

    /// The cached schema for `key` when its stamp still matches, after `checkOwner` accepted the owner.
    func lookup(_ key: ConnectionPool.Key, stamp: FileStamp, checkOwner: (OrgID) throws -> Void) throws -> SourceSchema? {
        guard let entry = entries.withLock({ $0[key] }) else { return nil }
        try checkOwner(entry.owner)
        return entry.stamp == stamp ? entry.schema : nil
    }

    /// Stores the schema of `key`, owned by `key.org`.
    func store(_ schema: SourceSchema, for key: ConnectionPool.Key, stamp: FileStamp) {
        entries.withLock { $0[key] = Entry(owner: key.org, stamp: stamp, schema: schema) }
    }

    /// Forgets the schema of `key`.
    func remove(_ key: ConnectionPool.Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
