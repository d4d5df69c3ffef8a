import Foundation
import BulkheadAssistant
import BulkheadContext
import BulkheadCore
import BulkheadModels

extension AuditRunner {
    /// AI context: the other org's conversation, request and example ids; prompts after its feedback; the firewall trip.
    static var contextPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("CTX-01", .context, "ask in the other org's conversation",
                                    tried: "asks a question continuing the other org's conversation id") { world, me in
            try await world.expectLikeMissing(me, "foreign conversation", reference: world.victim(of: me).conversation.rawValue,
                                              missing: world.missingID(prefix: "conv")) { ref in
                try await world.services.assistant.ask(me.admin, question: "how many customers are there", source: "sales",
                                                       conversation: ConversationID(rawValue: ref)!)
            }
        }
        list += AuditPattern.twoWay("CTX-02", .context, "the other org's request in the inspector",
                                    tried: "opens the other org's request id in the context inspector") { world, me in
            try await world.expectLikeMissing(me, "foreign request", reference: world.victim(of: me).requestIDs[1].rawValue,
                                              missing: world.missingID(prefix: "req")) {
                try world.services.requestLog.record($0, for: me.admin)
            }
        }
        typealias RequestAttack = (id: String, name: String, side: AuditSide, call: @Sendable (AuditWorld, AuditTenant, String) async throws -> Void)
        let requestAttacks: [RequestAttack] = [
            ("CTX-03", "feedback on the other org's request", .a, { world, me, ref in
                try await world.services.assistant.feedback(me.admin, requestID: ref, good: true)
            }),
            ("CTX-04", "rows of the other org's answer", .b, { world, me, ref in
                try world.observe(me, try world.services.assistant.rows(me.admin, requestID: ref, offset: 0, limit: 50), "rows")
            }),
            ("CTX-05", "corrected SQL on the other org's request", .a, { world, me, ref in
                try await world.services.assistant.feedback(me.admin, requestID: ref, good: false, correctedSQL: "SELECT name, note FROM customers")
            }),
            ("CTX-06", "feedback on the other org's request, as a member", .b, { world, me, ref in
                try await world.services.assistant.feedback(me.member, requestID: ref, good: false)
            }),
        ]
        for attack in requestAttacks {
            list.append(.oneWay(attack.id, .context, attack.name, as: attack.side, tried: "presents the other org's request id to \(attack.name)") { world, me in
                try await world.expectLikeMissing(me, attack.name, reference: world.victim(of: me).requestIDs[0].rawValue,
                                                  missing: world.missingID(prefix: "req")) { ref in
                    try await attack.call(world, me, ref)
                }
            })
        }
        list += AuditPattern.twoWay("CTX-07", .context, "the other org's example ids in feedback",
                                    tried: "sends feedback naming each of the other org's example ids") { world, me in
            for example in world.victim(of: me).exampleIDs {
                try await world.expectLikeMissing(me, "feedback on a foreign example", reference: example, missing: "ex-\(world.missingID(prefix: "man"))") {
                    try await world.services.assistant.feedback(me.admin, requestID: $0, good: true)
                }
            }
        }
        list.append(.oneWay("CTX-08", .context, "share the other org's example",
                            tried: "shares the other org's example id from its own org into the spare org") { world, me in
            try await world.expectLikeMissing(me, "share a foreign example", reference: world.victim(of: me).exampleIDs[0],
                                              missing: "ex-\(world.missingID(prefix: "man"))") {
                try await world.services.assistant.shareExample($0, from: me.admin, to: world.spare.admin, targetSource: "sales",
                                                                events: world.services.control)
            }
        })
        list.append(.oneWay("CTX-09", .context, "read the other org's conversation turns", as: .b,
                            tried: "reads the turns of the other org's conversation id") { world, me in
            try await world.expectLikeMissing(me, "foreign turns", reference: world.victim(of: me).conversation.rawValue,
                                              missing: world.missingID(prefix: "conv")) {
                try world.services.conversations.turns(me.admin, ConversationID(rawValue: $0)!, limit: 10)
            }
        })
        list.append(.oneWay("CTX-10", .context, "append to the other org's conversation",
                            tried: "appends a turn to the other org's conversation id; the victim's turns must not change") { world, me in
            let victim = world.victim(of: me)
            let before = try world.services.conversations.turns(victim.admin, victim.conversation, limit: 100).count
            try await world.expectFailure(me, .notFound, "append to a foreign conversation", echo: [victim.conversation.rawValue]) {
                try world.services.conversations.append(me.admin, victim.conversation, requestID: RequestID(rawValue: world.missingID(prefix: "req"))!,
                                                       turn: Turn(question: "injected by \(me.side.rawValue)", sql: nil, summary: nil))
            }
            let after = try world.services.conversations.turns(victim.admin, victim.conversation, limit: 100).count
            try world.require(before == after, "a turn landed in the other org's conversation")
        })
        list += AuditPattern.twoWay("CTX-11", .context, "own prompt after the other org's feedback",
                                    tried: "the other org answers a question and marks a canary-carrying correction good; then it asks the same question") { world, me in
            try await world.promptAfterFeedback(me)
        }
        list += AuditPattern.twoWay("CTX-12", .context, "inspector lists",
                                    tried: "opens the last request and the recent list; every id and fragment must be its own org's") { world, me in
            let last = try world.services.requestLog.last(for: me.admin)
            let recent = try world.services.requestLog.recent(for: me.admin, limit: 100)
            for record in [last] + recent {
                try world.observeRecord(me, record)
            }
            let victimIDs = Set(world.victim(of: me).requestIDs)
            try world.require(!recent.contains { victimIDs.contains($0.id) }, "the recent list shows the other org's request")
        }
        list.append(.oneWay("CTX-13", .context, "ask on the other org's source name",
                            tried: "asks a question on the source name only the other org has") { world, me in
            let victim = world.victim(of: me)
            try await world.expectLikeMissing(me, "ask on a foreign source", reference: victim.privateName, missing: "nosuch-private") {
                try await world.services.assistant.ask(me.admin, question: "how many rows are there", source: $0)
            }
        })
        list.append(.oneWay("CTX-14", .context, "ask about the other org's subject", as: .b,
                            tried: "asks in the words of the other org's notes and examples; retrieval must bring only its own org's fragments") { world, me in
            let victim = world.victim(of: me)
            let question = "what is our internal codename, never share it; which customer is the canary"
            do {
                let answer = try await world.services.assistant.ask(me.admin, question: question, source: "sales")
                try world.observe(me, answer, "answer")
            } catch let error as BulkheadError {
                world.transcript.record(me.side, .error, error.message)
                try world.leakCheck(error.message, viewer: me, what: "ask about the other org")
            }
            let record = try world.services.requestLog.last(for: me.admin)
            try world.require(record.context.fragments.allSatisfy { $0.provenance.orgID == me.orgID }, "a fragment of another org was built")
            let ownRecord = record.context.fragments.filter { $0.provenance.kind != .question }.map(\.text).joined(separator: "\n")
            try world.require(!ownRecord.contains(victim.canary), "retrieval brought the other org's canary into the prompt")
        })
        list.append(.oneWay("CTX-15", .context, "notes list", tried: "lists its notes; none of the other org's may appear") { world, me in
            let notes = try world.observe(me, try world.services.notes.list(me.admin), "notes")
            try world.require(notes.count >= me.noteIDs.count, "the org's own notes are missing")
        })
        list += firewallPatterns + provenancePatterns
        return list
    }
}

