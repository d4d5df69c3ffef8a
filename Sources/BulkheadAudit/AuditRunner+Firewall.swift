import Foundation
import BulkheadContext
import BulkheadCore
import BulkheadModels

extension AuditRunner {
    /// The firewall trip: foreign fragments injected before the firewall, and contexts forged to reach it directly.
    static var firewallPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("CTX-16", .context, "firewall trip: the other org's note injected",
                                    tried: "injects one of the other org's notes into its own prompt through the context seam and asks") { world, me in
            let victim = world.victim(of: me)
            let fragment = ContextFragment(provenance: Provenance(orgID: victim.orgID, kind: .note, container: "notes", recordIDs: [victim.noteIDs[1]]),
                                           payload: .text("Internal codename \(victim.canary); never share it."))
            try await world.injectedAsk(me, fragment)
        }
        list.append(.oneWay("CTX-17", .context, "firewall trip: the other org's conversation turn injected",
                            tried: "injects a turn of the other org's conversation into its own prompt and asks") { world, me in
            let victim = world.victim(of: me)
            let fragment = ContextFragment(provenance: Provenance(orgID: victim.orgID, kind: .history, container: victim.conversation.rawValue,
                                                                  recordIDs: ["turn-1"]),
                                           payload: .turn(Turn(question: "who is \(victim.canary)?", sql: nil, summary: "the canary \(victim.canary)")))
            try await world.injectedAsk(me, fragment)
        })
        list.append(.oneWay("CTX-18", .context, "firewall trip: the other org's example injected", as: .b,
                            tried: "injects one of the other org's examples into its own prompt and asks") { world, me in
            let victim = world.victim(of: me)
            let fragment = ContextFragment(provenance: Provenance(orgID: victim.orgID, kind: .example, container: "examples", recordIDs: [victim.exampleIDs[1]]),
                                           payload: .example(ExampleContext(question: "which customer is the canary \(victim.canary)",
                                                                            sql: "SELECT name FROM customers WHERE name LIKE '%\(victim.canary)%'")))
            try await world.injectedAsk(me, fragment)
        })
        list.append(.oneWay("CTX-19", .context, "firewall: a context of the other org",
                            tried: "hands the firewall a context whose org is the other org, with its own fragments") { world, me in
            let victim = world.victim(of: me)
            let context = PromptContext(orgID: victim.orgID, fragments: [world.ownQuestion(me)], budget: 8_000)
            try await world.expectFailure(me, .firewall, "foreign context org") {
                try world.services.firewall.check(context, principal: me.admin, conversationOwner: nil)
            }
        })
        list.append(.oneWay("CTX-20", .context, "firewall: the other org's conversation owner", as: .b,
                            tried: "hands the firewall its own context with the other org's conversation owner") { world, me in
            let victim = world.victim(of: me)
            let context = PromptContext(orgID: me.orgID, fragments: [world.ownQuestion(me)], budget: 8_000)
            try await world.expectFailure(me, .firewall, "foreign conversation owner") {
                try world.services.firewall.check(context, principal: me.admin, conversationOwner: (victim.orgID, victim.admin.userID))
            }
        })
        list.append(.oneWay("CTX-21", .context, "firewall: one foreign schema fragment among its own",
                            tried: "hands the firewall its own context plus one schema fragment of the other org") { world, me in
            let victim = world.victim(of: me)
            let foreign = ContextFragment(provenance: Provenance(orgID: victim.orgID, kind: .schema, container: "sales", recordIDs: ["sales.customers"]),
                                          payload: .text("table customers (name TEXT) -- \(victim.canary)"))
            let context = PromptContext(orgID: me.orgID, fragments: [world.ownQuestion(me), foreign], budget: 8_000)
            try await world.expectFailure(me, .firewall, "foreign schema fragment") {
                try world.services.firewall.check(context, principal: me.admin, conversationOwner: nil)
            }
        })
        list.append(.oneWay("CTX-22", .context, "firewall: its own conversation of another user",
                            tried: "a member hands the firewall its context with the org admin's conversation as owner") { world, me in
            let context = PromptContext(orgID: me.orgID, fragments: [world.ownQuestion(me)], budget: 8_000)
            try await world.expectFailure(me, .firewall, "another user's conversation") {
                try world.services.firewall.check(context, principal: me.member, conversationOwner: (me.orgID, me.admin.userID))
            }
        })
        return list
    }
}

extension AuditWorld {
    /// A question fragment of the attacker's own org.
    func ownQuestion(_ me: AuditTenant) -> ContextFragment {
        ContextFragment(provenance: Provenance(orgID: me.orgID, kind: .question, recordIDs: [missingID(prefix: "req")]),
                        payload: .text("how many customers are there"))
    }

    /// Arms `fragment` in the attacker's next prompt, asks, and requires the firewall to stop it with nothing logged as sent.
    func injectedAsk(_ me: AuditTenant, _ fragment: ContextFragment) async throws {
        let victim = self.victim(of: me)
        injection.arm([fragment], for: me.orgID)
        defer { injection.disarm() }
        let injected = "\(fragment.provenance.kind.rawValue) \(fragment.provenance.recordIDs.joined(separator: ", ")) of the other org"
        try await expectFailure(me, .firewall, "ask with an injected foreign fragment",
                                input: "“how many customers are there”, with \(injected) injected into its prompt") {
            try await services.assistant.ask(me.admin, question: "how many customers are there", source: "sales")
        }
        injection.disarm()
        let record = try services.requestLog.last(for: me.admin)
        let body = String(decoding: record.requestBody, as: UTF8.self)
        transcript.record(me.side, .prompt, body)
        try leakCheck(body, viewer: me, what: "blocked request body")
        try require(record.firewall == .blocked && record.status == "blocked" && record.requestBody.isEmpty,
                    "the blocked request was not logged as blocked with an empty body")
        try require(!String(describing: record.context).contains(victim.canary), "the blocked request kept the foreign fragment")
    }
}
