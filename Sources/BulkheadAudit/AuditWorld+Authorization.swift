import Crypto
import Foundation
import GRDB
@_spi(Testing) import BulkheadAssistant
import BulkheadAuth
import BulkheadCore

extension AuditWorld {
    /// An org made for one destructive pattern (suspend, delete), with an admin and its token.
    struct ThrowawayOrg {
        let name: String
        let org: OrgID
        let token: String
    }

    /// Makes a new org through the operator, so a pattern that would suspend or delete an org never
    /// touches the two the rest of the suite attacks.
    func throwawayOrg() async throws -> ThrowawayOrg {
        let name = "Target Audit \(UUID().uuidString.prefix(6).lowercased())"
        let org = try await services.createOrganization(name: name, credentials: operatorCredentials)
        noteMade(org)
        let email = "admin@\(org.rawValue).test", secret = "Target-\(UUID().uuidString)"
        _ = try await services.addUser(email: email, org: name, role: .admin, initialPassword: secret, credentials: operatorCredentials)
        let login = try await services.auth.login(email: email, password: secret, org: name)
        return ThrowawayOrg(name: name, org: org, token: login.token)
    }

    /// Fails unless a security event of `kind` whose detail contains `detail` was recorded.
    func requireEvent(_ kind: String, _ detail: String) throws {
        let events = try services.control.securityEvents(kind: kind)
        try require(events.contains { $0.detail.contains(detail) }, "no '\(kind)' security event recorded the refusal")
    }

    /// The attacker's own backup with a source row planted in its database and the checksum fixed:
    /// a backup as an attacker with the file in hand would edit it.
    func editedBackup(_ me: AuditTenant) throws -> Data {
        let data = try Data(contentsOf: me.backupFile)
        guard let newline = data.firstIndex(of: 0x0A),
              var header = try JSONSerialization.jsonObject(with: data[data.startIndex..<newline]) as? [String: Any]
        else { throw AuditBreach("the backup has no header") }
        let staged = me.scratch.appendingPathComponent("edited-\(UUID().uuidString).db")
        defer { try? FileManager.default.removeItem(at: staged) }
        try Data(data[data.index(after: newline)...]).write(to: staged)
        let queue = try DatabaseQueue(path: staged.path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO sources (id, org_id, name, kind, location, resolved_location, packaged, created_by, created_at)
                VALUES ('src-planted', ?, 'planted', 'sqlite', '/etc/passwd', '/etc/passwd', 0, 'usr-x', ?)
                """, arguments: [me.orgID.rawValue, Date()])
        }
        try queue.close()
        let payload = try Data(contentsOf: staged)
        header["sha256"] = SHA256.hash(data: payload).map { String(format: "%02x", $0) }.joined()
        header["bytes"] = payload.count
        var out = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        out.append(0x0A)
        out.append(payload)
        return out
    }
}
