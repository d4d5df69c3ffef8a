import Foundation
import BulkheadCore
import BulkheadDemo
import BulkheadEngine
import BulkheadStore

/// Makes the demo workspace: Acme (retail) and Globex (clinic), their users, sources, notes and examples.
///
/// Data comes from a fixed seed, so two runs make the same rows; passwords are random and shown
/// once. Running it again is safe (it reports the accounts that exist); `force` rebuilds.
public struct DemoBuilder: Sendable {
    /// One account the demo made (or found).
    public struct Account: Sendable, Hashable {
        public let email: String
        public let org: String
        public let role: Role
        /// The one-time password, or nil when the account already existed.
        public let password: String?
    }

    private let services: Services
    private let catalog = DemoCatalog()

    public init(services: Services) {
        self.services = services
    }

    /// True when the demo orgs exist in this home.
    public func exists() throws -> Bool {
        try catalog.orgs.allSatisfy { try services.control.organizationID(named: $0.name) != nil }
    }

    /// Creates the demo, or reports its accounts when it already exists and `force` is false.
    ///
    /// Only the operator may (``Services/createDemo(force:credentials:)`` decides who that is).
    public func create(force: Bool = false, by caller: OperatorPrincipal) async throws -> [Account] {
        if try exists() {
            guard force else {
                return catalog.accounts.map { Account(email: $0.email, org: $0.org, role: $0.role, password: nil) }
            }
        }
        if force { try removeDemo(by: caller) }
        var made: [Account] = []
        for org in catalog.orgs {
            let orgID = try services.createOrganization(name: org.name, by: caller)
            var adminPassword: String?
            var adminEmail = ""
            for account in catalog.accounts where account.org == org.name {
                let password = makePassword()
                _ = try services.auth.addUser(email: account.email, org: orgID, role: account.role, initialPassword: password, by: caller)
                made.append(Account(email: account.email, org: org.name, role: account.role, password: password))
                if account.role == .admin, adminPassword == nil {
                    adminPassword = password
                    adminEmail = account.email
                }
            }
            guard let adminPassword else { continue }
            let principal = try await services.auth.login(email: adminEmail, password: adminPassword, org: org.name).principal
            try await fill(org, principal: principal, orgID: orgID)
            try services.auth.logout(principal: principal)
        }
        return made
    }

    private func fill(_ org: DemoCatalog.Org, principal: Principal, orgID: OrgID) async throws {
        let area = try services.workspace.makeOrgArea(for: orgID)
        let file = area.appendingPathComponent("\(org.sourceName).sqlite")
        do {
            try catalog.writeSource(for: org, to: file)
            chmod(file.path, 0o600)
        } catch {
            throw BulkheadError.internalFailure(code: "demo-source")
        }
        let added = try services.engine.addPackagedSource(principal, name: org.sourceName, path: file)
        try await services.knowledge.indexSource(principal, source: added.source.name,
                                                 schema: services.engine.schema(principal, source: added.source.name))
        for note in org.notes {
            try await services.notes.add(principal, text: note)
        }
        for example in org.examples {
            _ = try await services.assistant.addExample(principal, question: example.question, sql: example.sql, source: org.sourceName)
        }
    }

    /// A random password of 20 characters from an unambiguous alphabet (about 100 bits).
    private func makePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<20).map { _ in services.random.pick(alphabet) })
    }

    /// Removes the demo orgs, their files and the users that belonged only to them.
    private func removeDemo(by caller: OperatorPrincipal) throws {
        for org in catalog.orgs {
            guard let id = try services.control.organizationID(named: org.name) else { continue }
            try services.deleteOrganization(id, by: caller)
        }
    }
}
