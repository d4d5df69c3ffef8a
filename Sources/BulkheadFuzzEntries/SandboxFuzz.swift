import BulkheadCore
import BulkheadDemo
import BulkheadEngine
import Foundation

/// SQL text through the sandbox, on the demo's retail database: prepare (SQLite's parser and the
/// authorizer), and a short run of whatever passes, within a 20 ms limit and five rows.
///
/// Properties: a refusal or a failure is one of our safe errors, never anything else, and a
/// statement the sandbox ran was read-only (the database file is unchanged afterwards).
enum SandboxFuzz {
    /// The demo's retail database, written once per process, with its bytes for the read-only check.
    static let database: (connection: SandboxedConnection, path: String, size: Int)? = {
        let catalog = DemoCatalog()
        guard let retail = catalog.orgs.first else { return nil }
        let url = FuzzScratch.folder.appendingPathComponent("retail.sqlite")
        try? catalog.writeSource(for: retail, to: url)
        guard let connection = try? SandboxedConnection(path: url.path),
              let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int else { return nil }
        return (connection, url.path, size)
    }()

    static let options = QueryOptions(timeLimit: 0.02, rowCap: 5)

    static func run(_ data: Data) {
        guard let database else { preconditionFailure("the fuzz database could not be made") }
        let sql = String(decoding: data, as: UTF8.self)
        do {
            _ = try database.connection.prepare(sql)
            _ = try database.connection.execute(sql, options: options)
        } catch is BulkheadError {
            // Refused or failed, safely.
        } catch {
            preconditionFailure("the sandbox threw something that is not a BulkheadError: \(type(of: error))")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: database.path)[.size] as? Int) ?? -1
        precondition(size == database.size, "the sandbox changed its database file")
    }
}
