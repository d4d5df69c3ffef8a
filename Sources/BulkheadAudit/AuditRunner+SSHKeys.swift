import Foundation
import BulkheadAuth
import BulkheadCore
import NIOSSH

extension AuditRunner {
    /// SSH access, through a real `SSHServer` and swift-nio-ssh's client on loopback: keys, requests, sessions.
    static var sshPatterns: [AuditPattern] {
        sshKeyPatterns + sshRequestPatterns + sshSessionPatterns
    }

    /// Whose key opens what, and who may manage whose keys.
    static var sshKeyPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list.append(.oneWay("SSH-01", .ssh, "an unknown key", tried: "connects with a key nobody registered, naming its own admin") { world, me in
            let ssh = try await world.ssh()
            let connection = try await ssh.client.connect(key: AuditSSH.strangerKey(), user: me.adminEmail, from: "127.0.0.11")
            try world.require(connection == nil, "an unknown key got in")
            try world.requireEvent("ssh_auth_failed", "reason=unknown_key")
        })
        list += AuditPattern.twoWay("SSH-02", .ssh, "a key under another user's name",
                                    tried: "connects with its member's key under the other org's admin's email, and under its own admin's") { world, me in
            let ssh = try await world.ssh()
            let victim = world.victim(of: me)
            for name in [victim.adminEmail, "\(victim.adminEmail)/\(victim.orgName)", me.adminEmail] {
                let connection = try await ssh.connect(me.memberEmail, user: name, from: me.side == .a ? "127.0.0.12" : "127.0.0.13")
                try world.require(connection == nil, "the member's key got in under another user's name")
            }
            try world.requireEvent("ssh_auth_failed", "reason=user_mismatch")
        }
        list += AuditPattern.twoWay("SSH-03", .ssh, "add a key to the other org's member",
                                    tried: "its admin registers a key of its own for the other org's member") { world, me in
            let victim = world.victim(of: me)
            let key = AuditSSH.strangerKey()
            try await world.expectLikeMissing(me, "key add for the other org's member", reference: victim.memberEmail,
                                              missing: "nobody-\(UUID().uuidString.prefix(6).lowercased())@audit.test") { email in
                try world.services.auth.addSSHKey(AuditSSH.line(key), for: email, by: me.admin)
            }
            let ssh = try await world.ssh()
            let source = me.side == .a ? "127.0.0.14" : "127.0.0.15"
            try world.require(try await ssh.client.connect(key: key, user: victim.memberEmail, from: source) == nil, "the planted key opens a session")
        }
        list += AuditPattern.twoWay("SSH-04", .ssh, "remove the other org's member's key",
                                    tried: "its admin removes the other org's member's key by fingerprint") { world, me in
            let victim = world.victim(of: me)
            let ssh = try await world.ssh()
            guard let key = ssh.keys[victim.memberEmail] else { throw AuditBreach("no key for the victim") }
            let fingerprint = try SSHPublicKey(key.publicKey).fingerprint
            try await world.expectLikeMissing(me, "key rm of the other org's member", reference: fingerprint,
                                              missing: "SHA256:" + String(repeating: "A", count: 43)) { reference in
                try world.services.auth.removeSSHKey(fingerprint: reference, by: me.admin)
            }
            guard let connection = try await ssh.connect(victim.memberEmail) else { throw AuditBreach("the victim's key was removed") }
            await connection.close()
        }
        list.append(.oneWay("SSH-05", .ssh, "claim the other org's key", as: .b,
                            tried: "registers the other org's admin's public key as its own admin's") { world, me in
            let victim = world.victim(of: me)
            let ssh = try await world.ssh()
            guard let key = ssh.keys[victim.adminEmail] else { throw AuditBreach("no key for the victim") }
            try await world.expectFailure(me, .conflict, "key add of a key registered to another user") {
                try world.services.auth.addSSHKey(AuditSSH.line(key), by: me.admin)
            }
            let mine = try world.services.auth.sshKeys(by: me.admin).map(\.fingerprint)
            try world.require(!mine.contains(try SSHPublicKey(key.publicKey).fingerprint), "the key was listed as the attacker's")
            try world.require(try await ssh.connect(me.adminEmail) != nil, "the attacker's own key stopped working")
        })
        list.append(.oneWay("SSH-06", .ssh, "an admin's key for a shared member",
                            tried: "its admin adds a key for a member who also belongs to the other org, then opens the other org with it") { world, me in
            let victim = world.victim(of: me)
            let ssh = try await world.ssh()
            let email = "shared-\(UUID().uuidString.prefix(6).lowercased())@audit.test"
            for org in [me.orgName, victim.orgName] {
                _ = try await world.services.addUser(email: email, org: org, role: .member, initialPassword: "Shared-\(UUID().uuidString)",
                                                     credentials: world.operatorCredentials)
            }
            let key = AuditSSH.strangerKey()
            _ = try world.services.auth.addSSHKey(AuditSSH.line(key), for: email, by: me.admin)
            for name in ["\(email)/\(victim.orgName)", "\(email)/\(victim.orgID.rawValue)"] {
                try world.require(try await ssh.client.connect(key: key, user: name, from: "127.0.0.16") == nil,
                                  "the admin's key opened the other org")
            }
            guard let own = try await ssh.client.connect(key: key, user: email) else { throw AuditBreach("the key does not open its own org") }
            await own.close()
            try world.requireEvent("ssh_auth_failed", "reason=not_member")
        })
        return list
    }
}
