import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO

/// The control plane's statements on PostgreSQL, inside one transaction on a held connection.
struct PostgresControlTransaction: ControlTransaction {
    let pin: PinnedConnection

    func rows(_ query: PostgresQuery) throws -> [PostgresRow] { try pin.rows(query) }

    /// The first column of the first row, decoded, or nil when there is no row.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, _ type: T.Type) throws -> T? {
        try rows(query).first.map { try $0.decode(T.self) }
    }

    /// True when the statement returned at least one row (`… RETURNING 1` counts changes).
    func any(_ query: PostgresQuery) throws -> Bool { try !rows(query).isEmpty }

    // MARK: Organizations

    func organizationExists(_ org: OrgID) throws -> Bool {
        try any("SELECT 1 FROM bulkhead.organizations WHERE id = \(org.rawValue)")
    }

    func organizationID(matching text: String) throws -> OrgID? {
        try value("SELECT id FROM bulkhead.organizations WHERE lower(name) = lower(\(text)) OR id = \(text) LIMIT 1", String.self)
            .flatMap(OrgID.init(rawValue:))
    }

    func organizationNameTaken(_ name: String) throws -> Bool {
        try any("SELECT 1 FROM bulkhead.organizations WHERE lower(name) = lower(\(name))")
    }

    func insertOrganization(_ org: OrgID, name: String, at: Date) throws {
        try pin.execute("INSERT INTO bulkhead.organizations (id, name, created_at) VALUES (\(org.rawValue), \(name), \(at))")
    }

    func organizations() throws -> [OrganizationRecord] {
        try rows("""
            SELECT o.id, o.name, o.created_at, o.suspended_at IS NOT NULL,
                   (SELECT count(*) FROM bulkhead.memberships m WHERE m.org_id = o.id),
                   (SELECT count(*) FROM bulkhead.memberships m WHERE m.org_id = o.id AND m.role = 'admin')
            FROM bulkhead.organizations o ORDER BY lower(o.name)
            """).compactMap { row in
            let (id, name, created, suspended, members, admins) = try row.decode((String, String, Date, Bool, Int, Int).self)
            return OrgID(rawValue: id).map {
                OrganizationRecord(id: $0, name: name, createdAt: created, suspended: suspended, members: members, admins: admins)
            }
        }
    }

    func organizationIDs() throws -> [OrgID] {
        try rows("SELECT id FROM bulkhead.organizations ORDER BY name").compactMap { OrgID(rawValue: try $0.decode(String.self)) }
    }

    func organizationCount() throws -> Int {
        try value("SELECT count(*) FROM bulkhead.organizations", Int.self) ?? 0
    }

    func isSuspended(_ org: OrgID) throws -> Bool? {
        try value("SELECT suspended_at IS NOT NULL FROM bulkhead.organizations WHERE id = \(org.rawValue)", Bool.self)
    }

    func setSuspended(_ org: OrgID, at: Date?) throws {
        try pin.execute("UPDATE bulkhead.organizations SET suspended_at = \(at) WHERE id = \(org.rawValue)")
    }

    func deleteOrganization(_ org: OrgID) throws {
        try pin.execute("DELETE FROM bulkhead.organizations WHERE id = \(org.rawValue)")
    }

    // MARK: Users and memberships

    func account(email: String) throws -> StoredAccount? {
        try rows("SELECT id, password_hash FROM bulkhead.users WHERE email = \(email)").first.flatMap { row in
            let (id, hash) = try row.decode((String, String).self)
            return UserID(rawValue: id).map { StoredAccount(id: $0, passwordHash: hash) }
        }
    }

    func insertUser(_ user: UserID, email: String, passwordHash: String, at: Date) throws {
        try pin.execute("INSERT INTO bulkhead.users (id, email, password_hash, created_at) VALUES (\(user.rawValue), \(email), \(passwordHash), \(at))")
    }

    func setPasswordHash(_ user: UserID, _ hash: String) throws {
        try pin.execute("UPDATE bulkhead.users SET password_hash = \(hash) WHERE id = \(user.rawValue)")
    }

    func deleteUser(_ user: UserID) throws {
        try pin.execute("DELETE FROM bulkhead.users WHERE id = \(user.rawValue)")
    }

    func deleteUsersWithoutMembership() throws {
        try pin.execute("DELETE FROM bulkhead.users u WHERE NOT EXISTS (SELECT 1 FROM bulkhead.memberships m WHERE m.user_id = u.id)")
    }

    func isMember(_ user: UserID, of org: OrgID) throws -> Bool {
        try any("SELECT 1 FROM bulkhead.memberships WHERE user_id = \(user.rawValue) AND org_id = \(org.rawValue)")
    }

    func insertMembership(_ user: UserID, org: OrgID, role: Role, at: Date) throws {
        try pin.execute("""
            INSERT INTO bulkhead.memberships (user_id, org_id, role, created_at) VALUES (\(user.rawValue), \(org.rawValue), \(role.rawValue), \(at))
            """)
    }

    func deleteMembership(_ user: UserID, org: OrgID) throws -> Bool {
        try any("DELETE FROM bulkhead.memberships WHERE user_id = \(user.rawValue) AND org_id = \(org.rawValue) RETURNING 1")
    }

    func setRole(_ user: UserID, org: OrgID, role: Role) throws {
        try pin.execute("UPDATE bulkhead.memberships SET role = \(role.rawValue) WHERE user_id = \(user.rawValue) AND org_id = \(org.rawValue)")
    }

    func member(email: String, org: OrgID) throws -> (userID: UserID, role: Role)? {
        guard let row = try rows("""
            SELECT u.id, m.role FROM bulkhead.users u JOIN bulkhead.memberships m ON m.user_id = u.id
            WHERE u.email = \(email) AND m.org_id = \(org.rawValue)
            """).first else { return nil }
        let (id, role) = try row.decode((String, String).self)
        guard let user = UserID(rawValue: id), let role = Role(rawValue: role) else { return nil }
        return (user, role)
    }

    func adminCount(_ org: OrgID, excluding user: UserID) throws -> Int {
        try value("""
            SELECT count(*) FROM bulkhead.memberships WHERE org_id = \(org.rawValue) AND role = 'admin' AND user_id <> \(user.rawValue)
            """, Int.self) ?? 0
    }

    func members(of org: OrgID) throws -> [(email: String, role: Role)] {
        try rows("""
            SELECT u.email, m.role FROM bulkhead.memberships m JOIN bulkhead.users u ON u.id = m.user_id
            WHERE m.org_id = \(org.rawValue) ORDER BY u.email
            """).compactMap { row in
            let (email, role) = try row.decode((String, String).self)
            return Role(rawValue: role).map { (email, $0) }
        }
    }

    func memberships(of user: UserID) throws -> [Membership] {
        try rows("""
            SELECT o.id, o.name, m.role FROM bulkhead.memberships m JOIN bulkhead.organizations o ON o.id = m.org_id
            WHERE m.user_id = \(user.rawValue) ORDER BY lower(o.name)
            """).compactMap { row in
            let (id, name, role) = try row.decode((String, String, String).self)
            guard let org = OrgID(rawValue: id), let role = Role(rawValue: role) else { return nil }
            return Membership(orgID: org, orgName: name, role: role)
        }
    }

    func membershipCheck(_ user: UserID, org: OrgID) throws -> MembershipCheck? {
        guard let row = try rows("""
            SELECT m.role, o.name, o.suspended_at IS NOT NULL, u.email
            FROM bulkhead.memberships m JOIN bulkhead.organizations o ON o.id = m.org_id JOIN bulkhead.users u ON u.id = m.user_id
            WHERE m.user_id = \(user.rawValue) AND m.org_id = \(org.rawValue)
            """).first else { return nil }
        let (role, name, suspended, email) = try row.decode((String, String, Bool, String).self)
        return Role(rawValue: role).map { MembershipCheck(role: $0, orgName: name, suspended: suspended, email: email) }
    }
}
