import BulkheadCore
import Foundation
import BulkheadStore

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
        return (try? read("auth-session-state") { tx in
            try sessionState(claims.sessionID, user: claims.subject, org: claims.orgID, role: claims.role, tx: tx)
        }) ?? .ended(.invalid)
    }

    /// The state of one session, inside an open transaction. The reasons are checked in the order
    /// that names the cause: a removal, a suspension or a removed key also revoke the session,
    /// and the message should say which happened.
    func sessionState(_ session: SessionID, user: UserID?, org: OrgID?, role: Role?, tx: any ControlTransaction) throws -> SessionState {
        guard let stored = try tx.session(session) else { return .ended(.invalid) }
        if let user, user != stored.userID { return .ended(.invalid) }
        if let org, org != stored.orgID { return .ended(.invalid) }
        guard let member = try tx.membershipCheck(stored.userID, org: stored.orgID) else { return .ended(.removed) }
        if member.suspended { return .ended(.orgSuspended) }
        if let fingerprint = stored.keyFingerprint, try !tx.userHasSSHKey(stored.userID, fingerprint: fingerprint) {
            return .ended(.keyRemoved)
        }
        if stored.revokedAt != nil { return .ended(.revoked) }
        guard stored.expiresAt > clock.now() else { return .ended(.expired) }
        if let role, role != member.role { return .ended(.roleChanged) }
        return .active(role: member.role, expiresAt: stored.expiresAt)
    }

    /// The open sessions of the caller; for an admin, every open session of their org.
    public func sessions(visibleTo principal: Principal) throws -> [SessionRecord] {
        let now = clock.now()
        let everyone = principal.role == .admin
        return try read("auth-session-list") { tx in
            try tx.openSessions(org: principal.orgID, user: everyone ? nil : principal.userID, now: now).map { row in
                SessionRecord(id: row.id, email: row.email, kind: SessionKind(rawValue: row.kind) ?? .password, client: row.client,
                              keyFingerprint: row.keyFingerprint, issuedAt: row.issuedAt, expiresAt: row.expiresAt,
                              isCurrent: row.id == principal.sessionID)
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
        let owner = try write("auth-session-revoke") { tx -> UserID? in
            guard let session = SessionID(rawValue: wanted), let stored = try tx.session(session),
                  stored.orgID == principal.orgID, stored.revokedAt == nil,
                  stored.userID == principal.userID || principal.role == .admin
            else { return nil }
            try tx.revokeSession(session, org: principal.orgID, at: clock.now())
            return stored.userID
        }
        guard let owner else {
            recordDenial(action: "session.revoke", actor: .user(principal.userID), org: principal.orgID, reason: "not_found")
            throw BulkheadError.notFound(kind: "session", name: wanted)
        }
        securityEvent("session_revoked", org: principal.orgID, user: owner, detail: "session=\(wanted)", actor: .user(principal.userID))
    }
}
