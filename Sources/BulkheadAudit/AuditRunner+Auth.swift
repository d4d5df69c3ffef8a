import Foundation
import BulkheadAuth
import BulkheadCore
import BulkheadEngine

extension AuditRunner {
    /// Authentication: forged, confused, stale and escalated tokens; org switching; lockout dodges.
    static var authPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("AUTH-01", .auth, "login naming the other org",
                                    tried: "logs in with its own credentials but asks for the other org by name") { world, me in
            let victim = world.victim(of: me)
            try await world.expectLikeMissing(me, "login into the other org by name", reference: victim.orgName,
                                              missing: "Nobody Audit \(UUID().uuidString.prefix(6))") { org in
                try await world.services.auth.login(email: me.adminEmail, password: me.adminPassword, org: org)
            }
        }
        list += AuditPattern.twoWay("AUTH-02", .auth, "login naming the other org's id",
                                    tried: "logs in with its own credentials but asks for the other org by id") { world, me in
            let victim = world.victim(of: me)
            try await world.expectLikeMissing(me, "login into the other org by id", reference: victim.orgID.rawValue,
                                              missing: world.missingID(prefix: "org")) { org in
                try await world.services.auth.login(email: me.adminEmail, password: me.adminPassword, org: org)
            }
        }
        list.append(.oneWay("AUTH-03", .auth, "token with the other org's org_id",
                            tried: "edits its own token's payload to carry the other org's org_id and keeps its signature") { world, me in
            let forge = TokenForge(workspace: world.services.workspace)
            let (header, payload, signature) = try forge.open(me.adminToken)
            var edited = payload
            edited["org_id"] = world.victim(of: me).orgID.rawValue
            let token = try forge.assemble(header: header, payload: edited, signature: signature)
            try await world.expectFailure(me, .notAuthenticated, "token with another org_id", input: token) { try await world.services.verify(token: token) }
        })
        list.append(.oneWay("AUTH-04", .auth, "alg none with the other org's org_id",
                            tried: "sends an unsigned token (alg none) claiming the other org") { world, me in
            let forge = TokenForge(workspace: world.services.workspace)
            var (_, payload, _) = try forge.open(me.adminToken)
            payload["org_id"] = world.victim(of: me).orgID.rawValue
            let token = try forge.assemble(header: ["alg": "none", "typ": "JWT"], payload: payload, signature: "")
            try await world.expectFailure(me, .notAuthenticated, "alg none token") { try await world.services.verify(token: token) }
        })
        list.append(.oneWay("AUTH-05", .auth, "alg none spelled in other cases", as: .b,
                            tried: "sends its own claims unsigned under alg none, None, NONE and nOnE") { world, me in
            let forge = TokenForge(workspace: world.services.workspace)
            let (_, payload, signature) = try forge.open(me.adminToken)
            for alg in ["none", "None", "NONE", "nOnE"] {
                for sig in ["", signature] {
                    let token = try forge.assemble(header: ["alg": alg, "typ": "JWT"], payload: payload, signature: sig)
                    try await world.expectFailure(me, .notAuthenticated, "alg \(alg) token") { try await world.services.verify(token: token) }
                }
            }
        })
        list.append(.oneWay("AUTH-06", .auth, "HS256 keyed with the public key (raw bytes)",
                            tried: "hand-signs HS256 with the home's Ed25519 public key bytes as the HMAC secret, claiming the other org") { world, me in
            let forge = TokenForge(workspace: world.services.workspace)
            var (_, payload, _) = try forge.open(me.adminToken)
            payload["org_id"] = world.victim(of: me).orgID.rawValue
            let token = try forge.hs256(payload: payload, key: try forge.publicKey().rawRepresentation)
            try await world.expectFailure(me, .notAuthenticated, "HS256 key confusion") { try await world.services.verify(token: token) }
        })
        list.append(.oneWay("AUTH-07", .auth, "HS256 keyed with the public key (PEM text)", as: .b,
                            tried: "hand-signs HS256 with the public key's PEM text as the HMAC secret") { world, me in
            let forge = TokenForge(workspace: world.services.workspace)
            let (_, payload, _) = try forge.open(me.adminToken)
            let token = try forge.hs256(payload: payload, key: Data(try forge.publicKey().pemRepresentation.utf8))
            try await world.expectFailure(me, .notAuthenticated, "HS256 PEM key confusion") { try await world.services.verify(token: token) }
        })
        list.append(.oneWay("AUTH-08", .auth, "jwt-kit HS256 token keyed with the public key",
                            tried: "signs valid-looking claims with jwt-kit's HMAC signer keyed by the public key") { world, me in
            let forge = TokenForge(workspace: world.services.workspace)
            let claims = SessionClaims(subject: me.admin.userID, orgID: world.victim(of: me).orgID, role: .admin,
                                       sessionID: me.admin.sessionID, issuedAt: Date(), expiresAt: Date().addingTimeInterval(600))
            let token = try await forge.signHMAC(claims, key: try forge.publicKey().rawRepresentation)
            try await world.expectFailure(me, .notAuthenticated, "jwt-kit HS256 token") { try await world.services.verify(token: token) }
        })
        list.append(.oneWay("AUTH-09", .auth, "EdDSA token from the attacker's own key",
                            tried: "signs claims for the other org with an Ed25519 key of its own, alg EdDSA") { world, me in
            let forge = TokenForge(workspace: world.services.workspace)
            let claims = SessionClaims(subject: me.admin.userID, orgID: world.victim(of: me).orgID, role: .admin,
                                       sessionID: me.admin.sessionID, issuedAt: Date(), expiresAt: Date().addingTimeInterval(600))
            let token = try await forge.signWithOwnKey(claims)
            try await world.expectFailure(me, .notAuthenticated, "own-key token") { try await world.services.verify(token: token) }
        })
        list += AuditPattern.twoWay("AUTH-10", .auth, "stolen key: own session, other org",
                                    tried: "signs with the home's real key a token of its own session carrying the other org's org_id") { world, me in
            let claims = SessionClaims(subject: me.admin.userID, orgID: world.victim(of: me).orgID, role: .admin,
                                       sessionID: me.admin.sessionID, issuedAt: Date(), expiresAt: Date().addingTimeInterval(600))
            let token = try await TokenForge(workspace: world.services.workspace).signWithHomeKey(claims)
            try await world.expectFailure(me, .notAuthenticated, "session bound to another org") { try await world.services.verify(token: token) }
        }
        list.append(.oneWay("AUTH-11", .auth, "stolen key: the other org's admin as subject",
                            tried: "signs with the real key a token naming the other org's admin as subject on its own session") { world, me in
            let victim = world.victim(of: me)
            let claims = SessionClaims(subject: victim.admin.userID, orgID: victim.orgID, role: .admin,
                                       sessionID: me.admin.sessionID, issuedAt: Date(), expiresAt: Date().addingTimeInterval(600))
            let token = try await TokenForge(workspace: world.services.workspace).signWithHomeKey(claims)
            try await world.expectFailure(me, .notAuthenticated, "foreign subject") { try await world.services.verify(token: token) }
        })
        list += AuditPattern.twoWay("AUTH-12", .auth, "member token re-signed as admin",
                                    tried: "a member re-signs its own session's token with role admin (member to admin escalation)") { world, me in
            let claims = SessionClaims(subject: me.member.userID, orgID: me.orgID, role: .admin,
                                       sessionID: me.member.sessionID, issuedAt: Date(), expiresAt: Date().addingTimeInterval(600))
            let token = try await TokenForge(workspace: world.services.workspace).signWithHomeKey(claims)
            try await world.expectFailure(me, .notAuthenticated, "role escalation token") { try await world.services.verify(token: token) }
        }
        list.append(.oneWay("AUTH-13", .auth, "expired token",
                            tried: "presents a correctly signed token of its own session whose exp has passed") { world, me in
            let claims = SessionClaims(subject: me.admin.userID, orgID: me.orgID, role: .admin, sessionID: me.admin.sessionID,
                                       issuedAt: Date().addingTimeInterval(-7_200), expiresAt: Date().addingTimeInterval(-3_600))
            let token = try await TokenForge(workspace: world.services.workspace).signWithHomeKey(claims)
            try await world.expectFailure(me, .notAuthenticated, "expired token") { try await world.services.verify(token: token) }
        })
        list.append(.oneWay("AUTH-14", .auth, "revoked token", as: .b,
                            tried: "logs in, logs out, then presents the token of the revoked session") { world, me in
            let login = try await world.services.auth.login(email: me.adminEmail, password: me.adminPassword)
            try world.services.auth.logout(principal: login.principal)
            try await world.expectFailure(me, .notAuthenticated, "revoked token") { try await world.services.verify(token: login.token) }
        })
        list.append(.oneWay("AUTH-15", .auth, "removed member's token",
                            tried: "a member removed from the org keeps using its token and tries to reach the org's sources") { world, me in
            let email = "leaver-\(UUID().uuidString.prefix(6).lowercased())@audit.test", secret = "Leaver-\(UUID().uuidString)"
            _ = try world.services.auth.invite(email: email, role: .member, initialPassword: secret, by: me.admin)
            let login = try await world.services.auth.login(email: email, password: secret)
            try world.services.auth.removeMember(email: email, by: me.admin)
            try await world.expectFailure(me, .notAuthenticated, "removed member's token") { try await world.services.verify(token: login.token) }
        })
        list.append(.oneWay("AUTH-16", .auth, "another token's signature", as: .b,
                            tried: "grafts the member token's signature onto the admin token's header and payload") { world, me in
            let forge = TokenForge(workspace: world.services.workspace)
            let admin = try forge.open(me.adminToken), member = try forge.open(me.memberToken)
            let token = try forge.assemble(header: admin.header, payload: admin.payload, signature: member.signature)
            try await world.expectFailure(me, .notAuthenticated, "grafted signature") { try await world.services.verify(token: token) }
        })
        list.append(.oneWay("AUTH-17", .auth, "malformed tokens",
                            tried: "presents empty, truncated, two-part, four-part and bit-flipped tokens") { world, me in
            let token = me.adminToken
            var flipped = Array(token)
            let middle = flipped.count / 2
            flipped[middle] = flipped[middle] == "A" ? "B" : "A"
            for bad in ["", "a.b", String(token.dropLast(5)), token + ".x", String(flipped), "Bearer " + token] {
                try await world.expectFailure(me, .notAuthenticated, "malformed token") { try await world.services.verify(token: bad) }
            }
        })
        list += escalationPatterns
        list += AuditPattern.twoWay("AUTH-26", .auth, "change the other org's admin role",
                                    tried: "an admin sets the role of the other org's admin by email") { world, me in
            let victim = world.victim(of: me)
            try await world.expectLikeMissing(me, "set role across orgs", reference: victim.adminEmail, missing: "nobody@nowhere-audit.test") {
                try world.services.auth.setRole(email: $0, role: .member, by: me.admin)
            }
        }
        list += AuditPattern.twoWay("AUTH-27", .auth, "remove the other org's member",
                                    tried: "an admin removes the other org's member by email; the victim's token must still work") { world, me in
            let victim = world.victim(of: me)
            try await world.expectLikeMissing(me, "remove member across orgs", reference: victim.memberEmail, missing: "nobody@nowhere-audit.test") {
                try world.services.auth.removeMember(email: $0, by: me.admin)
            }
            let still = try await world.services.verify(token: victim.memberToken)
            try world.require(still.orgID == victim.orgID, "the victim's member lost its membership")
        }
        list.append(.oneWay("AUTH-28", .auth, "member list", tried: "an admin lists its members; no email of the other org may appear") { world, me in
            let members = try world.observe(me, try world.services.auth.members(of: me.admin), "member list")
            let victim = world.victim(of: me)
            try world.require(!members.contains { [victim.adminEmail, victim.memberEmail, victim.lockEmail].contains($0.email) },
                              "the member list shows a member of the other org")
        })
        list.append(.oneWay("AUTH-29", .auth, "the other org's email with its own password", as: .b,
                            tried: "logs in with the other org's admin email and its own password; must answer like an unknown email") { world, me in
            let victim = world.victim(of: me)
            let real = try await world.expectFailure(me, .invalidCredentials, "foreign email", echo: [victim.adminEmail]) {
                try await world.services.auth.login(email: victim.adminEmail, password: me.adminPassword)
            }
            let unknown = try await world.expectFailure(me, .invalidCredentials, "unknown email") {
                try await world.services.auth.login(email: "ghost-\(UUID().uuidString.prefix(6).lowercased())@audit.test", password: me.adminPassword)
            }
            try world.require(real.message == unknown.message, "a known email answers differently from an unknown one")
        })
        list.append(.oneWay("AUTH-30", .auth, "enroll the other org's admin with a password of its choosing",
                            tried: "invites the other org's admin email into its own org with a password it chose, then logs in with it") { world, me in
            let victim = world.victim(of: me)
            let chosen = "Chosen-Password-\(UUID().uuidString.prefix(8))"
            let outcome = try world.observe(me, try world.services.auth.invite(email: victim.adminEmail, role: .admin, initialPassword: chosen,
                                                                             by: me.admin), "invite a foreign account", echo: [victim.adminEmail])
            guard case .awaitingAcceptance = outcome else { throw AuditBreach("an existing account joined another org without its holder") }
            try await world.expectFailure(me, .invalidCredentials, "log in with the chosen password", echo: [victim.adminEmail]) {
                try await world.services.auth.login(email: victim.adminEmail, password: chosen)
            }
            let still = try await world.services.verify(token: victim.adminToken)
            try world.require(still.orgID == victim.orgID, "the victim's admin lost its session")
            try world.services.auth.removeMember(email: victim.adminEmail, by: me.admin)
        })
        list += lockoutPatterns
        return list
    }

    /// A member trying admin-only operations on its own org (member to admin escalation).
    static var escalationPatterns: [AuditPattern] {
        typealias Attempt = (id: String, name: String, body: @Sendable (AuditWorld, AuditTenant) async throws -> Void)
        let attempts: [Attempt] = [
            ("AUTH-18", "backup", { world, me in try world.services.backups.backup(me.member, named: "member.backup") }),
            ("AUTH-19", "restore", { world, me in try world.services.backups.restore(me.member, named: me.backupFile.lastPathComponent) }),
            ("AUTH-20", "source add", { world, me in
                _ = try await world.services.addSource(me.member, name: "member-source", path: me.sharedFile.path)
            }),
            ("AUTH-21", "promote itself", { world, me in try world.services.auth.setRole(email: me.memberEmail, role: .admin, by: me.member) }),
            ("AUTH-22", "remove the admin", { world, me in try world.services.auth.removeMember(email: me.adminEmail, by: me.member) }),
            ("AUTH-23", "add an example", { world, me in
                _ = try await world.services.assistant.addExample(me.member, question: "q", sql: "SELECT 1", source: me.sharedName)
            }),
            ("AUTH-24", "change the model", { world, me in
                try world.services.models.set(me.member, choice: .init(provider: "offline", model: "offline"), apiKey: nil)
            }),
            ("AUTH-25", "list members", { world, me in _ = try world.services.auth.members(of: me.member) }),
        ]
        return attempts.enumerated().map { offset, attempt in
            AuditPattern.oneWay(attempt.id, .auth, "member tries \(attempt.name)", as: offset % 2 == 0 ? .a : .b,
                    tried: "a member of the org calls the admin-only \(attempt.name)") { world, me in
                try await world.expectFailure(me, .denied, "member \(attempt.name)") { try await attempt.body(world, me) }
            }
        }
    }

    /// Brute force on the other org's account, then the lockout dodged by case and whitespace variants.
    static var lockoutPatterns: [AuditPattern] {
        var list: [AuditPattern] = [
            .oneWay("AUTH-31", .auth, "brute force locks the account",
                    tried: "guesses the other org's user's password until the account locks") { world, me in
                try await lockVictim(world, me)
            },
        ]
        let variants: [(String, @Sendable (String) -> String)] = [
            ("upper case", { $0.uppercased() }),
            ("leading spaces", { "  " + $0 }),
            ("trailing spaces", { $0 + "   " }),
            ("tab and newline", { "\t" + $0 + "\n" }),
            ("mixed case", { String($0.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element }) }),
            ("no-break space", { "\u{00A0}" + $0 + "\u{00A0}" }),
        ]
        for (index, variant) in variants.enumerated() {
            list.append(.oneWay(String(format: "AUTH-%02d", 32 + index), .auth, "lockout dodged by \(variant.0)",
                                tried: "after the lockout, logs in with the right password and the email in \(variant.0)") { world, me in
                let victim = world.victim(of: me)
                try await lockVictim(world, me)
                try await world.expectFailure(me, .lockedOut, "lockout variant \(variant.0)") {
                    try await world.services.auth.login(email: variant.1(victim.lockEmail), password: victim.lockPassword)
                }
            })
        }
        list.append(.oneWay("AUTH-38", .auth, "lockout dodged by a zero-width space",
                            tried: "after the lockout, logs in with the right password and a zero-width space in the email") { world, me in
            let victim = world.victim(of: me)
            try await lockVictim(world, me)
            try await world.expectFailure(me, .oneOf(["locked_out", "invalid_credentials"]), "zero-width variant") {
                try await world.services.auth.login(email: "\u{200B}" + victim.lockEmail, password: victim.lockPassword)
            }
        })
        list.append(.oneWay("AUTH-39", .auth, "lockout stays with its org's account",
                            tried: "after locking the other org's user, its own user of the same local part still logs in") { world, me in
            try await lockVictim(world, me)
            let login = try await world.services.auth.login(email: me.lockEmail, password: me.lockPassword)
            try world.require(login.principal.orgID == me.orgID, "the attacker's own account was locked by the other org's lockout")
            try world.services.auth.logout(principal: login.principal)
        })
        return list
    }

    /// Guesses the victim's lockout user's password until it is locked.
    static func lockVictim(_ world: AuditWorld, _ me: AuditTenant) async throws {
        let victim = world.victim(of: me)
        for _ in 0..<8 {
            do {
                _ = try await world.services.auth.login(email: victim.lockEmail, password: "Wrong-Guess-\(UUID().uuidString)")
                throw AuditBreach("a wrong password logged in")
            } catch let error as BulkheadError {
                world.transcript.record(me.side, .error, error.message)
                try world.leakCheck(error.message, viewer: me, what: "brute force")
                if error.code == "locked_out" { return }
                try world.require(error.code == "invalid_credentials", "brute force: unexpected '\(error.code)'")
            }
        }
        throw AuditBreach("eight wrong passwords did not lock the account")
    }
}
