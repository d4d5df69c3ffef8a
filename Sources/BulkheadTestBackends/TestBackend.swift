import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit
import BulkheadStore
import Foundation

/// The two stores every store-level suite runs on, as a test argument.
public enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The home's SQLite files.
    case sqlite
    /// A fresh database in the throwaway PostgreSQL cluster, as the server role.
    case postgres

    public var description: String { rawValue }

    /// Opens the stores of this backend for a test home at `workspace`.
    public func open(workspace: Workspace, clock: any Clock) throws -> TestStores {
        switch self {
        case .sqlite:
            return TestStores(stores: try .sqlite(workspace: workspace, clock: clock), database: nil)
        case .postgres:
            do {
                return try openPostgres(clock: clock)
            } catch let error as BulkheadError {
                throw error
            } catch {
                // Tests only: the server's own words say why a throwaway database could not be made.
                throw TestBackendFailure(detail: String(reflecting: error))
            }
        }
    }

    private func openPostgres(clock: any Clock) throws -> TestStores {
        let database = try StoreTemplate.shared().makeDatabase()
        do {
            let store = try database.openStore()
            return TestStores(stores: .postgres(store: store, clock: clock), database: database, postgres: store)
        } catch {
            database.drop()
            throw error
        }
    }
}

/// Why a test's PostgreSQL store could not be opened, with the server's detail (tests only).
public struct TestBackendFailure: Error, CustomStringConvertible {
    public let detail: String
    public var description: String { detail }
}

/// The stores a test runs on; closes them (and drops a PostgreSQL test database) when released.
public final class TestStores: Sendable {
    public let stores: Stores
    /// The PostgreSQL database behind the stores, when they are on PostgreSQL.
    public let database: StoreDatabase?
    /// The PostgreSQL store, for tests that check rows below the application.
    public let postgres: PostgresStore?

    init(stores: Stores, database: StoreDatabase?, postgres: PostgresStore? = nil) {
        self.stores = stores
        self.database = database
        self.postgres = postgres
    }

    deinit {
        stores.close()
        database?.drop()
    }
}
