import BulkheadBackend
import BulkheadCore
import Foundation

/// Which store a benchmark runs on: `--store sqlite|postgres://USER@HOST:PORT/DB` (default
/// `BULKHEAD_STORE`, else SQLite). On PostgreSQL the server role's password comes from
/// `BULKHEAD_STORE_PASSWORD` as for `bulkhead`, and a database that has its operator already needs
/// `--operator-key FILE` (or `BULKHEAD_OPERATOR_KEY`); the benchmark's org is removed at the end.
struct BenchStore {
    let backend: StoreBackend
    let operatorKey: String?

    /// The JSON label of the store.
    var label: String {
        if case .postgres = backend { return "postgres" }
        return "sqlite"
    }

    /// The store named by `--store` (else `BULKHEAD_STORE`, else SQLite), with the operator key
    /// read from `--operator-key` (else `BULKHEAD_OPERATOR_KEY`).
    static func resolve(store: String?, operatorKey: String?,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BenchStore {
        let backend = try StoreBackend.resolve(option: store, environment: environment)
        let keyPath = operatorKey ?? environment["BULKHEAD_OPERATOR_KEY"]
        let key = try keyPath.map { path -> String in
            guard let data = FileManager.default.contents(atPath: path) else { throw BulkheadError.invalidInput("the operator key file cannot be read") }
            return String(decoding: data, as: UTF8.self)
        }
        return BenchStore(backend: backend, operatorKey: key)
    }
}
