import BulkheadCore
import BulkheadStore
import Foundation

/// The engine's view of the org's catalog of sources, over whichever store keeps it.
///
/// Every read takes the verified principal, which picks the org's own rows; a stored row that
/// does not parse (an unknown kind, a malformed id) is skipped, never guessed at.
struct SourceCatalog: Sendable {
    let store: any SourceCatalogStore

    func source(named name: String, _ principal: Principal) throws -> SourceRecord? {
        try store.source(principal, named: name).flatMap { Self.record($0, org: principal.orgID) }
    }

    func source(id: SourceID, _ principal: Principal) throws -> SourceRecord? {
        try store.source(principal, id: id.rawValue).flatMap { Self.record($0, org: principal.orgID) }
    }

    /// A held record read again from its owner's catalog (after the owner check).
    func refreshed(_ record: SourceRecord) throws -> SourceRecord? {
        try store.source(id: record.info.id.rawValue, ownedBy: record.owner).flatMap { Self.record($0, org: record.owner) }
    }

    func all(_ principal: Principal) throws -> [SourceRecord] {
        try store.sources(principal).compactMap { Self.record($0, org: principal.orgID) }
    }

    func insert(_ record: SourceRecord, _ principal: Principal) throws {
        try store.insert(principal, StoredSource(
            id: record.info.id.rawValue, name: record.info.name, kind: record.info.kind.rawValue, location: record.info.location,
            resolvedLocation: record.resolvedLocation, packaged: record.packaged, sealedSecret: record.sealedSecret,
            createdBy: record.info.createdBy.rawValue, createdAt: record.info.createdAt))
    }

    func delete(_ id: SourceID, _ principal: Principal) throws {
        try store.delete(principal, id: id.rawValue)
    }

    private static func record(_ row: StoredSource, org: OrgID) -> SourceRecord? {
        guard let id = SourceID(rawValue: row.id), let kind = SourceKind(rawValue: row.kind),
              let createdBy = UserID(rawValue: row.createdBy) else { return nil }
        let info = SourceInfo(id: id, name: row.name, kind: kind, location: row.location, createdBy: createdBy, createdAt: row.createdAt)
        return SourceRecord(info: info, owner: org, resolvedLocation: row.resolvedLocation, packaged: row.packaged,
                            sealedSecret: row.sealedSecret)
    }
}
