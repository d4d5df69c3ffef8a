import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Logging

extension Stores {
    /// Every store on the PostgreSQL database at `url`, connected as the server role.
    ///
    /// Refuses (with the reason) when the role could step around row-level security or the schema
    /// is missing or older than this build. The pool is shared by every store and closed by `close`.
    public static func postgres(url: PostgresURL, clock: any Clock, runtime: PostgresRuntime = PostgresRuntime(),
                                maximumConnections: Int = 8) throws -> Stores {
        let store = try runtime.wait {
            try await PostgresStore.open(url: url, runtime: runtime, maximumConnections: maximumConnections)
        }
        return postgres(store: store, clock: clock)
    }

    /// Every store over an open `PostgresStore`.
    public static func postgres(store: PostgresStore, clock: any Clock) -> Stores {
        Stores(control: PostgresControlStore(store: store, clock: clock), tenants: PostgresTenantSpaces(store: store, clock: clock),
               sources: PostgresSourceCatalog(store: store), vectors: PostgresVectorRows(store: store),
               archive: PostgresTenantArchive(store: store), rows: PostgresTenantRows(store: store),
               limits: PostgresSharedLimits(store: store), files: nil, scopes: PostgresRequestScopes(store: store),
               close: { store.close() })
    }
}
