import Crypto
import Foundation
@_spi(Testing) import BulkheadAssistant
import BulkheadAuth
import BulkheadCore

extension AuditRunner {
    /// Authorization: who may do what. Installation management without a session or with a tenant's
    /// token, members acting as admins, admins acting on the other org, forged operator keys, folder
    /// grants over the home or another org's folder, backups outside the org's area, edited and
    /// foreign backups, and lockout from another client. Every call goes through the same entry
    /// points the commands use, which decide who is asking from the credentials alone.
    static var authorizationPatterns: [AuditPattern] {
        operatorPatterns + tenantScopePatterns + grantPatterns + backupAreaPatterns + lockoutClientPatterns
    }

    /// Operator actions attempted by anyone but the operator.
    static var operatorPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list.append(.oneWay("AUTHZ-01", .authorization, "org create without a session",
                            tried: "creates an organization with no session and no operator key") { world, me in
            let name = "Rogue Audit \(UUID().uuidString.prefix(6))"
            try await world.expectFailure(me, .operatorRequired, "org create without a session", echo: [name]) {
                try await world.services.createOrganization(name: name, credentials: CallerCredentials())
            }
            try world.require(try world.services.control.organizationID(named: name) == nil, "the organization was created")
            try world.requireEvent("authorization_denied", "org.create")
        })
        list += AuditPattern.twoWay("AUTHZ-02", .authorization, "user add into the other org without a session",
                                    tried: "adds an admin account to the other org by name with no session (the red team's mallory)") { world, me in
            let victim = world.victim(of: me)
            let email = "mallory-\(UUID().uuidString.prefix(6).lowercased())@evil.test", secret = "Mallory-\(UUID().uuidString)"
            try await world.expectFailure(me, .operatorRequired, "user add without a session", echo: [victim.orgName, email]) {
                try await world.services.addUser(email: email, org: victim.orgName, role: .admin, initialPassword: secret,
                                                 credentials: CallerCredentials())
            }
            try await world.expectFailure(me, .invalidCredentials, "mallory logs in", echo: [email]) {
                try await world.services.auth.login(email: email, password: secret, org: victim.orgName)
            }
        }
        list.append(.oneWay("AUTHZ-03", .authorization, "a tenant admin's token as the operator",
                            tried: "lists organizations and reads security events with its admin token instead of the operator key") { world, me in
            let mine = CallerCredentials(sessionToken: me.adminToken)
            try await world.expectFailure(me, .operatorRequired, "org list with a tenant token") {
                try await world.services.organizations(credentials: mine)
            }
            try await world.expectFailure(me, .operatorRequired, "security events with a tenant token") {
                try await world.services.securityEvents(kind: nil, credentials: mine)
            }
        })
        list.append(.oneWay("AUTHZ-04", .authorization, "forged operator keys", as: .b,
                            tried: "presents operator keys it made up: random, the real operator id with a random secret, and garbage") { world, me in
            let real = world.operatorCredentials.operatorKey ?? ""
            let id = real.split(whereSeparator: { $0 == " " || $0.isNewline }).first { $0.hasPrefix("opr-") }.map(String.init) ?? "opr-0"
            let secret = Data(SystemRandom().bytes(count: 32)).base64EncodedString()
            for forged in ["bulkhead-operator-1 opr-\(UUID().uuidString.prefix(8).lowercased()) \(secret)",
                           "bulkhead-operator-1 \(id) \(secret)", "", "operator", String(real.reversed())] {
                try await world.expectFailure(me, .operatorRequired, "a forged operator key") {
                    try await world.services.createOrganization(name: "Forged Audit \(UUID().uuidString.prefix(6))",
                                                                credentials: CallerCredentials(operatorKey: forged))
                }
            }
            try world.requireEvent("operator_key_rejected", "reason=")
        })
        list += AuditPattern.twoWay("AUTHZ-05", .authorization, "suspend an org with a tenant admin's token",
                                    tried: "suspends an organization by name with its own admin token") { world, me in
            let target = try await world.throwawayOrg()
            try await world.expectFailure(me, .operatorRequired, "suspend with a tenant token", echo: [target.name]) {
                try await world.services.setSuspended(target.name, true, credentials: CallerCredentials(sessionToken: me.adminToken))
            }
            let still = try await world.services.verify(token: target.token)
            try world.require(still.orgID == target.org, "the org's admin lost its session")
        }
        list += AuditPattern.twoWay("AUTHZ-06", .authorization, "delete an org with a tenant admin's token",
                                    tried: "deletes an organization by name with its own admin token") { world, me in
            let target = try await world.throwawayOrg()
            try await world.expectFailure(me, .operatorRequired, "delete with a tenant token", echo: [target.name]) {
                try await world.services.deleteOrganization(named: target.name, credentials: CallerCredentials(sessionToken: me.adminToken))
            }
            try world.require(try world.services.control.organizationID(named: target.name) == target.org, "the org was deleted")
        }
        list.append(.oneWay("AUTHZ-07", .authorization, "demo --force without the operator key",
                            tried: "rebuilds the demo on an installation that has organizations, with its admin token and no key") { world, me in
            let before = try world.services.control.organizationIDs()
            try await world.expectFailure(me, .operatorRequired, "demo --force with a tenant token") {
                try await world.services.createDemo(force: true, credentials: CallerCredentials(sessionToken: me.adminToken))
            }
            try world.require(try world.services.control.organizationIDs() == before, "the demo changed the installation's orgs")
        })
        return list
    }

    /// Tenants reaching past their role or their org.
    static var tenantScopePatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("AUTHZ-08", .authorization, "an admin adds a user to the other org",
                                    tried: "adds an account to the other org by name with its own admin token") { world, me in
            let victim = world.victim(of: me)
            let email = "plant-\(UUID().uuidString.prefix(6).lowercased())@audit.test"
            try await world.expectFailure(me, .denied, "user add into the other org", echo: [victim.orgName, email]) {
                try await world.services.addUser(email: email, org: victim.orgName, role: .admin, initialPassword: "Plant-\(UUID().uuidString)",
                                                 credentials: CallerCredentials(sessionToken: me.adminToken))
            }
            let people = try await world.services.members(credentials: CallerCredentials(sessionToken: victim.adminToken))
            try world.require(!people.contains { $0.email == email }, "the account was added to the other org")
        }
        list += AuditPattern.twoWay("AUTHZ-09", .authorization, "an admin adds itself to the other org",
                                    tried: "adds its own email to the other org with its own password, then logs in there (the red team's Ada)") { world, me in
            let victim = world.victim(of: me)
            try await world.expectFailure(me, .denied, "self-enrolment in the other org", echo: [victim.orgName, me.adminEmail]) {
                try await world.services.addUser(email: me.adminEmail, org: victim.orgName, role: .admin, initialPassword: me.adminPassword,
                                                 credentials: CallerCredentials(sessionToken: me.adminToken))
            }
            try await world.expectFailure(me, .notFound, "log in to the other org", echo: [victim.orgName]) {
                try await world.services.auth.login(email: me.adminEmail, password: me.adminPassword, org: victim.orgName)
            }
        }
        list += AuditPattern.twoWay("AUTHZ-10", .authorization, "a member creates an admin",
                                    tried: "a member invites a new admin into its own org") { world, me in
            let email = "escalate-\(UUID().uuidString.prefix(6).lowercased())@audit.test"
            try await world.expectFailure(me, .denied, "member adds an admin", echo: [email]) {
                try await world.services.addUser(email: email, org: nil, role: .admin, initialPassword: "Escalate-\(UUID().uuidString)",
                                                 credentials: CallerCredentials(sessionToken: me.memberToken))
            }
        }
        list.append(.oneWay("AUTHZ-11", .authorization, "a member changes roles", as: .b,
                            tried: "a member promotes itself and demotes its admin through the command entry point") { world, me in
            let mine = CallerCredentials(sessionToken: me.memberToken)
            for (email, role) in [(me.memberEmail, Role.admin), (me.adminEmail, Role.member)] {
                try await world.expectFailure(me, .denied, "member changes a role", echo: [email]) {
                    try await world.services.setRole(email: email, role: role, credentials: mine)
                }
            }
            let admin = try await world.services.verify(token: me.adminToken)
            try world.require(admin.role == .admin, "the admin was demoted")
        })
        list += AuditPattern.twoWay("AUTHZ-12", .authorization, "an admin removes a user of the other org",
                                    tried: "removes the other org's member, naming the other org") { world, me in
            let victim = world.victim(of: me)
            try await world.expectFailure(me, .denied, "remove a user of the other org", echo: [victim.orgName, victim.memberEmail]) {
                try await world.services.removeUser(email: victim.memberEmail, org: victim.orgName,
                                                    credentials: CallerCredentials(sessionToken: me.adminToken))
            }
            let still = try await world.services.verify(token: victim.memberToken)
            try world.require(still.orgID == victim.orgID, "the other org's member lost its membership")
        }
        list += AuditPattern.twoWay("AUTHZ-13", .authorization, "an admin grants itself a folder",
                                    tried: "grants its own org the other org's folder with its admin token") { world, me in
            let victim = world.victim(of: me)
            try await world.expectFailure(me, .operatorRequired, "tenant grants a folder", echo: [victim.root.path, me.orgName]) {
                try await world.services.grantFolder(victim.root.path, to: me.orgName, credentials: CallerCredentials(sessionToken: me.adminToken))
            }
            try world.require(try world.services.grants.folders(of: me.orgID).allSatisfy { !$0.hasPrefix(victim.root.path) },
                              "the other org's folder was granted")
        }
        return list
    }
}
