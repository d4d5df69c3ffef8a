import GRDB
import BulkheadCore

/// One organization's database, already checked to carry that organization's stamp.
///
/// Obtain it from `TenantDatabases` for each operation rather than keeping it: a restore
/// replaces the file and bumps `generation`, and caches built from the data should key on it.
public struct TenantDatabase: Sendable {
    /// The organization every row in this file belongs to.
    public let orgID: OrgID
    /// Bumped whenever the file is replaced (a restore), so caches can tell their copy is stale.
    public let generation: Int
    let pool: DatabasePool

    /// Runs a read in a snapshot of the org's data.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Runs a write in one transaction of the org's data.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }
}