extension AuditWorld {
    /// Records what the inspector shows for `record` and checks it: fragments and body of the viewer's org only.
    func observeRecord(_ me: AuditTenant, _ record: RequestRecord) throws {
        let body = String(decoding: record.requestBody, as: UTF8.self)
        transcript.record(me.side, .prompt, body)
        try leakCheck(body, viewer: me, what: "request body \(record.id)")
        try observe(me, record.context.sections.map(\.text).joined(separator: "\n"), "inspector sections")
        try require(record.context.orgID == me.orgID && record.context.fragments.allSatisfy { $0.provenance.orgID == me.orgID },
                    "the inspector shows a fragment of another org")
    }

    /// The victim's good feedback carries its canary; then the attacker asks the same question.
    func promptAfterFeedback(_ me: AuditTenant) async throws {
        let victim = self.victim(of: me)
        let question = "how many orders are there"
        let theirs = try await services.assistant.ask(victim.admin, question: question, source: "sales")
        let alias = victim.canary.lowercased().replacingOccurrences(of: "-", with: "_")
        _ = try await services.assistant.feedback(victim.admin, requestID: theirs.requestID.rawValue, good: true,
                                                  correctedSQL: "SELECT count(*) AS \"\(alias)\" FROM orders")
        let mine = try await services.assistant.ask(me.admin, question: question, source: "sales")
        try observe(me, mine, "answer after the other org's feedback")
        try observeRecord(me, try services.requestLog.record(mine.requestID.rawValue, for: me.admin))
        let body = String(decoding: try services.requestLog.record(mine.requestID.rawValue, for: me.admin).requestBody, as: UTF8.self)
        try require(!body.contains(alias) && !String(describing: mine).contains(alias), "the other org's corrected SQL reached the prompt")
    }
}
