import BulkheadCore
import Foundation

/// The store-specific half of backup and restore: an org's tenant data to and from one SQLite
/// file of the tenant schema (``TenantSchema``), the payload of every backup.
///
/// ``TenantBackup`` does the rest once for both stores: the header, its HMAC bound to the org,
/// the checks of a payload (version, checksum, SQLite's integrity check, the stamp, the org of
/// every row). So a backup has one format whichever store made it, and a backup made on one
/// store restores on the other.
public protocol TenantArchive: Sendable {
    /// Writes the principal's org's tenant data into the new SQLite file at `url`.
    func export(_ principal: Principal, to url: URL) throws
    /// Replaces the principal's org's tenant data with the rows of the file at `url`, which has
    /// passed every check and is migrated to the current schema. It either replaces everything
    /// or changes nothing, and every vector collection gets a new version, so no cache serves the
    /// rows it held before.
    func replace(_ principal: Principal, from url: URL) throws
}

/// The org's own SQLite file, copied whole with SQLite's online backup and swapped in with a rename.
struct SQLiteTenantArchive: TenantArchive {
    let files: TenantDatabases

    func export(_ principal: Principal, to url: URL) throws {
        try files.copy(org: principal.orgID, to: url)
    }

    func replace(_ principal: Principal, from url: URL) throws {
        try files.swapIn(org: principal.orgID, from: url)
    }
}
