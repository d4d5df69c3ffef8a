import BulkheadAuth
import BulkheadCore
import BulkheadStore
import Foundation

/// The operator's commands (`bulkhead admin …`). Each one first proves the operator from the
/// credentials it is given, and is recorded as a security event naming the operator.
extension Services {
    /// One organization with its folder grants, for `admin org list`.
    public struct OrganizationSummary: Sendable, Hashable {
        public let record: OrganizationRecord
        public let folders: [String]
        /// The database hosts granted for PostgreSQL sources, as `host:port`.
        public let hosts: [String]
    }

    /// Creates an organization.
    public func createOrganization(name: String, credentials: CallerCredentials) async throws -> OrgID {
        let caller = try await requireOperator(credentials, action: "org.create")
        return try createOrganization(name: name, by: caller)
    }

    /// Every organization with its grants.
    public func organizations(credentials: CallerCredentials) async throws -> [OrganizationSummary] {
        let caller = try await requireOperator(credentials, action: "org.list")
        let all = try grants.all()
        let hosts = try control.read(.operator, "hosts-read") { try $0.hostGrants() }
        return try auth.organizations(by: caller).map { record in
            OrganizationSummary(record: record, folders: all.filter { $0.orgID == record.id }.map(\.path),
                                hosts: hosts.filter { $0.org == record.id }.map(\.host))
        }
    }

    /// Suspends or resumes the organization called `name`.
    public func setSuspended(_ name: String, _ suspended: Bool, credentials: CallerCredentials) async throws -> OrgID {
        let caller = try await requireOperator(credentials, action: suspended ? "org.suspend" : "org.resume")
        let org = try auth.organizationID(named: name, by: caller)
        try auth.setSuspended(org, suspended, by: caller)
        return org
    }

    /// Deletes the organization called `name` and all of its data.
    public func deleteOrganization(named name: String, credentials: CallerCredentials) async throws -> OrgID {
        let caller = try await requireOperator(credentials, action: "org.delete")
        let org = try auth.organizationID(named: name, by: caller)
        try deleteOrganization(org, by: caller)
        return org
    }

    /// Grants the folder `path` to the organization called `name`; returns the resolved folder.
    public func grantFolder(_ path: String, to name: String, credentials: CallerCredentials) async throws -> String {
        try await operatorGrant(on: name, credentials, action: "org.grant-folder", event: "operator_folder_granted") {
            try engine.grantFolder(path, to: $1, by: $0)
        }
    }

    /// Withdraws a grant from the organization called `name`.
    public func revokeFolder(_ path: String, from name: String, credentials: CallerCredentials) async throws {
        try await operatorGrant(on: name, credentials, action: "org.revoke-folder", event: "operator_folder_revoked") {
            try engine.revokeFolder(path, from: $1, by: $0)
        }
    }

    /// Grants the database host `HOST[:PORT]` to the organization called `name` for PostgreSQL sources; returns it as kept.
    public func grantHost(_ host: String, to name: String, credentials: CallerCredentials) async throws -> String {
        try await operatorGrant(on: name, credentials, action: "org.grant-host", event: "operator_host_granted") {
            try engine.grantHost(host, to: $1, by: $0)
        }
    }

    /// Withdraws a host grant from the organization called `name`.
    public func revokeHost(_ host: String, from name: String, credentials: CallerCredentials) async throws {
        try await operatorGrant(on: name, credentials, action: "org.revoke-host", event: "operator_host_revoked") {
            try engine.revokeHost(host, from: $1, by: $0)
        }
    }

    /// One operator change to an org's grants: the operator is verified first, the org is found by
    /// name, and the change is recorded as a security event only once it has been made.
    private func operatorGrant<T>(on name: String, _ credentials: CallerCredentials, action: String, event: String,
                                  _ change: (OperatorPrincipal, OrgID) throws -> T) async throws -> T {
        let caller = try await requireOperator(credentials, action: action)
        let org = try auth.organizationID(named: name, by: caller)
        let result = try change(caller, org)
        recordOperatorAction(caller, event, org: org)
        return result
    }

    /// The installation's security events, newest last (the operator only).
    public func securityEvents(kind: String?, credentials: CallerCredentials) async throws -> [SecurityEvent] {
        _ = try await requireOperator(credentials, action: "events")
        do {
            return try control.securityEvents(kind: kind)
        } catch {
            throw BulkheadError.internalFailure(code: "events-read")
        }
    }

    /// Replaces the operator key; returns the new key's text for the caller to store.
    public func rotateOperatorKey(credentials: CallerCredentials) async throws -> String {
        let caller = try await requireOperator(credentials, action: "key.rotate")
        return try auth.rotateOperatorKey(by: caller)
    }

    /// What `createDemo` made.
    public struct DemoOutcome: Sendable {
        /// The demo's accounts; passwords only when they were made now.
        public let accounts: [DemoBuilder.Account]
        /// True when the orgs were made (or rebuilt) now.
        public let created: Bool
    }

    /// Creates the demo workspace. On a fresh installation (no org yet) anyone may; on one with
    /// orgs it is an operator action, and `force` rebuilds the demo orgs (deleting their data).
    public func createDemo(force: Bool, credentials: CallerCredentials) async throws -> DemoOutcome {
        let builder = DemoBuilder(services: self)
        let caller: OperatorPrincipal
        if credentials.operatorKey != nil || !authorizationEnforced {
            caller = try await requireOperator(credentials, action: force ? "demo.force" : "demo")
        } else if let first = try auth.bootstrapOperator() {
            caller = first
        } else {
            auth.recordDenial(action: force ? "demo.force" : "demo", actor: try await actor(of: credentials), reason: "no_operator_key")
            throw BulkheadError.operatorRequired
        }
        let existed = try builder.exists()
        let accounts = try await builder.create(force: force, by: caller)
        let created = !existed || force
        if created { recordOperatorAction(caller, force ? "operator_demo_rebuilt" : "operator_demo_created") }
        return DemoOutcome(accounts: accounts, created: created)
    }
}
