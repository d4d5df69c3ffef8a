import Foundation
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

    private let control: any ControlStore
    private let clock: any Clock

    public init(control: any ControlStore, clock: any Clock) {
        self.control = control
        self.clock = clock
    }

    /// The resolved folders granted to `org`, sorted.
    public func folders(of org: OrgID) throws -> [String] {
        try control.read(.service, "grants-read") { try $0.folders(of: org) }
    }

    /// Every grant of every org (operator views only).
    public func all() throws -> [Grant] {
        try control.read(.operator, "grants-read") { try $0.folderGrants().map { Grant(path: $0.path, orgID: $0.org) } }
    }

    /// Grants the resolved folder `path` to `org`. Granting the same folder to the same org twice is harmless.
    ///
    /// - Throws: `notPermitted` when the folder is, contains or lies inside a folder of another org.
    public func grant(_ path: String, to org: OrgID, by grantor: OperatorPrincipal, checkOverlap: Bool = true) throws {
        try control.write(.operator, "grants-write") { tx in
            guard try tx.organizationExists(org) else { throw BulkheadError.notFound(kind: "organization", name: org.rawValue) }
            for other in try tx.folderGrants() where checkOverlap && other.org != org {
                if Self.isInside(path, other.path) || Self.isInside(other.path, path) {
                    throw BulkheadError.notPermitted(
                        "that folder cannot be granted: it is, contains or lies inside a folder granted to another organization")
                }
            }
            try tx.insertFolderGrant(path, org: org, by: grantor.operatorID, at: clock.now())
        }
    }

    /// Withdraws a grant; returns false when `org` had no such grant.
    @discardableResult
    public func revoke(_ path: String, from org: OrgID) throws -> Bool {
        try control.write(.operator, "grants-write") { try $0.deleteFolderGrant(path, org: org) }
    }

    /// True when the resolved `path` is `folder` or lies below it.
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return path.hasPrefix("/") }
        return path == folder || path.hasPrefix(folder + "/")
    }
}
