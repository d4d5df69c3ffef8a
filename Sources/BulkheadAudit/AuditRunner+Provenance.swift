import Foundation
import GRDB
import BulkheadCore

extension AuditRunner {
    /// Provenance read from the data: a row of the other org planted straight into the attacker's
    /// own file, past every service, as a bug or a bad restore would put it. The context builder
    /// stamps each fragment with the org of the rows it read, so the firewall must stop the request
    /// that would carry the planted row, for each kind of fragment.
    static var provenancePatterns: [AuditPattern] {
        [
            .oneWay("CTX-23", .context, "planted note of the other org in its own file",
                    tried: "writes a note row and its vector stamped with the other org into its own file, then asks") { world, me in
                try await world.plantedAsk(me, kind: .note)
            },
            .oneWay("CTX-24", .context, "planted example of the other org in its own file", as: .b,
                    tried: "writes an approved example row and its vector stamped with the other org into its own file, then asks") { world, me in
                try await world.plantedAsk(me, kind: .example)
            },
            .oneWay("CTX-25", .context, "planted conversation turn of the other org in its own conversation",
                    tried: "writes a turn stamped with the other org into its own conversation, then asks in it") { world, me in
                try await world.plantedAsk(me, kind: .turn)
            },
            .oneWay("CTX-26", .context, "planted vector of the other org in its own notes collection", as: .b,
                    tried: "writes a vector item (no note row) stamped with the other org into its own notes collection, then asks") { world, me in
                try await world.plantedAsk(me, kind: .vector)
            },
        ]
    }
}

extension AuditWorld {
    /// What a planting pattern writes.
    enum Planted { case note, example, turn, vector }

    /// Plants a row of the victim's org in the attacker's own file, asks, requires the firewall to
    /// stop the request with nothing sent, and removes the planted rows again.
    func plantedAsk(_ me: AuditTenant, kind: Planted) async throws {
        if postgres != nil { return try await rowPlantedAsk(me, kind: kind) }
        let victim = self.victim(of: me)
        let question = "how many customers are there"
        // The planted row is stamped with the victim's org; its text is a marker of its own (the
        // victim's canary in the attacker's file would trip the log scans, which grep the files).
        let marker = missingID(prefix: "PLANTED").uppercased()
        let text = "how many customers are there: \(marker)"
        let id = missingID(prefix: kind == .example ? "ex-planted" : "note-planted")
        var vector = try await services.knowledge.embed(me.admin, text)
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { vector = vector.map { $0 / norm } }
        let blob = vector.withUnsafeBufferPointer { Data(buffer: $0) }
        let database = try files().database(org: me.orgID)
        var turnID: Int64?
        try database.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            let foreign = victim.orgID.rawValue
            switch kind {
            case .note:
                try db.execute(sql: "INSERT INTO notes (id, org_id, text, created_by, created_at) VALUES (?, ?, ?, 'planted', ?)",
                               arguments: [id, foreign, text, Date()])
                try db.execute(sql: "INSERT INTO vector_items (collection, id, org_id, text, metadata, vector) VALUES ('notes', ?, ?, ?, '{\"kind\":\"note\"}', ?)",
                               arguments: [id, foreign, text, blob])
            case .vector:
                try db.execute(sql: "INSERT INTO vector_items (collection, id, org_id, text, metadata, vector) VALUES ('notes', ?, ?, ?, '{\"kind\":\"note\"}', ?)",
                               arguments: [id, foreign, text, blob])
            case .example:
                let sql = "SELECT count(*) FROM customers -- \(marker)"
                try db.execute(sql: """
                    INSERT INTO examples (id, org_id, question, sql, source, origin, status, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, 'planted', 'approved', 'planted', ?)
                    """, arguments: [id, foreign, question, sql, me.sharedName, Date()])
                let metadata = try String(decoding: JSONEncoder().encode(["kind": "example", "source": me.sharedName, "question": question, "sql": sql]),
                                          as: UTF8.self)
                try db.execute(sql: "INSERT INTO vector_items (collection, id, org_id, text, metadata, vector) VALUES ('examples', ?, ?, ?, ?, ?)",
                               arguments: [id, foreign, question, metadata, blob])
            case .turn:
                try db.execute(sql: """
                    INSERT INTO turns (conversation_id, org_id, request_id, question, sql, summary, created_at)
                    VALUES (?, ?, 'req-planted', ?, NULL, ?, ?)
                    """, arguments: [me.conversation.rawValue, foreign, text, marker, Date()])
                turnID = db.lastInsertedRowID
            }
            // As a restore would: the collections changed under the running services, which read them anew.
            try db.execute(sql: "UPDATE vector_collections SET version = version + 1")
        }
        // As a restore would: the file changed under the running services, which read it anew.
        try files().evict(org: me.orgID)
        defer {
            if let cleaned = try? files().database(org: me.orgID) {
                try? cleaned.write { db in
                    try db.execute(sql: "DELETE FROM notes WHERE id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM examples WHERE id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM vector_items WHERE id = ?", arguments: [id])
                    if let turnID { try db.execute(sql: "DELETE FROM turns WHERE id = ?", arguments: [turnID]) }
                    try db.execute(sql: "UPDATE vector_collections SET version = version + 1")
                }
            }
            try? files().evict(org: me.orgID)
        }
        try await expectFailure(me, .firewall, "ask with a planted row of the other org") {
            try await services.assistant.ask(me.admin, question: question, source: me.sharedName,
                                             conversation: kind == .turn ? me.conversation : nil)
        }
        let record = try services.requestLog.last(for: me.admin)
        let body = String(decoding: record.requestBody, as: UTF8.self)
        transcript.record(me.side, .prompt, body)
        try require(record.firewall == .blocked && record.status == "blocked" && record.requestBody.isEmpty,
                    "the request carrying the planted row was not logged as blocked with an empty body")
        try require(!String(describing: record.context).contains(marker), "the blocked request kept the planted row")
    }
}
