import BulkheadPostgresKit

/// A database of the throwaway cluster loaded from a SQLite file, with a read-only role that may read its tables.
public struct LoadedDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// The read-only role's URL, with its password: what a tenant would connect as a source.
    public let readerURL: PostgresURL
    /// The cluster superuser's URL on this database.
    public let superuserURL: PostgresURL
}
