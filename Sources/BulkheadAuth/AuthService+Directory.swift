import BulkheadCore
import Foundation
import BulkheadStore

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
        guard let id = try read("auth-org-lookup", { try $0.organizationID(matching: wanted) }) else {
            throw BulkheadError.notFound(kind: "organization", name: wanted)
        }
        return id
    }

    /// Every membership of one user, ordered by org name.
    func memberships(of user: UserID) throws -> [Membership] {
        try read("auth-memberships") { try $0.memberships(of: user) }
    }
}
