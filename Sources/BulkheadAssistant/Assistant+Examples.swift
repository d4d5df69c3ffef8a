import Foundation
import BulkheadCore
import BulkheadEngine

/// A member's corrected SQL waiting for an admin: it is no example until approved.
public struct ExampleSuggestion: Sendable, Hashable {
    public let id: String
    public let question: String
    public let sql: String
    public let source: String
    public let suggestedBy: UserID
    public let createdAt: Date
}

extension Assistant {
    /// The suggestions waiting for review: all of the org's for an admin, a member's own for a member.
    public func pendingExamples(_ principal: Principal) throws -> [ExampleSuggestion] {
        try stores.examples.examples(principal, status: "pending", createdBy: principal.role == .admin ? nil : principal.userID.rawValue)
            .compactMap { row in
                guard let user = UserID(rawValue: row.createdBy) else { return nil }
                return ExampleSuggestion(id: row.id, question: row.question, sql: row.sql, source: row.source ?? "",
                                         suggestedBy: user, createdAt: row.createdAt)
            }
    }

    /// Approves a pending suggestion (admins): it becomes an example, retrieved for similar
    /// questions. Its SQL is run through the sandbox again first.
    public func approveExample(_ principal: Principal, id: String) async throws {
        try principal.requireAdmin()
        let suggestion = try pending(principal, id: id)
        _ = try engine.query(principal, source: suggestion.source, sql: suggestion.sql, options: QueryOptions(rowCap: 1))
        try review(principal, id: id, status: "approved")
        try await knowledge.indexExample(principal, id: id, question: suggestion.question, sql: suggestion.sql, source: suggestion.source)
    }

    /// Rejects a pending suggestion (admins): it is kept, marked rejected, and never retrieved.
    public func rejectExample(_ principal: Principal, id: String) throws {
        try principal.requireAdmin()
        _ = try pending(principal, id: id)
        try review(principal, id: id, status: "rejected")
        _ = try? knowledge.removeExample(principal, id: id)
    }

    private func pending(_ principal: Principal, id: String) throws -> ExampleSuggestion {
        guard let found = try pendingExamples(principal).first(where: { $0.id == id }) else {
            throw BulkheadError.notFound(kind: "suggestion", name: id)
        }
        return found
    }

    private func review(_ principal: Principal, id: String, status: String) throws {
        _ = try stores.examples.review(principal, id: id, status: status, by: principal.userID.rawValue)
    }
}
