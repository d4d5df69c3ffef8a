import BulkheadCore
import GRDB

extension TenantDatabases {
    /// Reads the principal's own tenant file; storage failures become `internalFailure(code:)`.
    func read<T>(_ principal: Principal, _ code: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database(for: principal).read(body)
        } catch {
            throw BulkheadError.safe(error, code: code)
        }
    }

    /// Writes the principal's own tenant file in one transaction; storage failures become `internalFailure(code:)`.
    func write<T>(_ principal: Principal, _ code: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database(for: principal).write(body)
        } catch {
            throw BulkheadError.safe(error, code: code)
        }
    }
}
