import Foundation
import Testing
@_spi(Testing) import BulkheadAssistant
import BulkheadContext
import BulkheadCore
import BulkheadTestBackends
import BulkheadStore

@Suite struct AskIsolationTests {
    @Test(arguments: TestBackend.allCases)
    func acmesPromptHoldsOnlyAcmesFragmentsAndNoGlobexCanary(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let answer = try await f.services.assistant.ask(f.acme, question: "how many customers are there")
        #expect(answer.rows.first?.first == .integer(600))
        let record = try f.services.requestLog.record(answer.requestID.rawValue, for: f.acme)
        #expect(!record.context.fragments.isEmpty)
        #expect(record.context.fragments.allSatisfy { $0.provenance.orgID == f.acme.orgID })
        let kinds = Set(record.context.fragments.map(\.provenance.kind))
        #expect(kinds.isSuperset(of: [.system, .schema, .example, .note, .question]))
        let body = String(decoding: record.requestBody, as: UTF8.self)
        #expect(body.contains(f.acmeCanary))
        #expect(!body.contains(f.globexCanary))
        #expect(!body.contains("GLOBEX"))
        #expect(record.firewall == .passed)
        #expect(f.provider.bodies == [record.requestBody], "the provider received exactly the logged bytes")
    }

    @Test(arguments: TestBackend.allCases)
    func aForeignFragmentTripsTheFirewallAndNothingIsSent(_ backend: TestBackend) async throws {
        let foreign = OrgID(rawValue: "org-intruder")!
        let f = try await AssistantFixture.make(backend, tamper: { context in
            context.append(ContextFragment(provenance: Provenance(orgID: foreign, kind: .note, container: "notes", recordIDs: ["n-x"]),
                                           payload: .text("GLOBEX-CANARY-injected")))
        })
        defer { f.remove() }
        await #expect(throws: BulkheadError.firewall) {
            _ = try await f.services.assistant.ask(f.acme, question: "how many customers are there")
        }
        #expect(f.provider.bodies.isEmpty, "nothing may reach the provider")
        let events = try f.services.control.securityEvents(kind: "firewall_block")
        #expect(events.count == 1)
        #expect(events.first?.orgID == f.acme.orgID)
        let logged = try f.services.requestLog.last(for: f.acme)
        #expect(logged.firewall == .blocked)
        #expect(logged.requestBody.isEmpty)
    }

    @Test(arguments: TestBackend.allCases)
    func anotherOrgsConversationIsRefusedLikeAMissingOne(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let theirs = try f.services.conversations.start(f.globex)
        _ = try await f.services.assistant.ask(f.globex, question: "how many patients are there", conversation: theirs)
        await #expect(throws: BulkheadError.notFound(kind: "conversation", name: theirs.rawValue)) {
            _ = try await f.services.assistant.ask(f.acme, question: "how many customers are there", conversation: theirs)
        }
        let missing = ConversationID(rawValue: "conv-doesnotexist")!
        await #expect(throws: BulkheadError.notFound(kind: "conversation", name: missing.rawValue)) {
            _ = try await f.services.assistant.ask(f.acme, question: "how many customers are there", conversation: missing)
        }
        #expect(f.provider.bodies.count == 1, "only Globex's own ask reached the provider")
    }

    @Test(arguments: TestBackend.allCases)
    func historyComesFromTheCallersOwnConversation(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let conversation = try f.services.conversations.start(f.acme)
        _ = try await f.services.assistant.ask(f.acme, question: "how many customers are there", conversation: conversation)
        let second = try await f.services.assistant.ask(f.acme, question: "how many products are there", conversation: conversation)
        let record = try f.services.requestLog.record(second.requestID.rawValue, for: f.acme)
        let history = record.context.fragments(.history)
        #expect(history.count == 1)
        #expect(history.first?.text.contains("how many customers are there") == true)
        #expect(history.first?.provenance.container == conversation.rawValue)
    }

    @Test(arguments: TestBackend.allCases)
    func acmesFeedbackChangesAcmesNextPromptAndLeavesGlobexByteIdentical(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let question = "which products are in the toys category"
        let globexQuestion = "which doctors work in cardiology"
        let globexBefore = try await f.services.assistant.ask(f.globex, question: globexQuestion)
        let first = try await f.services.assistant.ask(f.acme, question: question)
        let firstRecord = try f.services.requestLog.record(first.requestID.rawValue, for: f.acme)

        let exampleID = try await f.services.assistant.feedback(f.acme, requestID: first.requestID.rawValue, good: false,
                                                                correctedSQL: "SELECT name FROM products WHERE category = 'toys' ORDER BY name")
        #expect(exampleID != nil)

        let second = try await f.services.assistant.ask(f.acme, question: question)
        let secondRecord = try f.services.requestLog.record(second.requestID.rawValue, for: f.acme)
        #expect(secondRecord.requestBody != firstRecord.requestBody)
        #expect(secondRecord.context.fragments(.example).contains { $0.provenance.recordIDs == [exampleID!] })
        #expect(String(decoding: secondRecord.requestBody, as: UTF8.self).contains("ORDER BY name"))

        let globexAfter = try await f.services.assistant.ask(f.globex, question: globexQuestion)
        let before = try f.services.requestLog.record(globexBefore.requestID.rawValue, for: f.globex)
        let after = try f.services.requestLog.record(globexAfter.requestID.rawValue, for: f.globex)
        #expect(before.requestBody == after.requestBody, "Acme's feedback must not change a byte of Globex's prompt")
        #expect(!String(decoding: after.requestBody, as: UTF8.self).contains("ORDER BY name"))
    }

    @Test(arguments: TestBackend.allCases)
    func rowsPageThroughAnAnswerFromAnOffset(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let answer = try await f.services.assistant.ask(f.acme, question: "list the customers")
        #expect(answer.rowCount == 600)
        let page = try f.services.assistant.rows(f.acme, requestID: answer.requestID.rawValue, offset: 590, limit: 50)
        #expect(page.rows.count == 10)
        let all = try f.services.engine.query(f.acme, source: "retail", sql: answer.sql, options: .init(rowCap: 1_000))
        #expect(page.rows == Array(all.rows[590...]))
    }

    @Test(arguments: TestBackend.allCases)
    func feedbackOnAnotherOrgsRequestIsNotFound(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let theirs = try await f.services.assistant.ask(f.globex, question: "how many patients are there")
        await #expect(throws: BulkheadError.notFound(kind: "request", name: theirs.requestID.rawValue)) {
            try await f.services.assistant.feedback(f.acme, requestID: theirs.requestID.rawValue, good: true)
        }
        #expect(throws: BulkheadError.notFound(kind: "request", name: theirs.requestID.rawValue)) {
            _ = try f.services.assistant.rows(f.acme, requestID: theirs.requestID.rawValue, offset: 0, limit: 10)
        }
    }

    @Test func theBudgetDropsFragmentsAndSaysWhich() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-budget-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        var options = Services.Options(hasherParameters: .init(logN: 10, r: 8, p: 1)!)
        options.contextLimits.budget = 400
        let services = try Services(workspace: try .init(root: home), options: options)
        let accounts = try await services.createDemo(force: false, credentials: CallerCredentials()).accounts
        let ada = try await services.auth.login(email: "ada@acme.test", password: accounts[0].password!).principal
        let answer = try await services.assistant.ask(ada, question: "how many customers are there")
        let record = try services.requestLog.record(answer.requestID.rawValue, for: ada)
        #expect(record.context.totalTokens <= 400 || record.context.fragments(.schema).isEmpty)
        #expect(!record.context.dropped.isEmpty)
        #expect(record.context.fragments(.question).count == 1)
        #expect(record.context.fragments(.system).count == 1)
    }
}
