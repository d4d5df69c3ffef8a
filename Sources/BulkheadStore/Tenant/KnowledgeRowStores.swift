import BulkheadCore
import Foundation

/// A business note as stored, with the org stamped on its row.
public struct StoredNote: Sendable, Hashable {
    public let id: String
    public let text: String
    public let createdAt: Date
    /// The org the row carries (read from the row, never from the caller).
    public let orgID: OrgID

    public init(id: String, text: String, createdAt: Date, orgID: OrgID) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
        self.orgID = orgID
    }
}

/// The org's business notes. Every call takes the verified principal, whose org alone picks the rows.
public protocol NoteStore: Sendable {
    func insertNote(_ principal: Principal, id: String, text: String, at: Date) throws
    /// Every note of the org, oldest first.
    func notes(_ principal: Principal) throws -> [StoredNote]
}

/// A question-to-SQL example as stored, with the org stamped on its row.
public struct StoredExample: Sendable, Hashable {
    public let id: String
    public let question: String
    public let sql: String
    public let source: String?
    /// `manual`, `feedback`, `shared`, …
    public let origin: String
    /// `approved`, `pending` or `rejected`.
    public let status: String
    /// The org name it was shared from, for a shared example.
    public let sharedFromOrg: String?
    public let createdBy: String
    public let createdAt: Date
    /// The org the row carries (read from the row; ignored when writing).
    public let orgID: OrgID

    public init(id: String, question: String, sql: String, source: String?, origin: String, status: String, sharedFromOrg: String?,
                createdBy: String, createdAt: Date, orgID: OrgID) {
        self.id = id
        self.question = question
        self.sql = sql
        self.source = source
        self.origin = origin
        self.status = status
        self.sharedFromOrg = sharedFromOrg
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.orgID = orgID
    }
}

/// The org's question-to-SQL examples and members' suggestions.
public protocol ExampleStore: Sendable {
    /// Records an example; with `replacing`, one with the same id is replaced.
    func putExample(_ principal: Principal, _ example: StoredExample, replacing: Bool) throws
    func example(_ principal: Principal, id: String) throws -> StoredExample?
    /// The examples with `status` (of `createdBy` only, when given), oldest first.
    func examples(_ principal: Principal, status: String, createdBy: String?) throws -> [StoredExample]
    /// Moves a `pending` example to `status`; false when it was not pending.
    func review(_ principal: Principal, id: String, status: String, by reviewer: String) throws -> Bool
}
