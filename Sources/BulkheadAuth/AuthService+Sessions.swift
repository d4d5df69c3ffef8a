import BulkheadCore
import Foundation
import GRDB

/// Sessions as their holders see them: whether one still stands (the console's re-check), the
/// list (`bulkhead session list`) and revocation (`bulkhead session revoke SID`).
extension AuthService {
    /// Whether the session of `token` still lets its holder in, and if not, why.
    ///
    /// Unlike ``verify(token:)`` it records no security event: the console asks every few seconds,
    /// and an ended session is not an attack. It never makes a ``Principal``.
    public func sessionState(token: String) async -> SessionState {
        let claims: SessionClaims
        do {
            claims = try await tokens.verify(token)
        } catch {
            return .ended(error == .expired ? .expired : .invalid)
        }
        return (try? read("auth-session-state") { db in
            try sessionState(claims.sessionID, user: claims.subject, org: claims.orgID, role: claims.role, db: db)
        }) ?? .ended(.invalid)
    }

    /// The state of one session, inside an open transaction. The reasons are checked in the order
    /// that names the cause: a removal, a suspension or a removed key also revoke the session,
    /// and the message should say which happened.
    func sessionState(_ session: SessionID, user: UserID?, org: OrgID?, role: Role?, db: Database) throws -> SessionState {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT user_id, org_id, expires_at, revoked_at, kind, key_fingerprint FROM sessions WHERE id = ?
            """, arguments: [session.rawValue]) else { return .ended(.invalid) }
        let sessionUser: String = row["user_id"], sessionOrg: String = row["org_id"]
        if let user, user.rawValue != sessionUser { return .ended(.invalid) }
        if let org, org.rawValue != sessionOrg { return .ended(.invalid) }
        guard let member = try Row.fetchOne(db, sql: """
            SELECT m.role, o.suspended_at FROM memberships m JOIN organizations o ON o.id = m.org_id
            WHERE m.user_id = ? AND m.org_id = ?
            """, arguments: [sessionUser, sessionOrg]) else { return .ended(.removed) }
        if (member["suspended_at"] as Date?) != nil { return .ended(.orgSuspended) }
        if let fingerprint = row["key_fingerprint"] as String?,
           !(try Bool.fetchOne(db, sql: "SELECT 1 FROM ssh_keys WHERE fingerprint = ? AND user_id = ?",
                               arguments: [fingerprint, sessionUser]) ?? false) {
            return .ended(.keyRemoved)
        }
        if (row["revoked_at"] as Date?) != nil { return .ended(.revoked) }
        guard let expires = row["expires_at"] as Date?, expires > clock.now() else { return .ended(.expired) }
        guard let current = Role(rawValue: member["role"]) else { return .ended(.removed) }
        if let role, role != current { return .ended(.roleChanged) }
        return .active(role: current, expiresAt: expires)
    }

    /// The open sessions of the caller; for an admin, every open session of their org.
    public func sessions(visibleTo principal: Principal) throws -> [SessionRecord] {
        let now = clock.now()
        let everyone = principal.role == .admin
        return try read("auth-session-list") { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.kind, s.client, s.key_fingerprint, s.issued_at, s.expires_at, u.email
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.org_id = ? AND (? OR s.user_id = ?) AND s.revoked_at IS NULL AND s.expires_at > ?
                ORDER BY s.issued_at, s.id
                """, arguments: [principal.orgID.rawValue, everyone, principal.userID.rawValue, now]).compactMap { row in
                guard let id = SessionID(rawValue: row["id"]) else { return nil }
                return SessionRecord(id: id, email: row["email"], kind: SessionKind(rawValue: row["kind"]) ?? .password,
                                     client: row["client"], keyFingerprint: row["key_fingerprint"], issuedAt: row["issued_at"],
                                     expiresAt: row["expires_at"], isCurrent: id == principal.sessionID)
            }
        }
    }

    /// Revokes a session: the caller's own, or (for an admin) any session of their org. Its token
    /// stops verifying at once, and a console or SSH session holding it ends within seconds.
    ///
    /// - Throws: `notFound("session")` for a session of another user (unless the caller is an admin
    ///   of its org), of another org, or none at all.
    public func revokeSession(_ id: String, by principal: Principal) throws {
        let wanted = id.trimmingCharacters(in: .whitespaces)
        let owner = try write("auth-session-revoke") { db -> UserID? in
            guard let session = SessionID(rawValue: wanted),
                  let row = try Row.fetchOne(db, sql: "SELECT user_id FROM sessions WHERE id = ? AND org_id = ? AND revoked_at IS NULL",
                                             arguments: [session.rawValue, principal.orgID.rawValue]),
                  let owner = UserID(rawValue: row["user_id"]),
                  owner == principal.userID || principal.role == .admin
            else { return nil }
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ?", arguments: [clock.now(), session.rawValue])
            return owner
        }
        guard let owner else {
            recordDenial(action: "session.revoke", actor: .user(principal.userID), org: principal.orgID, reason: "not_found")
            throw BulkheadError.notFound(kind: "session", name: wanted)
        }
        securityEvent("session_revoked", org: principal.orgID, user: owner, detail: "session=\(wanted)", actor: .user(principal.userID))
    }
}
