import Foundation
import GRDB
import BulkheadCore

/// The folders the operator granted each organization, kept in the control plane.
///
/// A tenant's sources may live only under its org's grants. Grants are chosen by the operator,
/// never by a tenant, so no org can claim `/` first and lock the others out, and no tenant admin
/// can point the server at an arbitrary path. A resolved path belongs to one org at most, and no
/// org's grant may be, contain or lie inside another org's; that rule is checked here, in the
/// same transaction that writes the grant, so two operators granting at once cannot overlap.
/// Which folders may be granted at all (not `/`, not `/proc`, not the home) is decided before
/// this, by the engine's path policy.
public struct FolderGrants: Sendable {
    /// One grant, as the operator sees it.
    public struct Grant: Sendable, Hashable {
        /// The resolved folder.
        public let path: String
        /// The org it belongs to.
        public let orgID: OrgID
    }

    private let control: ControlDatabase
    private let clock: any Clock

    public init(control: ControlDatabase, clock: any Clock) {
        self.control = control
        self.clock = clock
    }

    /// The resolved folders granted to `org`, sorted.
    public func folders(of org: OrgID) throws -> [String] {
        try access("grants-read") { try control.writer.read { db in
            try String.fetchAll(db, sql: "SELECT resolved_path FROM folder_grants WHERE org_id = ? ORDER BY resolved_path",
                                arguments: [org.rawValue])
        } }
    }

    /// Every grant of every org (operator views only).
    public func all() throws -> [Grant] {
        try access("grants-read") { try control.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT resolved_path, org_id FROM folder_grants ORDER BY resolved_path").compactMap { row in
                OrgID(rawValue: row["org_id"]).map { Grant(path: row["resolved_path"], orgID: $0) }
            }
        } }
    }

    /// Grants the resolved folder `path` to `org`. Granting the same folder to the same org twice is harmless.
    ///
    /// - Throws: `notPermitted` when the folder is, contains or lies inside a folder of another org.
    public func grant(_ path: String, to org: OrgID, by grantor: OperatorPrincipal, checkOverlap: Bool = true) throws {
        try access("grants-write") { try control.writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM organizations WHERE id = ?", arguments: [org.rawValue]) ?? false else {
                throw BulkheadError.notFound(kind: "organization", name: org.rawValue)
            }
            let others = try Row.fetchAll(db, sql: "SELECT resolved_path FROM folder_grants WHERE org_id <> ?",
                                          arguments: [org.rawValue])
            for row in others where checkOverlap {
                let other: String = row["resolved_path"]
                if Self.isInside(path, other) || Self.isInside(other, path) {
                    throw BulkheadError.notPermitted(
                        "that folder cannot be granted: it is, contains or lies inside a folder granted to another organization")
                }
            }
            try db.execute(sql: """
                INSERT OR IGNORE INTO folder_grants (resolved_path, org_id, granted_by, granted_at) VALUES (?, ?, ?, ?)
                """, arguments: [path, org.rawValue, grantor.operatorID.rawValue, clock.now()])
        } }
    }

    /// Withdraws a grant; returns false when `org` had no such grant.
    @discardableResult
    public func revoke(_ path: String, from org: OrgID) throws -> Bool {
        try access("grants-write") { try control.writer.write { db in
            try db.execute(sql: "DELETE FROM folder_grants WHERE resolved_path = ? AND org_id = ?", arguments: [path, org.rawValue])
            return db.changesCount > 0
        } }
    }

    /// True when the resolved `path` is `folder` or lies below it.
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return path.hasPrefix("/") }
        return path == folder || path.hasPrefix(folder + "/")
    }

    private func access<T>(_ code: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BulkheadError {
            throw error
        } catch {
            throw BulkheadError.internalFailure(code: code)
        }
    }
}
