import BulkheadBackend
import BulkheadPostgresKit

/// The store an audit attacks.
///
/// The SQLite files of a throwaway home by default. With a PostgreSQL store, the audit makes its
/// throwaway orgs in that database (removed again at the end) and also attacks its row-level
/// security directly, connected as the same server role; an operator key of that installation
/// is needed there unless the database has no operator yet (a fresh one).
public struct AuditTarget: Sendable {
    /// The store.
    public let backend: StoreBackend
    /// The text of the installation's operator key, for a store that has its operator already.
    public let operatorKey: String?

    /// The SQLite files of a throwaway home.
    public static let sqlite = AuditTarget(backend: .sqlite, operatorKey: nil)

    public init(backend: StoreBackend, operatorKey: String?) {
        self.backend = backend
        self.operatorKey = operatorKey
    }

    /// True for a PostgreSQL store.
    public var isPostgres: Bool {
        if case .postgres = backend { return true }
        return false
    }

    /// The server role's URL, for a PostgreSQL store.
    var postgresURL: PostgresURL? {
        if case let .postgres(url) = backend { return url }
        return nil
    }
}
