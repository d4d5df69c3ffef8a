import Foundation
import GRDB
import BulkheadCore
import BulkheadStore

extension Assistant {
    /// Copies one example from one org to another: an explicit act that needs a verified admin of
    /// each org. The copy is recorded in the receiving org with where it came from, and its
    /// provenance says "shared by <org>" in every prompt it reaches. Nothing else crosses.
    @discardableResult
    public func shareExample(_ exampleID: String, from giver: Principal, to receiver: Principal,
                             targetSource: String, events: any SecurityEventRecorder) async throws -> String {
        try giver.requireAdmin()
        try receiver.requireAdmin()
        guard giver.orgID != receiver.orgID else { throw BulkheadError.invalidInput("an example is shared with another organization") }
        let row = try tenants.database(for: giver).read { db in
            try Row.fetchOne(db, sql: "SELECT question, sql FROM examples WHERE id = ?", arguments: [exampleID])
        }
        guard let row else { throw BulkheadError.notFound(kind: "example", name: exampleID) }
        let question: String = row["question"], sql: String = row["sql"]
        _ = try engine.listSources(receiver).first { $0.name == targetSource }
            ?? { throw BulkheadError.notFound(kind: "source", name: targetSource) }()
        let id = "ex-shared-" + RequestID.random(prefix: "s", using: random).rawValue
        try tenants.database(for: receiver).write { db in
            try db.execute(sql: """
                INSERT INTO examples (id, question, sql, source, origin, shared_from_org, created_by, created_at)
                VALUES (?, ?, ?, ?, 'shared', ?, ?, ?)
                """, arguments: [id, question, sql, targetSource, giver.orgName, receiver.userID.rawValue, clock.now()])
        }
        try await knowledge.indexExample(receiver, id: id, question: question, sql: sql, source: targetSource, sharedFrom: giver.orgName)
        events.record(SecurityEvent(kind: "example_shared", orgID: receiver.orgID, userID: receiver.userID,
                                    detail: "from org \(giver.orgID) by user \(giver.userID)"))
        return id
    }
}
