import BulkheadCore
import BulkheadStore
import Foundation
import GRDB

/// Which org has connected which resolved file, so no org can connect a file another org has.
///
/// Folders are granted by the operator and never overlap across orgs (``FolderGrants``), but a
/// file can still be reached twice (a grant revoked and given to another org, a hard link made
/// before a grant), so a connected file is claimed, and the first org to connect it keeps it. The
/// claims live in the control plane (so every process and server shares them), are never shown
/// to a tenant, and a refusal caused by one reads exactly like any other path refusal.
struct SourceClaims: Sendable {
    let control: any ControlStore

    /// Records that `org` connects `path` as `source`; refuses when another org holds it.
    func claim(_ path: String, org: OrgID, source: SourceID) throws {
        try control.write(.service, "engine-claims") { tx in
            if try tx.claimHolders(path).contains(where: { $0 != org }) { throw SourcePathPolicy.refusal }
            try tx.insertClaim(path, org: org, source: source.rawValue)
        }
    }

    /// Throws the path refusal when `path` is claimed by an org other than `org`.
    func check(_ path: String, org: OrgID) throws {
        let holders = try control.read(.service, "engine-claims") { try $0.claimHolders(path) }
        if holders.contains(where: { $0 != org }) { throw SourcePathPolicy.refusal }
    }

    /// Forgets every claim of one org (when the org is deleted).
    func release(org: OrgID) throws {
        try control.write(.service, "engine-claims") { try $0.deleteClaims(org: org) }
    }

    /// Forgets the claims of one source.
    func release(source: SourceID, org: OrgID) throws {
        try control.write(.service, "engine-claims") { try $0.deleteClaims(source: source.rawValue, org: org) }
    }

    /// Moves the claims of the engine's former `source-claims.db` (homes made before claims moved
    /// to the control plane) into the control plane, then removes the file.
    func importLegacyFile(at url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let rows = try DatabaseQueue(path: url.path).read { db in
            try Row.fetchAll(db, sql: "SELECT resolved_path, org_id, source_id FROM claims")
        }
        try control.write(.service, "engine-claims-import") { tx in
            for row in rows {
                guard let org = OrgID(rawValue: row["org_id"]), try tx.organizationExists(org) else { continue }
                try tx.insertClaim(row["resolved_path"], org: org, source: row["source_id"])
            }
        }
        try FileManager.default.removeItem(at: url)
    }
}
