import BulkheadCore
import Dispatch
import Logging

extension QueryEngine {
    /// Runs one read-only statement on one of the principal's sources and returns its rows (at most the row cap).
    ///
    /// `source` is the source's name in the principal's org, or its id. Takes one query token of
    /// the org; the statement runs in the sandbox with the time limit and row cap of `options`.
    /// Log lines carry ids, durations and error codes only.
    ///
    /// Every call takes its token, whatever the source: a missing source and another org's (which
    /// answers exactly like a missing one) take it when they are not found, a found one with its
    /// statement slot, in one round of bookkeeping. So the token count tells a prober nothing, and
    /// an org out of tokens is refused alike for every name.
    public func query(
        _ principal: Principal, source: String, sql: String, parameters: [SQLValue] = [],
        options: QueryOptions = QueryOptions()
    ) throws -> QueryResult {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let record: SourceRecord
            do {
                record = try resolve(principal, source)
            } catch {
                try rateLimiter.takeQuery(for: principal.orgID)
                throw error
            }
            let result: QueryResult
            if record.info.kind == .postgres {
                try rateLimiter.takeQuery(for: principal.orgID)
                result = try postgresQuery(principal, record, reference: source, sql: sql, parameters: parameters, options: options)
            } else {
                let (lease, _) = try lease(principal, record, reference: source, takingQueryToken: true)
                defer { lease.release() }
                result = try lease.connection.execute(sql, parameters: parameters, options: options)
            }
            logger.debug("query", metadata: [
                "org": "\(principal.orgID)", "user": "\(principal.userID)", "source": "\(record.info.id)",
                "rows": "\(result.rowCount)", "ms": "\(milliseconds(since: started))",
            ])
            return result
        } catch {
            throw failure(error, operation: "query", principal: principal, started: started)
        }
    }

    /// Starts one read-only statement and returns a cursor that reads its rows page by page.
    ///
    /// The cursor holds a pooled connection and one of the org's statement slots until it is
    /// finished or closed. The time limit counts execution time across pages; there is no row
    /// cap, because the cursor never holds more than one page.
    public func openCursor(
        _ principal: Principal, source: String, sql: String, parameters: [SQLValue] = [],
        options: QueryOptions = QueryOptions()
    ) throws -> QueryCursor {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try rateLimiter.takeQuery(for: principal.orgID)
            let record = try resolve(principal, source)
            guard record.info.kind != .postgres else {
                throw BulkheadError.invalidInput("paging is not available for PostgreSQL sources yet; run the query without a cursor")
            }
            let (lease, _) = try lease(principal, record, reference: source)
            let cursor = try SandboxedConnection.cursor(lease: lease, sql: sql, parameters: parameters, options: options)
            logger.debug("cursor", metadata: [
                "org": "\(principal.orgID)", "user": "\(principal.userID)", "source": "\(record.info.id)",
                "ms": "\(milliseconds(since: started))",
            ])
            return cursor
        } catch {
            throw failure(error, operation: "cursor", principal: principal, started: started)
        }
    }

    /// Logs a failure by code and returns the safe error to throw.
    func failure(_ error: any Error, operation: String, principal: Principal, started: UInt64) -> BulkheadError {
        let safe = BulkheadError.safe(error, code: "engine-\(operation)")
        logger.notice("\(operation) failed", metadata: [
            "org": "\(principal.orgID)", "user": "\(principal.userID)", "code": "\(safe.code)",
            "ms": "\(milliseconds(since: started))",
        ])
        return safe
    }
}
