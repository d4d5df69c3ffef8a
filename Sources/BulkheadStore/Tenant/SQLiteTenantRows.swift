import BulkheadCore
import Foundation
import GRDB

/// The assistant's and the context's tenant tables in each org's own SQLite file: notes,
/// examples, conversations, the request log, settings, the value index, evaluation runs, and the
/// provenance reads over them. The file is chosen from the principal's org; every row also
/// carries `org_id`, which the file's CHECK holds to its own org.
public struct SQLiteTenantRows: Sendable {
    let tenants: TenantDatabases

    public init(tenants: TenantDatabases) {
        self.tenants = tenants
    }

    /// The org stamped on `row` (the file's, when the column does not parse).
    static func org(_ row: Row, file: OrgID) -> OrgID {
        (row["org_id"] as String?).flatMap(OrgID.init(rawValue:)) ?? file
    }
}

extension SQLiteTenantRows: NoteStore {
    public func insertNote(_ principal: Principal, id: String, text: String, at: Date) throws {
        try tenants.write(principal, "notes-write") { db in
            try db.execute(sql: "INSERT INTO notes (id, text, created_by, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [id, text, principal.userID.rawValue, at])
        }
    }

    public func notes(_ principal: Principal) throws -> [StoredNote] {
        try tenants.read(principal, "notes-read") { db in
            try Row.fetchAll(db, sql: "SELECT id, org_id, text, created_at FROM notes ORDER BY created_at, id").map {
                Self.note($0, file: principal.orgID)
            }
        }
    }

    static func note(_ row: Row, file: OrgID) -> StoredNote {
        StoredNote(id: row["id"], text: row["text"], createdAt: row["created_at"], orgID: org(row, file: file))
    }
}

extension SQLiteTenantRows: ExampleStore {
    public func putExample(_ principal: Principal, _ example: StoredExample, replacing: Bool) throws {
        try tenants.write(principal, "examples-write") { db in
            try db.execute(sql: """
                INSERT \(replacing ? "OR REPLACE " : "")INTO examples
                    (id, question, sql, source, origin, status, shared_from_org, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [example.id, example.question, example.sql, example.source, example.origin, example.status,
                                 example.sharedFromOrg, example.createdBy, example.createdAt])
        }
    }

    public func example(_ principal: Principal, id: String) throws -> StoredExample? {
        try tenants.read(principal, "examples-read") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM examples WHERE id = ?", arguments: [id]).map { Self.example($0, file: principal.orgID) }
        }
    }

    public func examples(_ principal: Principal, status: String, createdBy: String?) throws -> [StoredExample] {
        try tenants.read(principal, "examples-read") { db in
            let rows = try createdBy.map {
                try Row.fetchAll(db, sql: "SELECT * FROM examples WHERE status = ? AND created_by = ? ORDER BY created_at, id",
                                 arguments: [status, $0])
            } ?? Row.fetchAll(db, sql: "SELECT * FROM examples WHERE status = ? ORDER BY created_at, id", arguments: [status])
            return rows.map { Self.example($0, file: principal.orgID) }
        }
    }

    public func review(_ principal: Principal, id: String, status: String, by reviewer: String) throws -> Bool {
        try tenants.write(principal, "examples-write") { db in
            try db.execute(sql: "UPDATE examples SET status = ?, reviewed_by = ? WHERE id = ? AND status = 'pending'",
                           arguments: [status, reviewer, id])
            return db.changesCount > 0
        }
    }

    static func example(_ row: Row, file: OrgID) -> StoredExample {
        StoredExample(id: row["id"], question: row["question"], sql: row["sql"], source: row["source"], origin: row["origin"],
                      status: row["status"], sharedFromOrg: row["shared_from_org"], createdBy: row["created_by"],
                      createdAt: row["created_at"], orgID: org(row, file: file))
    }
}

extension SQLiteTenantRows: ConversationStore {
    public func startConversation(_ principal: Principal, id: String, at: Date) throws {
        try tenants.write(principal, "conversations-write") { db in
            try db.execute(sql: "INSERT INTO conversations (id, user_id, created_at) VALUES (?, ?, ?)",
                           arguments: [id, principal.userID.rawValue, at])
        }
    }

    public func conversationOwner(_ principal: Principal, id: String) throws -> String? {
        try tenants.read(principal, "conversations-read") { db in
            try String.fetchOne(db, sql: "SELECT user_id FROM conversations WHERE id = ?", arguments: [id])
        }
    }

    public func turns(_ principal: Principal, conversation: String, limit: Int) throws -> (owner: String?, turns: [StoredTurnRow]) {
        try tenants.read(principal, "conversations-read") { db in
            // Cached: the history is read on every ask of a conversation.
            let owner = try String.fetchOne(db.cachedStatement(sql: "SELECT user_id FROM conversations WHERE id = ?"), arguments: [conversation])
            let turns = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, org_id, question, sql, summary FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?
                """), arguments: [conversation, limit]).reversed().map { row in
                StoredTurnRow(key: row["id"], question: row["question"], sql: row["sql"], summary: row["summary"],
                              orgID: Self.org(row, file: principal.orgID))
            }
            return (owner, turns)
        }
    }

    public func appendTurn(_ principal: Principal, conversation: String, requestID: String, question: String, sql: String?,
                           summary: String?, at: Date) throws {
        try tenants.write(principal, "conversations-write") { db in
            try db.execute(sql: """
                INSERT INTO turns (conversation_id, request_id, question, sql, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [conversation, requestID, question, sql, summary, at])
        }
    }
}
