import BulkheadCore
import Foundation
import GRDB

extension AuthService {
    /// The orgs the principal's own user belongs to, for a console's org switch.
    public func memberships(for principal: Principal) throws -> [Membership] {
        try memberships(of: principal.userID)
    }

    /// The id of the organization called `name` (case-insensitive) or with that id.
    ///
    /// For operator commands (`user add`, `demo`); a tenant-facing call never resolves an org from input.
    /// - Throws: `notFound("organization")`.
    public func organizationID(named name: String) throws -> OrgID {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        let found = try read("auth-org-lookup") { db in
            try String.fetchOne(db, sql: """
                SELECT id FROM organizations WHERE name = ? COLLATE NOCASE OR id = ? LIMIT 1
                """, arguments: [wanted, wanted])
        }
        guard let found, let id = OrgID(rawValue: found) else { throw BulkheadError.notFound(kind: "organization", name: wanted) }
        return id
    }

    /// Every membership of one user, ordered by org name.
    func memberships(of user: UserID) throws -> [Membership] {
        try read("auth-memberships") { db in
            try Row.fetchAll(db, sql: """
                SELECT o.id, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id
                WHERE m.user_id = ? ORDER BY o.name COLLATE NOCASE
                """, arguments: [user.rawValue]).compactMap { row in
                guard let id = OrgID(rawValue: row["id"]), let role = Role(rawValue: row["role"]) else { return nil }
                return Membership(orgID: id, orgName: row["name"], role: role)
            }
        }
    }
}
