import Foundation
import BulkheadCore
import BulkheadEngine

extension Assistant {
    /// Opens a cursor over a previous answer's whole result, optionally sorted, for browsing,
    /// exporting and streaming to the command line.
    ///
    /// The statement stored in the org's request log is wrapped (`SELECT * FROM (…) ORDER BY n`)
    /// and runs in the sandbox again under the caller's principal, so another org's request id is
    /// "not found" and the rows are read now, never from a cache. The cursor holds one of the
    /// org's statement slots until it is finished or closed.
    public func openResult(_ principal: Principal, requestID: String, order: ResultOrder? = nil) throws -> QueryCursor {
        let record = try log.record(requestID, for: principal)
        guard let sql = record.sql, let source = record.source else {
            throw BulkheadError.notFound(kind: "result", name: requestID)
        }
        var inner = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        while inner.hasSuffix(";") { inner = String(inner.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        var wrapped = "SELECT * FROM (\n\(inner)\n)"
        if let order {
            guard order.column >= 0, order.column < 2_000 else { throw BulkheadError.invalidInput("no such column to sort by") }
            wrapped += " ORDER BY \(order.column + 1)" + (order.descending ? " DESC" : " ASC")
        }
        return try engine.openCursor(principal, source: source, sql: wrapped)
    }
}
