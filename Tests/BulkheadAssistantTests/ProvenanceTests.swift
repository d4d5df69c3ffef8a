import Foundation
import GRDB
import Testing
import BulkheadAssistant
import BulkheadCore
import BulkheadTestBackends
import BulkheadPostgres
import BulkheadPostgresKit
import PostgresNIO
@testable import BulkheadStore

/// A fragment's org is read from where its bytes were stored. A row of Globex planted straight
/// into Acme's file (past every service, as a bug or a bad restore would) makes the fragment built
/// from it Globex's, and the firewall stops the request; with the firewall off, the same row
/// reaches the model, which is what the firewall is there to prevent.
@Suite struct ProvenanceTests {
    enum Kind: String, CaseIterable, Sendable { case note, example, turn, vector }

    /// Plants a Globex-stamped row of `kind` in Acme's file and returns the marker text it carries.
    static func plant(_ kind: Kind, in f: AssistantFixture, conversation: ConversationID) async throws -> String {
        let marker = "PLANTED-\(kind.rawValue)-\(UUID().uuidString.prefix(8))"
        let text = "how many customers are there \(marker)"
        var vector = try await f.services.knowledge.embed(f.acme, text)
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        vector = vector.map { $0 / norm }
        let blob = vector.withUnsafeBufferPointer { Data(buffer: $0) }
        let globex = f.globex.orgID.rawValue
        try f.services.stores.files!.database(for: f.acme).write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            switch kind {
            case .note:
                try db.execute(sql: "INSERT INTO notes (id, org_id, text, created_by, created_at) VALUES ('note-planted', ?, ?, 'x', ?)",
                               arguments: [globex, text, Date()])
                try db.execute(sql: "INSERT INTO vector_items (collection, id, org_id, text, metadata, vector) VALUES ('notes', 'note-planted', ?, ?, '{}', ?)",
                               arguments: [globex, text, blob])
            case .vector:
                try db.execute(sql: "INSERT INTO vector_items (collection, id, org_id, text, metadata, vector) VALUES ('notes', 'vec-planted', ?, ?, '{}', ?)",
                               arguments: [globex, text, blob])
            case .example:
                try db.execute(sql: """
                    INSERT INTO examples (id, org_id, question, sql, source, origin, status, created_by, created_at)
                    VALUES ('ex-planted', ?, 'how many customers are there', ?, 'retail', 'x', 'approved', 'x', ?)
                    """, arguments: [globex, "SELECT count(*) FROM customers -- \(marker)", Date()])
                try db.execute(sql: """
                    INSERT INTO vector_items (collection, id, org_id, text, metadata, vector)
                    VALUES ('examples', 'ex-planted', ?, 'how many customers are there', '{"source":"retail"}', ?)
                    """, arguments: [globex, blob])
            case .turn:
                try db.execute(sql: """
                    INSERT INTO turns (conversation_id, org_id, request_id, question, created_at) VALUES (?, ?, 'req-x', ?, ?)
                    """, arguments: [conversation.rawValue, globex, text, Date()])
            }
        }
        // As a restore would: the file changed under the running services, which read it anew.
        try f.services.stores.files!.database(for: f.acme).write { db in
            try db.execute(sql: "UPDATE vector_collections SET version = version + 1")
        }
        f.services.stores.files!.evict(org: f.acme.orgID)
        return marker
    }

    @Test(arguments: Kind.allCases)
    func aPlantedRowOfAnotherOrgIsBlockedByTheFirewall(_ kind: Kind) async throws {
        let f = try await AssistantFixture.make()
        defer { f.remove() }
        let conversation = try f.services.conversations.start(f.acme)
        let marker = try await Self.plant(kind, in: f, conversation: conversation)
        await #expect(throws: BulkheadError.firewall) {
            _ = try await f.services.assistant.ask(f.acme, question: "how many customers are there", conversation: conversation)
        }
        #expect(f.provider.bodies.isEmpty, "nothing may reach the model")
        let record = try f.services.requestLog.last(for: f.acme)
        #expect(record.firewall == .blocked && record.requestBody.isEmpty)
        #expect(!String(describing: record.context).contains(marker))
        #expect(try f.services.control.securityEvents(kind: "firewall_block").contains { $0.orgID == f.acme.orgID })
    }

    @Test(arguments: Kind.allCases)
    func withTheFirewallOffThePlantedRowWouldReachTheModel(_ kind: Kind) async throws {
        let f = try await AssistantFixture.make(firewall: false)
        defer { f.remove() }
        let conversation = try f.services.conversations.start(f.acme)
        let marker = try await Self.plant(kind, in: f, conversation: conversation)
        let answer = try await f.services.assistant.ask(f.acme, question: "how many customers are there", conversation: conversation)
        let record = try f.services.requestLog.record(answer.requestID.rawValue, for: f.acme)
        #expect(String(decoding: record.requestBody, as: UTF8.self).contains(marker), "the builder must have read the planted row")
        #expect(record.context.fragments.contains { $0.provenance.orgID == f.globex.orgID && $0.text.contains(marker) },
                "the fragment made from the planted row must carry the org stamped on that row")
    }

    /// On PostgreSQL the same rows cannot even be planted: connected as the server role under
    /// Acme's claims, a row stamped with Globex is refused by row-level security, and the next ask
    /// (the firewall off, so only the store stands in the way) carries nothing of it.
    @Test(arguments: Kind.allCases)
    func onPostgreSQLARowOfAnotherOrgCannotBePlanted(_ kind: Kind) async throws {
        let f = try await AssistantFixture.make(.postgres, firewall: false)
        defer { f.remove() }
        let store = try #require(f.stores.postgres)
        let conversation = try f.services.conversations.start(f.acme)
        let marker = "PLANTED-\(kind.rawValue)-\(UUID().uuidString.prefix(8))"
        let globex = f.globex.orgID.rawValue, conversationID = conversation.rawValue
        let insert: PostgresQuery
        switch kind {
        case .note: insert = "INSERT INTO bulkhead.notes (org_id, id, text, created_by, created_at) VALUES (\(globex), 'p', \(marker), 'x', now())"
        case .vector:
            insert = "INSERT INTO bulkhead.vector_items (org_id, collection, id, position, text, vector) VALUES (\(globex), 'notes', 'p', 999, \(marker), '\\x00'::bytea)"
        case .example:
            insert = "INSERT INTO bulkhead.examples (org_id, id, question, sql, origin, created_by, created_at) VALUES (\(globex), 'p', 'q', \(marker), 'x', 'x', now())"
        case .turn:
            insert = "INSERT INTO bulkhead.turns (org_id, id, conversation_id, request_id, question, created_at) VALUES (\(globex), 999, \(conversationID), 'r', \(marker), now())"
        }
        var refusal: String?
        do {
            _ = try store.waitTransaction(.tenant(f.acme)) { try await $0.query(insert, logger: PostgresLog.quiet) }
        } catch {
            refusal = PostgresErrorText.sqlState(error)
        }
        #expect(["42501", "23503"].contains(refusal ?? "none"), "planting a \(kind) stamped with another org must be refused")
        let answer = try await f.services.assistant.ask(f.acme, question: "how many customers are there", conversation: conversation)
        let record = try f.services.requestLog.record(answer.requestID.rawValue, for: f.acme)
        #expect(!String(decoding: record.requestBody, as: UTF8.self).contains(marker))
        #expect(record.context.fragments.allSatisfy { $0.provenance.orgID == f.acme.orgID })
    }

    @Test(arguments: TestBackend.allCases)
    func aSchemaFragmentCarriesTheEnginesOwnerAndAnUntouchedAskPasses(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let answer = try await f.services.assistant.ask(f.acme, question: "how many customers are there in Brazil")
        let record = try f.services.requestLog.record(answer.requestID.rawValue, for: f.acme)
        #expect(record.firewall == .passed)
        #expect(record.context.fragments.allSatisfy { $0.provenance.orgID == f.acme.orgID })
        // The value index put Brazil in the customers table's values.
        #expect(record.context.fragments(.schema).contains { $0.text.contains("Brazil") })
    }
}

