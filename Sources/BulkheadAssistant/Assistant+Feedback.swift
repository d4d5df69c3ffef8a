import Foundation
import BulkheadStore
import BulkheadCore
import BulkheadEngine

extension Assistant {
    /// Marks an answer good or bad. An admin's good answer or corrected SQL becomes an example of
    /// the principal's org, retrieved for similar questions; a member's is a suggestion, `pending`
    /// until an admin approves it (`approveExample`), so one member cannot steer everyone's answers.
    /// Nothing reaches another org.
    ///
    /// A corrected SQL is run once through the sandbox first, so an example can never carry a
    /// statement the sandbox would refuse.
    @discardableResult
    public func feedback(_ principal: Principal, requestID: String, good: Bool, correctedSQL: String? = nil) async throws -> String? {
        let record = try log.record(requestID, for: principal)
        try log.setFeedback(requestID, good: good, for: principal)
        let sql: String?
        if let correctedSQL {
            guard let source = record.source else { throw BulkheadError.invalidInput("this request has no source") }
            _ = try engine.query(principal, source: source, sql: correctedSQL, options: QueryOptions(rowCap: 1))
            sql = correctedSQL
        } else {
            sql = good ? record.sql : nil
        }
        guard let sql, let source = record.source else { return nil }
        let id = "ex-\(requestID)"
        let status = principal.role == .admin ? "approved" : "pending"
        try stores.examples.putExample(principal, StoredExample(
            id: id, question: record.question, sql: sql, source: source, origin: "feedback", status: status, sharedFromOrg: nil,
            createdBy: principal.userID.rawValue, createdAt: clock.now(), orgID: principal.orgID), replacing: true)
        if status == "approved" {
            try await knowledge.indexExample(principal, id: id, question: record.question, sql: sql, source: source)
        } else {
            // A replaced example that was approved before must leave the index until it is approved again.
            _ = try? knowledge.removeExample(principal, id: id)
        }
        return id
    }

    /// Adds an example written by hand (admins), as the demo does for its seed examples.
    public func addExample(_ principal: Principal, question: String, sql: String, source: String) async throws -> String {
        try principal.requireAdmin()
        _ = try engine.query(principal, source: source, sql: sql, options: QueryOptions(rowCap: 1))
        let id = "ex-" + RequestID.random(prefix: "man", using: random).rawValue
        try stores.examples.putExample(principal, StoredExample(
            id: id, question: question, sql: sql, source: source, origin: "manual", status: "approved", sharedFromOrg: nil,
            createdBy: principal.userID.rawValue, createdAt: clock.now(), orgID: principal.orgID), replacing: false)
        try await knowledge.indexExample(principal, id: id, question: question, sql: sql, source: source)
        return id
    }
}
