import BulkheadCore

/// The control plane, whichever store keeps it: organizations, users, memberships, sessions,
/// login failures, invitations, the operator, folder and host grants, source claims and
/// security events. It holds no tenant data.
///
/// Two implementations exist: ``ControlDatabase`` (the home's `control.db`, SQLite) and the
/// PostgreSQL store's, under row-level security. Callers (the authentication service, the
/// engine's grants and claims) hold a transaction of primitives and keep their decisions in one
/// place for both. A read runs in a snapshot; a write runs in one transaction, and writes are
/// serialized across every process sharing the store, so a check and the write that depends on
/// it (the lockout count, an overlapping folder grant) cannot race.
public protocol ControlStore: SecurityEventRecorder {
    /// Runs `body` in one read-only snapshot, on behalf of `scope`.
    ///
    /// Storage failures become `internalFailure(code:)`; a `BulkheadError` thrown by `body` passes through.
    func read<T>(_ scope: ControlScope, _ code: String, _ body: (any ControlTransaction) throws -> T) throws -> T

    /// Runs `body` in one write transaction on behalf of `scope`: committed when it returns, rolled back when it throws.
    func write<T>(_ scope: ControlScope, _ code: String, _ body: (any ControlTransaction) throws -> T) throws -> T

    /// The security events recorded so far, oldest first (the operator's view, and tests).
    func securityEvents(kind: String?) throws -> [SecurityEvent]
}

extension ControlStore {
    /// Every organization's id, for maintenance that walks all tenants (the audit, backups).
    public func organizationIDs() throws -> [OrgID] {
        try read(.service, "control-org-ids") { try $0.organizationIDs() }
    }

    /// The organization called `name` (case-insensitively) or with that id, if there is one.
    public func organizationID(named name: String) throws -> OrgID? {
        try read(.service, "control-org-lookup") { try $0.organizationID(matching: name) }
    }

    /// Every security event, oldest first.
    public func securityEvents() throws -> [SecurityEvent] {
        try securityEvents(kind: nil)
    }
}

/// On whose behalf a control-plane transaction runs.
///
/// SQLite ignores it (the file has no row-level security); PostgreSQL turns it into the
/// transaction's claims, so its policies hold each caller to what it may reach: the
/// authentication service and the operator see the whole control plane, a tenant's admin only
/// its own org's memberships, invitations and sessions.
public enum ControlScope: Sendable, Hashable {
    /// The authentication service (logins, token checks, enrollment) and the engine's bookkeeping.
    case service
    /// An operator action.
    case `operator`
    /// A request of a verified tenant user, reaching only their own org.
    case tenant(Principal)
}
