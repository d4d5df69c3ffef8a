import Foundation
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
        guard let row = try stores.examples.example(giver, id: exampleID) else { throw BulkheadError.notFound(kind: "example", name: exampleID) }
        let question = row.question, sql = row.sql
        _ = try engine.listSources(receiver).first { $0.name == targetSource }
            ?? { throw BulkheadError.notFound(kind: "source", name: targetSource) }()
        let id = "ex-shared-" + RequestID.random(prefix: "s", using: random).rawValue
        try stores.examples.putExample(receiver, StoredExample(
            id: id, question: question, sql: sql, source: targetSource, origin: "shared", status: "approved", sharedFromOrg: giver.orgName,
            createdBy: receiver.userID.rawValue, createdAt: clock.now(), orgID: receiver.orgID), replacing: false)
        try await knowledge.indexExample(receiver, id: id, question: question, sql: sql, source: targetSource, sharedFrom: giver.orgName)
        events.record(SecurityEvent(kind: "example_shared", orgID: receiver.orgID, userID: receiver.userID,
                                    detail: "from org \(giver.orgID) by user \(giver.userID)"))
        return id
    }
}
