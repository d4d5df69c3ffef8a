import BulkheadCore
import Foundation

/// One organization, as the operator sees it.
public struct OrganizationRecord: Sendable, Hashable {
    /// Its id.
    public let id: OrgID
    /// Its display name.
    public let name: String
    /// When it was created.
    public let createdAt: Date
    /// Whether it is suspended (its users cannot log in and its tokens do not verify).
    public let suspended: Bool
    /// How many members it has, admins included.
    public let members: Int
    /// How many of them are admins.
    public let admins: Int

    public init(id: OrgID, name: String, createdAt: Date, suspended: Bool, members: Int, admins: Int) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.suspended = suspended
        self.members = members
        self.admins = admins
    }
}

/// One organization a user belongs to, with the user's role there.
///
/// Only ever listed for the user themself (after their password verified, or from their own
/// principal), so it names no org the user is not part of.
public struct Membership: Sendable, Hashable, Codable {
    /// The organization's id.
    public let orgID: OrgID
    /// The organization's display name.
    public let orgName: String
    /// The user's role in it.
    public let role: Role

    /// Assembles a membership.
    public init(orgID: OrgID, orgName: String, role: Role) {
        self.orgID = orgID
        self.orgName = orgName
        self.role = role
    }
}

/// A user account as the authentication service reads it: the id and the stored password hash.
public struct StoredAccount: Sendable, Hashable {
    public let id: UserID
    public let passwordHash: String

    public init(id: UserID, passwordHash: String) {
        self.id = id
        self.passwordHash = passwordHash
    }
}

/// A login session's record.
public struct StoredSession: Sendable, Hashable {
    public let userID: UserID
    public let orgID: OrgID
    public let expiresAt: Date
    public let revokedAt: Date?

    /// The fingerprint of the SSH key that opened the session, if a key did.
    public let keyFingerprint: String?

    public init(userID: UserID, orgID: OrgID, expiresAt: Date, revokedAt: Date?, keyFingerprint: String? = nil) {
        self.userID = userID
        self.orgID = orgID
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.keyFingerprint = keyFingerprint
    }
}

/// What token verification reads about a user's membership in the token's org.
public struct MembershipCheck: Sendable, Hashable {
    public let role: Role
    public let orgName: String
    public let suspended: Bool
    public let email: String

    public init(role: Role, orgName: String, suspended: Bool, email: String) {
        self.role = role
        self.orgName = orgName
        self.suspended = suspended
        self.email = email
    }
}

/// An open invitation of an email into an org.
public struct StoredInvitation: Sendable, Hashable {
    public let orgID: OrgID
    public let email: String
    public let role: Role
    /// The hash of the one-time code, for an invitee without an account; nil for an existing account.
    public let codeHash: String?

    public init(orgID: OrgID, email: String, role: Role, codeHash: String?) {
        self.orgID = orgID
        self.email = email
        self.role = role
        self.codeHash = codeHash
    }
}

/// An operator's record: the name and the SHA-256 of the key; a revoked key stays on record.
public struct OperatorRecord: Sendable, Hashable {
    public let id: OperatorID
    public let name: String
    public let keyDigest: String
    public let revoked: Bool

    public init(id: OperatorID, name: String, keyDigest: String, revoked: Bool) {
        self.id = id
        self.name = name
        self.keyDigest = keyDigest
        self.revoked = revoked
    }
}