/// Within an org: a member reads only their own requests; a member's corrected SQL waits for an admin.
@Suite struct WithinOrgTests {
    @Test(arguments: TestBackend.allCases)
    func aMemberReadsOnlyTheirOwnRequestsAndAnAdminReadsAll(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let admins = try await f.services.assistant.ask(f.acme, question: "how many customers are there")
        let members = try await f.services.assistant.ask(f.acmeMember, question: "how many products are there")
        #expect(throws: BulkheadError.notFound(kind: "request", name: admins.requestID.rawValue)) {
            _ = try f.services.requestLog.record(admins.requestID.rawValue, for: f.acmeMember)
        }
        await #expect(throws: BulkheadError.notFound(kind: "request", name: admins.requestID.rawValue)) {
            try await f.services.assistant.feedback(f.acmeMember, requestID: admins.requestID.rawValue, good: true)
        }
        #expect(throws: BulkheadError.notFound(kind: "request", name: admins.requestID.rawValue)) {
            _ = try f.services.assistant.rows(f.acmeMember, requestID: admins.requestID.rawValue, offset: 0, limit: 5)
        }
        #expect(try f.services.requestLog.record(members.requestID.rawValue, for: f.acmeMember).id == members.requestID)
        #expect(try f.services.requestLog.record(members.requestID.rawValue, for: f.acme).id == members.requestID)
        // Conversations: the member's own; an admin may read it, but not continue it.
        let conversation = try f.services.conversations.start(f.acmeMember)
        _ = try await f.services.assistant.ask(f.acmeMember, question: "how many orders are there", conversation: conversation)
        #expect(try f.services.conversations.turns(f.acme, conversation, limit: 5).count == 1)
        await #expect(throws: BulkheadError.notFound(kind: "conversation", name: conversation.rawValue)) {
            _ = try await f.services.assistant.ask(f.acme, question: "and in 2024?", conversation: conversation)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aMembersCorrectedSQLIsASuggestionUntilAnAdminApprovesIt(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let question = "which products are in the toys category"
        let asked = try await f.services.assistant.ask(f.acmeMember, question: question)
        let id = try #require(try await f.services.assistant.feedback(f.acmeMember, requestID: asked.requestID.rawValue, good: false,
                                                                      correctedSQL: "SELECT name FROM products WHERE category = 'toys' ORDER BY name"))
        // Pending: visible to its author and the admin, never in a prompt.
        #expect(try f.services.assistant.pendingExamples(f.acmeMember).map(\.id) == [id])
        #expect(try f.services.assistant.pendingExamples(f.acme).map(\.id) == [id])
        let before = try await f.services.assistant.ask(f.acme, question: question)
        #expect(try !f.services.requestLog.record(before.requestID.rawValue, for: f.acme).context.fragments(.example)
            .contains { $0.provenance.recordIDs == [id] })
        // Members cannot approve; admins can, and then it is an example.
        await #expect(throws: BulkheadError.denied) { try await f.services.assistant.approveExample(f.acmeMember, id: id) }
        try await f.services.assistant.approveExample(f.acme, id: id)
        #expect(try f.services.assistant.pendingExamples(f.acme).isEmpty)
        let after = try await f.services.assistant.ask(f.acme, question: question)
        #expect(try f.services.requestLog.record(after.requestID.rawValue, for: f.acme).context.fragments(.example)
            .contains { $0.provenance.recordIDs == [id] })
        #expect(after.sql.contains("ORDER BY name"), "the approved example answers the same question")
        // Another org's suggestion id is simply not found; a reviewed one is no longer pending.
        #expect(throws: BulkheadError.notFound(kind: "suggestion", name: id)) { try f.services.assistant.rejectExample(f.globex, id: id) }
        #expect(throws: BulkheadError.notFound(kind: "suggestion", name: id)) { try f.services.assistant.rejectExample(f.acme, id: id) }
    }

    @Test(arguments: TestBackend.allCases)
    func aRejectedSuggestionNeverReachesAPrompt(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let asked = try await f.services.assistant.ask(f.acmeMember, question: "how many orders are there")
        let id = try #require(try await f.services.assistant.feedback(f.acmeMember, requestID: asked.requestID.rawValue, good: true))
        try f.services.assistant.rejectExample(f.acme, id: id)
        #expect(try f.services.assistant.pendingExamples(f.acme).isEmpty)
        let again = try await f.services.assistant.ask(f.acme, question: "how many orders are there")
        #expect(try !f.services.requestLog.record(again.requestID.rawValue, for: f.acme).context.fragments(.example)
            .contains { $0.provenance.recordIDs == [id] })
    }
}
