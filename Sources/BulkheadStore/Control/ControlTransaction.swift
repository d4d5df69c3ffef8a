import BulkheadCore
import Foundation

/// The statements of one control-plane transaction, topic by topic.
///
/// Each is one small statement with no decisions of its own; the callers decide (who may join
/// which org, when a login locks), once, for both stores. Emails are normalized and names
/// validated by the callers; ids are validated types. Nothing here logs.
public typealias ControlTransaction = ControlOrganizations & ControlUsers & ControlSessions & ControlLogins
    & ControlInvitations & ControlOperators & ControlGrants & ControlEvents & ControlSSH

/// Organizations.
public protocol ControlOrganizations {
    /// True when the organization exists.
    func organizationExists(_ org: OrgID) throws -> Bool
    /// The organization whose name matches `text` case-insensitively, or whose id is `text`.
    func organizationID(matching text: String) throws -> OrgID?
    /// True when an organization has this name, ignoring case.
    func organizationNameTaken(_ name: String) throws -> Bool
    func insertOrganization(_ org: OrgID, name: String, at: Date) throws
    /// Every organization by name (ignoring case), with its member and admin counts.
    func organizations() throws -> [OrganizationRecord]
    func organizationIDs() throws -> [OrgID]
    func organizationCount() throws -> Int
    /// Whether the org is suspended; nil when there is no such org.
    func isSuspended(_ org: OrgID) throws -> Bool?
    /// Suspends the org (at `at`) or, with nil, resumes it.
    func setSuspended(_ org: OrgID, at: Date?) throws
    /// Deletes the org; its memberships, sessions, invitations, grants, org-scoped SSH keys and shared limits go with it.
    func deleteOrganization(_ org: OrgID) throws
}

/// Users and their memberships.
public protocol ControlUsers {
    func account(email: String) throws -> StoredAccount?
    func insertUser(_ user: UserID, email: String, passwordHash: String, at: Date) throws
    func setPasswordHash(_ user: UserID, _ hash: String) throws
    func deleteUser(_ user: UserID) throws
    /// Deletes every user left without a membership.
    func deleteUsersWithoutMembership() throws
    func isMember(_ user: UserID, of org: OrgID) throws -> Bool
    func insertMembership(_ user: UserID, org: OrgID, role: Role, at: Date) throws
    /// Returns false when there was no such membership.
    func deleteMembership(_ user: UserID, org: OrgID) throws -> Bool
    func setRole(_ user: UserID, org: OrgID, role: Role) throws
    /// The member of `org` with `email`, or nil (a user of another org looks missing).
    func member(email: String, org: OrgID) throws -> (userID: UserID, role: Role)?
    /// How many admins `org` has besides `user`.
    func adminCount(_ org: OrgID, excluding user: UserID) throws -> Int
    /// The members of `org` by email.
    func members(of org: OrgID) throws -> [(email: String, role: Role)]
    /// Every membership of `user`, by org name ignoring case.
    func memberships(of user: UserID) throws -> [Membership]
    /// What token verification needs about `user` in `org`, or nil when not a member.
    func membershipCheck(_ user: UserID, org: OrgID) throws -> MembershipCheck?
}

/// Login sessions.
public protocol ControlSessions {
    func insertSession(_ session: SessionID, user: UserID, org: OrgID, issuedAt: Date, expiresAt: Date) throws
    func session(_ session: SessionID) throws -> StoredSession?
    /// Revokes the open session `session` of `user`.
    func revokeSession(_ session: SessionID, of user: UserID, at: Date) throws
    /// Revokes every open session in `org`, of `user` only when given.
    func revokeSessions(org: OrgID, user: UserID?, at: Date) throws
}

/// Failed logins per (email, client).
public protocol ControlLogins {
    /// When the (email, client) lock ends, if one was ever set.
    func lockedUntil(email: String, client: String) throws -> Date?
    /// Forgets counts whose last failure is before `horizon` and whose lock has run out by `now`.
    func purgeLoginFailures(before horizon: Date, now: Date) throws
    func failureCount(email: String, client: String) throws -> Int
    func setLoginFailures(email: String, client: String, count: Int, at: Date, lockedUntil: Date?) throws
    func clearLoginFailures(email: String, client: String) throws
}

/// Invitations into an org.
public protocol ControlInvitations {
    /// Returns false when there was none.
    func deleteInvitation(org: OrgID, email: String) throws -> Bool
    func deleteInvitations(email: String) throws
    /// Creates or replaces the invitation of `email` into `org`.
    func putInvitation(_ invitation: StoredInvitation, invitedBy: String, at: Date, expiresAt: Date) throws
    /// Open invitations of `email` that carry a one-time code.
    func codeInvitations(email: String, now: Date) throws -> [StoredInvitation]
    /// The open invitation of `email` into the org named (or with the id) `org`.
    func invitation(email: String, naming org: String, now: Date) throws -> StoredInvitation?
    /// The open invitations of `org`, by email.
    func invitations(of org: OrgID, now: Date) throws -> [StoredInvitation]
}

/// The installation's operators.
public protocol ControlOperators {
    func operatorCount() throws -> Int
    func insertOperator(_ id: OperatorID, name: String, keyDigest: String, at: Date) throws
    func operatorRecord(_ id: OperatorID) throws -> OperatorRecord?
    func revokeOperator(_ id: OperatorID, at: Date) throws
    /// The oldest operator whose key is not revoked.
    func firstActiveOperator() throws -> OperatorRecord?
}

/// Folder grants, host grants and claims on source files.
public protocol ControlGrants {
    /// Resolved folders granted to `org`, sorted.
    func folders(of org: OrgID) throws -> [String]
    /// Every folder grant, sorted by folder.
    func folderGrants() throws -> [(path: String, org: OrgID)]
    /// Adds a grant; nothing happens when `org` has it already.
    func insertFolderGrant(_ path: String, org: OrgID, by grantor: OperatorID, at: Date) throws
    func deleteFolderGrant(_ path: String, org: OrgID) throws -> Bool

    /// The orgs holding a claim on the resolved file `path`.
    func claimHolders(_ path: String) throws -> [OrgID]
    /// Claims `path` for `org`'s `source`; nothing happens when it is claimed already.
    func insertClaim(_ path: String, org: OrgID, source: String) throws
    func deleteClaims(org: OrgID) throws
    func deleteClaims(source: String, org: OrgID) throws

    /// Database hosts granted to `org`, as `host:port`, sorted.
    func hosts(of org: OrgID) throws -> [String]
    /// Every host grant, sorted by host.
    func hostGrants() throws -> [(host: String, org: OrgID)]
    /// Adds a host grant (`host:port`); nothing happens when `org` has it already.
    func insertHostGrant(_ host: String, org: OrgID, by grantor: OperatorID, at: Date) throws
    func deleteHostGrant(_ host: String, org: OrgID) throws -> Bool
}

/// Security events.
public protocol ControlEvents {
    func insertEvent(_ event: SecurityEvent, at: Date) throws
}
