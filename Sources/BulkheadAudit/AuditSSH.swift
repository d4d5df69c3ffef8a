import Foundation
import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadServer
import BulkheadStore
import Crypto
import NIOSSH
import Synchronization

/// The SSH side of the audit world: a real `SSHServer` on a free loopback port, serving the
/// world's home, and a key for each audit user registered the way users register theirs.
final class AuditSSH: Sendable {
    let server: SSHServer
    let client: AuditSSHClient
    let credential: SSHServerCredential
    /// Each user's private key, by email.
    let keys: [String: NIOSSHPrivateKey]
    /// The server's one-line session records (ids only, checked by a pattern).
    let log: AuditSSHLog
    /// Session caps of the audit's server.
    static let perUser = 3, perOrg = 6

    private init(server: SSHServer, client: AuditSSHClient, credential: SSHServerCredential, keys: [String: NIOSSHPrivateKey],
                 log: AuditSSHLog) {
        self.server = server
        self.client = client
        self.credential = credential
        self.keys = keys
        self.log = log
    }

    /// Starts the server and registers a key for the admin and the member of both orgs.
    static func start(world: AuditWorld, executable: URL) async throws -> AuditSSH {
        let services = world.services
        let credential = try services.auth.sshServer()
        var configuration = SSHServerConfiguration(address: ServerAddress(host: "127.0.0.1", port: 0), executable: executable,
                                                   home: services.workspace.root)
        configuration.checkInterval = 0.5
        configuration.maxSessionsPerUser = perUser
        configuration.maxSessionsPerOrg = perOrg
        if let url = world.postgresURL {
            // The sessions' processes serve from the audit's store, as `bulkhead serve`'s do.
            configuration.storeEnvironment = ["BULKHEAD_STORE": url.description, "BULKHEAD_STORE_PASSWORD": url.password ?? ""]
        }
        let lines = AuditSSHLog()
        let server = SSHServer(configuration: configuration, auth: services.auth, credential: credential, events: services.control,
                               limits: services.stores.limits, clock: services.clock,
                               log: SessionLog { line in lines.append(line) })
        let port = try await server.start()
        var keys: [String: NIOSSHPrivateKey] = [:]
        for tenant in [world.a, world.b] {
            for (email, principal) in [(tenant.adminEmail, tenant.admin), (tenant.memberEmail, tenant.member)] {
                let key = NIOSSHPrivateKey(ed25519Key: .init())
                _ = try services.auth.addSSHKey(String(openSSHPublicKey: key.publicKey) + " audit", by: principal)
                keys[email] = key
            }
        }
        let client = AuditSSHClient(port: port, hostKey: credential.hostKey.serverKey.publicKey)
        return AuditSSH(server: server, client: client, credential: credential, keys: keys, log: lines)
    }

    /// A fresh key nobody registered.
    static func strangerKey() -> NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: .init()) }

    /// The OpenSSH line of a key's public half.
    static func line(_ key: NIOSSHPrivateKey) -> String { String(openSSHPublicKey: key.publicKey) }

    /// Connects as the owner of `email`'s key (the user name is the email unless given).
    func connect(_ email: String, user: String? = nil, from source: String = "127.0.0.1") async throws -> AuditSSHConnection? {
        guard let key = keys[email] else { throw AuditBreach("no audit key for \(email)") }
        return try await client.connect(key: key, user: user ?? email, from: source)
    }

    func stop() async {
        await server.drain(within: 0)
        await server.shutdown()
        client.shutdown()
    }
}

extension AuditWorld {
    /// The world's SSH server and keys, started on first use (the SSH patterns share them).
    func ssh() async throws -> AuditSSH {
        if let running = sshBox.withLock({ $0 }) { return running }
        guard let executable = options.sessionExecutable else {
            throw AuditBreach("no bulkhead binary to run SSH sessions with (AuditWorld.Options.sessionExecutable)")
        }
        let started = try await AuditSSH.start(world: self, executable: executable)
        sshBox.withLock { $0 = started }
        return started
    }

    /// Stops the SSH server, if it was started.
    func stopSSH() async {
        if let running = sshBox.withLock({ box -> AuditSSH? in defer { box = nil }; return box }) { await running.stop() }
    }
}
