import BulkheadCore
import Foundation

/// One source as an org's catalog keeps it (the engine's `SourceRecord`, in storable form).
public struct StoredSource: Sendable, Hashable {
    public let id: String
    public let name: String
    /// `sqlite`, `csv` or `postgres`.
    public let kind: String
    /// What the admin gave: a path, or a PostgreSQL URL without its password.
    public let location: String
    /// The resolved path at add time (the URL for a network source).
    public let resolvedLocation: String
    /// A file the package itself placed in the org's own area (the demo's).
    public let packaged: Bool
    /// A network source's password, sealed for the org and the source.
    public let sealedSecret: String?
    public let createdBy: String
    public let createdAt: Date

    public init(id: String, name: String, kind: String, location: String, resolvedLocation: String, packaged: Bool,
                sealedSecret: String?, createdBy: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.kind = kind
        self.location = location
        self.resolvedLocation = resolvedLocation
        self.packaged = packaged
        self.sealedSecret = sealedSecret
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// An org's catalog of sources: the engine's only storage.
///
/// Every call but one takes the verified principal, whose org alone picks the rows (its own
/// tenant file, or its claims under row-level security). Storage failures become
/// `internalFailure` with a code; nothing echoes a stored value.
public protocol SourceCatalogStore: Sendable {
    func source(_ principal: Principal, named name: String) throws -> StoredSource?
    func source(_ principal: Principal, id: String) throws -> StoredSource?
    /// Re-reads a source the engine already holds, from its owner's catalog. Only for the engine's
    /// refresh of a record whose owner it has just checked against the caller.
    func source(id: String, ownedBy org: OrgID) throws -> StoredSource?
    /// Every source of the principal's org, by name.
    func sources(_ principal: Principal) throws -> [StoredSource]
    /// Records a source. - Throws: `conflict` when the name is taken in the org.
    func insert(_ principal: Principal, _ source: StoredSource) throws
    func delete(_ principal: Principal, id: String) throws
}
