import BulkheadCore
import Foundation
import GRDB

/// The control plane's statements on `control.db` (SQLite), inside one GRDB transaction.
struct SQLiteControlTransaction: ControlTransaction {
    let db: Database

    // MARK: Organizations

    func organizationExists(_ org: OrgID) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM organizations WHERE id = ?", arguments: [org.rawValue]) ?? false
    }

    func organizationID(matching text: String) throws -> OrgID? {
        try String.fetchOne(db, sql: "SELECT id FROM organizations WHERE name = ? COLLATE NOCASE OR id = ? LIMIT 1",
                            arguments: [text, text]).flatMap(OrgID.init(rawValue:))
    }

    func organizationNameTaken(_ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM organizations WHERE name = ? COLLATE NOCASE", arguments: [name]) ?? false
    }

    func insertOrganization(_ org: OrgID, name: String, at: Date) throws {
        try db.execute(sql: "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)", arguments: [org.rawValue, name, at])
    }

    func organizations() throws -> [OrganizationRecord] {
        try Row.fetchAll(db, sql: """
            SELECT o.id, o.name, o.created_at, o.suspended_at,
                   (SELECT COUNT(*) FROM memberships m WHERE m.org_id = o.id) AS members,
                   (SELECT COUNT(*) FROM memberships m WHERE m.org_id = o.id AND m.role = 'admin') AS admins
            FROM organizations o ORDER BY o.name COLLATE NOCASE
            """).compactMap { row in
            OrgID(rawValue: row["id"]).map {
                OrganizationRecord(id: $0, name: row["name"], createdAt: row["created_at"],
                                   suspended: (row["suspended_at"] as Date?) != nil, members: row["members"], admins: row["admins"])
            }
        }
    }

    func organizationIDs() throws -> [OrgID] {
        try String.fetchAll(db, sql: "SELECT id FROM organizations ORDER BY name").compactMap(OrgID.init(rawValue:))
    }

    func organizationCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organizations") ?? 0
    }

    func isSuspended(_ org: OrgID) throws -> Bool? {
        try Bool.fetchOne(db, sql: "SELECT suspended_at IS NOT NULL FROM organizations WHERE id = ?", arguments: [org.rawValue])
    }

    func setSuspended(_ org: OrgID, at: Date?) throws {
        try db.execute(sql: "UPDATE organizations SET suspended_at = ? WHERE id = ?", arguments: [at, org.rawValue])
    }

    func deleteOrganization(_ org: OrgID) throws {
        try db.execute(sql: "DELETE FROM organizations WHERE id = ?", arguments: [org.rawValue])
        try db.execute(sql: "DELETE FROM org_limits WHERE org_id = ?", arguments: [org.rawValue])
        try db.execute(sql: "DELETE FROM limit_buckets WHERE org_id = ?", arguments: [org.rawValue])
    }

    // MARK: Users and memberships

    func account(email: String) throws -> StoredAccount? {
        try Row.fetchOne(db, sql: "SELECT id, password_hash FROM users WHERE email = ?", arguments: [email]).flatMap { row in
            UserID(rawValue: row["id"]).map { StoredAccount(id: $0, passwordHash: row["password_hash"]) }
        }
    }

    func insertUser(_ user: UserID, email: String, passwordHash: String, at: Date) throws {
        try db.execute(sql: "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [user.rawValue, email, passwordHash, at])
    }

    func setPasswordHash(_ user: UserID, _ hash: String) throws {
        try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, user.rawValue])
    }

    func deleteUser(_ user: UserID) throws {
        try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [user.rawValue])
    }

    func deleteUsersWithoutMembership() throws {
        try db.execute(sql: "DELETE FROM users WHERE id NOT IN (SELECT user_id FROM memberships)")
    }

    func isMember(_ user: UserID, of org: OrgID) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM memberships WHERE user_id = ? AND org_id = ?",
                          arguments: [user.rawValue, org.rawValue]) ?? false
    }

    func insertMembership(_ user: UserID, org: OrgID, role: Role, at: Date) throws {
        try db.execute(sql: "INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [user.rawValue, org.rawValue, role.rawValue, at])
    }

    func deleteMembership(_ user: UserID, org: OrgID) throws -> Bool {
        try db.execute(sql: "DELETE FROM memberships WHERE user_id = ? AND org_id = ?", arguments: [user.rawValue, org.rawValue])
        return db.changesCount > 0
    }

    func setRole(_ user: UserID, org: OrgID, role: Role) throws {
        try db.execute(sql: "UPDATE memberships SET role = ? WHERE user_id = ? AND org_id = ?",
                       arguments: [role.rawValue, user.rawValue, org.rawValue])
    }

    func member(email: String, org: OrgID) throws -> (userID: UserID, role: Role)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT u.id, m.role FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = ? AND m.org_id = ?
            """, arguments: [email, org.rawValue]),
            let id = UserID(rawValue: row["id"]), let role = Role(rawValue: row["role"]) else { return nil }
        return (id, role)
    }

    func adminCount(_ org: OrgID, excluding user: UserID) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = 'admin' AND user_id <> ?",
                         arguments: [org.rawValue, user.rawValue]) ?? 0
    }

    func members(of org: OrgID) throws -> [(email: String, role: Role)] {
        try Row.fetchAll(db, sql: """
            SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? ORDER BY u.email
            """, arguments: [org.rawValue]).compactMap { row in Role(rawValue: row["role"]).map { (row["email"], $0) } }
    }

    func memberships(of user: UserID) throws -> [Membership] {
        try Row.fetchAll(db, sql: """
            SELECT o.id, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id
            WHERE m.user_id = ? ORDER BY o.name COLLATE NOCASE
            """, arguments: [user.rawValue]).compactMap { row in
            guard let id = OrgID(rawValue: row["id"]), let role = Role(rawValue: row["role"]) else { return nil }
            return Membership(orgID: id, orgName: row["name"], role: role)
        }
    }

    func membershipCheck(_ user: UserID, org: OrgID) throws -> MembershipCheck? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT m.role, o.name AS org_name, o.suspended_at, u.email
            FROM memberships m JOIN organizations o ON o.id = m.org_id JOIN users u ON u.id = m.user_id
            WHERE m.user_id = ? AND m.org_id = ?
            """, arguments: [user.rawValue, org.rawValue]), let role = Role(rawValue: row["role"]) else { return nil }
        return MembershipCheck(role: role, orgName: row["org_name"], suspended: (row["suspended_at"] as Date?) != nil,
                               email: row["email"])
    }
}
