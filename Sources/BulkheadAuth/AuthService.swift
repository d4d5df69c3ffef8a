import BulkheadCore
import BulkheadStore
import Foundation
import JWTKit
import Logging

/// The one entry point for identity: the operator, organizations, users, invitations, passwords,
/// login, tokens, sessions.
///
/// The command line, the console and the SSH server all go through it. It is the only code that
/// makes a ``Principal`` (in ``verify(token:)``), after the token's signature, its time window,
/// its session and the user's current membership all check out, and the only code that makes an
/// ``OperatorPrincipal`` (in ``verifyOperator(keyText:)``), after the operator key checks out.
/// Every mutating call takes one of the two and decides from it, and only from it, what the
/// caller may do: the operator runs the installation, an org's admins manage their own org, and
/// members manage nothing. It keeps no tenant data in memory: every answer is read from
/// the control plane, so one instance may serve many tenants at once.
public final class AuthService: Sendable {
    /// The file in the home that holds the Ed25519 signing key (PEM, mode 0600).
    public static let signingKeyFileName = "signing-ed25519.key"

    let workspace: Workspace
    let control: any ControlStore
    let clock: any Clock
    let random: any RandomSource
    let hasher: PasswordHasher
    let tokens: TokenService
    let lockout: LockoutPolicy
    /// False only in tests that prove the audit notices: operator keys, admin roles and org scope go unchecked.
    let enforcing: Bool
    let logger = Logger(label: "bulkhead.auth")

    /// How long an invitation (and its one-time code) stays valid.
    public static let invitationLifetime: TimeInterval = 7 * 86_400

    /// Opens the service on a workspace, creating the signing key on first run.
    ///
    /// - Parameters:
    ///   - hasherParameters: the scrypt cost for new password hashes (tests pass small ones).
    ///   - tokenLifetime: how long a login's token stays valid, 8 h by default.
    ///   - lockoutPolicy: when failed logins lock an account.
    /// - Throws: `integrity` when the key file exists but is unreadable or readable by others.
    public convenience init(workspace: Workspace, control: any ControlStore, clock: any Clock, random: any RandomSource,
                hasherParameters: PasswordHasher.Parameters = .standard,
                tokenLifetime: TimeInterval = 8 * 3600,
                lockoutPolicy: LockoutPolicy = .standard) throws {
        try self.init(workspace: workspace, control: control, clock: clock, random: random, hasherParameters: hasherParameters,
                      tokenLifetime: tokenLifetime, lockoutPolicy: lockoutPolicy, enforcing: true)
    }

    /// The same, with the authorization checks switchable (tests that prove the audit notices when they are off).
    @_spi(Testing)
    public init(workspace: Workspace, control: any ControlStore, clock: any Clock, random: any RandomSource,
                hasherParameters: PasswordHasher.Parameters, tokenLifetime: TimeInterval,
                lockoutPolicy: LockoutPolicy, enforcing: Bool) throws {
        self.enforcing = enforcing
        self.workspace = workspace
        self.control = control
        self.clock = clock
        self.random = random
        self.hasher = PasswordHasher(parameters: hasherParameters, random: random)
        self.lockout = lockoutPolicy
        let key = try TokenService.loadOrCreateSigningKey(in: workspace, random: random)
        self.tokens = TokenService(signingKey: key, clock: clock, lifetime: tokenLifetime)
    }

    /// Writes a security event (ids and reason codes only); the control database also logs it.
    func securityEvent(_ kind: String, org: OrgID? = nil, user: UserID? = nil, detail: String,
                       actor: SecurityEvent.Actor? = nil) {
        control.record(SecurityEvent(kind: kind, orgID: org, userID: user, detail: detail, actor: actor))
    }

    /// Records a refused action (kind `authorization_denied`), naming who tried what.
    public func recordDenial(action: String, actor: SecurityEvent.Actor, org: OrgID? = nil, reason: String) {
        securityEvent("authorization_denied", org: org, detail: "action=\(action) reason=\(reason)", actor: actor)
    }

    /// Throws `denied` (and records it) unless `principal` is an admin of its org.
    func requireAdmin(_ principal: Principal, action: String) throws {
        guard enforcing, principal.role != .admin else { return }
        recordDenial(action: action, actor: .user(principal.userID), org: principal.orgID, reason: "not_admin")
        throw BulkheadError.denied
    }

    /// Runs a control-plane read as the authentication service.
    func read<T>(_ code: String, _ body: (any ControlTransaction) throws -> T) throws -> T {
        try control.read(.service, code, body)
    }

    /// Runs a control-plane write transaction as the authentication service.
    func write<T>(_ code: String, _ body: (any ControlTransaction) throws -> T) throws -> T {
        try control.write(.service, code, body)
    }
}
