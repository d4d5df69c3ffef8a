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

    /// Reads `--store` and `--operator-key` from `arguments`.
    static func parse(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BenchStore {
        func value(_ flag: String) -> String? {
            arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        let backend = try StoreBackend.resolve(option: value("--store"), environment: environment)
        let keyPath = value("--operator-key") ?? environment["BULKHEAD_OPERATOR_KEY"]
        let key = try keyPath.map { path -> String in
            guard let data = FileManager.default.contents(atPath: path) else { throw BulkheadError.invalidInput("the operator key file cannot be read") }
            return String(decoding: data, as: UTF8.self)
        }
        return BenchStore(backend: backend, operatorKey: key)
    }
}
