import Foundation
import GRDB
import BulkheadCore

extension AuditRunner {
    /// Logs and errors: after every other pattern, no canary in any log line, error, prompt or output of the other side.
    static var logPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("LOG-01", .logsAndErrors, "the other org's canary in log lines",
                                    tried: "greps every log line the process wrote during the audit for the other org's canary") { world, me in
            let lines = try world.capturedLines()
            try world.scan(lines, for: world.victim(of: me).canary, what: "a log line")
        }
        list.append(.oneWay("LOG-02", .logsAndErrors, "secrets and SQL in log lines",
                            tried: "greps every log line for passwords, tokens, SQL text and questions of either org") { world, _ in
            let lines = try world.capturedLines()
            for tenant in [world.a, world.b] {
                for secret in [tenant.adminPassword, tenant.memberPassword, tenant.lockPassword, tenant.adminToken, tenant.memberToken,
                               "SELECT name, note FROM customers", "how many customers are there", tenant.canary] {
                    try world.scan(lines, for: secret, what: "a log line")
                }
            }
        })
        list.append(.oneWay("LOG-03", .logsAndErrors, "canaries in security events",
                            tried: "reads every security event of the control plane for either org's canary, passwords and tokens") { world, _ in
            let details = try world.services.control.securityEvents().map { "\($0.kind) \($0.orgID?.rawValue ?? "") \($0.detail)" }
            try world.require(!details.isEmpty, "no security event was recorded, so the scan proved nothing")
            for tenant in [world.a, world.b] {
                for secret in [tenant.canary, tenant.adminPassword, tenant.lockPassword, tenant.adminToken] {
                    try world.scan(details, for: secret, what: "a security event")
                }
            }
        })
        for kind in AuditTranscript.Kind.allCases {
            list += AuditPattern.twoWay(kind == .output ? "LOG-04" : kind == .error ? "LOG-05" : "LOG-06", .logsAndErrors,
                                        "the other org's canary in any \(kind.rawValue) seen",
                                        tried: "scans every \(kind.rawValue) it saw during the audit for the other org's canary") { world, me in
                let seen = world.transcript.seen(by: me.side, kind)
                if kind != .prompt { try world.require(!seen.isEmpty, "nothing was recorded, so the scan proved nothing") }
                try world.scan(seen, for: world.victim(of: me).canary, what: "an \(kind.rawValue) seen by \(me.side.rawValue)")
            }
        }
        list += AuditPattern.twoWay("LOG-07", .logsAndErrors, "the other org's canary in its request log",
                                    tried: "reads every request body, context and answer in its own request log") { world, me in
            var texts: [String] = []
            for principal in [me.admin, me.member] {
                for record in try world.services.requestLog.recent(for: principal, limit: 1_000) {
                    let body = String(decoding: record.requestBody, as: UTF8.self)
                    world.transcript.record(me.side, .prompt, body)
                    texts += [body, String(describing: record.context), record.response ?? "", record.summary ?? "", record.sql ?? ""]
                }
            }
            try world.require(!texts.isEmpty, "the request log is empty, so the scan proved nothing")
            try world.scan(texts, for: world.victim(of: me).canary, what: "a request-log entry")
        }
        list += AuditPattern.twoWay("LOG-08", .logsAndErrors, "the other org's canary in its own files",
                                    tried: "greps the raw bytes of its tenant database, WAL and org area (on PostgreSQL, every row its claims reach) for the other org's canary") { world, me in
            let workspace = world.services.workspace
            if world.postgres != nil {
                let rows = try world.tenantRowsText(me)
                try world.require(!rows.isEmpty, "the org's rows could not be read, so the scan proved nothing")
                try world.scan(rows, for: world.victim(of: me).canary, what: "a row of org \(me.side.rawValue)")
            }
            var files = world.postgres != nil ? []
                : ["", "-wal"].map { URL(fileURLWithPath: workspace.tenantDatabaseURL(for: me.orgID).path + $0) }
            let area = workspace.orgAreaURL(for: me.orgID)
            if let walker = FileManager.default.enumerator(at: area, includingPropertiesForKeys: nil) {
                files += walker.compactMap { $0 as? URL }
            }
            let needle = Data(world.victim(of: me).canary.utf8)
            for file in files {
                guard let data = try? Data(contentsOf: file) else { continue }
                try world.require(data.range(of: needle) == nil, "\(file.lastPathComponent) of org \(me.side.rawValue) holds the other org's canary")
            }
        }
        list.append(.oneWay("LOG-09", .logsAndErrors, "canaries in the shared files",
                            tried: "greps control.db and its WAL (on PostgreSQL, every control-plane row) for either org's canary") { world, _ in
            let workspace = world.services.workspace
            if world.postgres != nil {
                let rows = try world.controlRowsText()
                try world.require(!rows.isEmpty, "the control plane could not be read, so the scan proved nothing")
                for tenant in [world.a, world.b] { try world.scan(rows, for: tenant.canary, what: "a control-plane row") }
                return
            }
            let files = ["", "-wal"].map { URL(fileURLWithPath: workspace.controlDatabaseURL.path + $0) }
                + [workspace.privateFileURL("source-claims.db")]
            for file in files {
                guard let data = try? Data(contentsOf: file) else { continue }
                for tenant in [world.a, world.b] {
                    try world.require(data.range(of: Data(tenant.canary.utf8)) == nil, "\(file.lastPathComponent) holds a tenant canary")
                }
            }
        })
        return list
    }
}

extension AuditWorld {
    /// The captured log lines; fails when the process installed no capture (the scan would prove nothing).
    func capturedLines() throws -> [String] {
        guard let logs else { throw AuditBreach("no log capture was installed, so log lines could not be scanned") }
        let lines = logs.captured
        try require(!lines.isEmpty, "no log line was captured, so the scan proved nothing")
        return lines
    }

    /// Fails when any of `texts` contains `needle`.
    func scan(_ texts: [String], for needle: String, what: String) throws {
        if let hit = texts.firstIndex(where: { $0.contains(needle) }) {
            throw AuditBreach("\(what) (#\(hit + 1) of \(texts.count)) carries a forbidden string")
        }
    }
}
