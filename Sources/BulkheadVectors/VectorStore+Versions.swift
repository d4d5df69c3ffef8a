import BulkheadCore
import Synchronization

/// Reading the versions of several collections at once, for a request that searches each of them.
extension VectorStore {
    /// Runs `body` with the current versions of the principal's `collections` read in one store
    /// read, so its first use of each of those collections needs no version read of its own.
    ///
    /// Each version read here serves one use, the first, and only for the principal's org (the
    /// versions are keyed by org); later uses, and every use after a write, read the version
    /// again. A cached index is therefore never older than the start of `body`: another server's
    /// write committed before it is seen, as it would be by a version read of its own.
    public func withVersions<T: Sendable>(_ principal: Principal, collections: [String],
                                          _ body: @Sendable () async throws -> T) async throws -> T {
        let names = try collections.map { try CollectionName($0).rawValue }
        let versions = try guarded(principal, code: "vectors-read") { try rows.versions(principal, names: names) }
        let read = ReadVersions(org: principal.orgID, versions: Dictionary(names.map { ($0, versions[$0]) }, uniquingKeysWith: { first, _ in first }))
        return try await ReadVersions.$current.withValue(read) { try await body() }
    }

    /// The collection's stored version: the one read ahead by `withVersions` the first time it is
    /// asked for, else a fresh read.
    func storedVersion(_ principal: Principal, _ collection: CollectionName) throws -> Int64? {
        if let read = ReadVersions.current, read.org == principal.orgID, let ahead = read.take(collection.rawValue) {
            return ahead
        }
        return try guarded(principal, code: "vectors-read") { try rows.version(principal, name: collection.rawValue) }
    }
}

/// Versions read ahead for one org, each handed out once (see `VectorStore.withVersions`).
final class ReadVersions: Sendable {
    /// The versions read ahead for the running task, if any.
    @TaskLocal static var current: ReadVersions?

    let org: OrgID
    /// By collection name: the version read (nil when the collection was missing), until used.
    private let versions: Mutex<[String: Int64?]>

    init(org: OrgID, versions: [String: Int64?]) {
        self.org = org
        self.versions = Mutex(versions)
    }

    /// The version read ahead for `name` (itself nil when the collection was missing), and forgets
    /// it; nil when none was read or it was already used.
    func take(_ name: String) -> Int64?? {
        versions.withLock { $0.removeValue(forKey: name) }
    }
}
