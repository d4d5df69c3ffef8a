import BulkheadCore
import Foundation
import Testing
@testable import BulkheadAuth

/// Keys made by the real ssh-keygen in a temporary folder.
struct KeyMaker {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Runs a program and returns its standard output.
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Makes a key pair and returns the public line and what `ssh-keygen -lf` prints for it.
    func make(_ type: String, bits: Int? = nil, comment: String = "test key") throws -> (line: String, keygen: String) {
        let file = folder.appendingPathComponent("id-\(UUID().uuidString)")
        var arguments = ["-q", "-t", type, "-N", "", "-C", comment, "-f", file.path]
        if let bits { arguments += ["-b", "\(bits)"] }
        _ = try Self.run("/usr/bin/ssh-keygen", arguments)
        let line = try String(contentsOf: file.appendingPathExtension("pub"), encoding: .utf8)
        return (line, try Self.run("/usr/bin/ssh-keygen", ["-lf", file.appendingPathExtension("pub").path]))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite("SSH public keys")
struct SSHPublicKeyTests {
    @Test("fingerprints are exactly what ssh-keygen -lf prints, for Ed25519 and ECDSA P-256, P-384, P-521",
          arguments: [("ed25519", nil), ("ecdsa", 256), ("ecdsa", 384), ("ecdsa", 521)] as [(String, Int?)])
    func fingerprints(type: String, bits: Int?) throws {
        let maker = try KeyMaker()
        defer { maker.remove() }
        let made = try maker.make(type, bits: bits, comment: "ada@laptop")
        let key = try SSHPublicKey(line: made.line)
        let printed = made.keygen.split(separator: " ").map(String.init)
        #expect(printed.count >= 2)
        #expect(key.fingerprint == printed[1])
        #expect(key.comment == "ada@laptop")
        #expect(SSHPublicKey.isFingerprint(key.fingerprint))
        #expect(try SSHPublicKey(line: key.openSSHLine).fingerprint == key.fingerprint)
    }

    @Test("RSA, private keys, certificates, truncated and empty lines are refused with a clear sentence")
    func refusals() throws {
        let maker = try KeyMaker()
        defer { maker.remove() }
        let rsa = try maker.make("rsa", bits: 2048).line
        #expect(throws: BulkheadError.invalidInput("only Ed25519 and ECDSA keys are accepted (ssh-ed25519, ecdsa-sha2-nistp256/384/521); make one with ssh-keygen -t ed25519")) {
            try SSHPublicKey(line: rsa)
        }
        let ed = try maker.make("ed25519").line
        let fields = ed.split(separator: " ").map(String.init)
        #expect(throws: BulkheadError.self) { try SSHPublicKey(line: "\(fields[0]) \(fields[1].dropLast(12))") }
        #expect(throws: BulkheadError.self) { try SSHPublicKey(line: "ssh-ed25519-cert-v01@openssh.com \(fields[1])") }
        #expect(throws: BulkheadError.self) { try SSHPublicKey(line: "ecdsa-sha2-nistp256 \(fields[1])") }
        #expect(throws: BulkheadError.self) { try SSHPublicKey(line: "-----BEGIN OPENSSH PRIVATE KEY-----") }
        #expect(throws: BulkheadError.self) { try SSHPublicKey(line: "") }
        #expect(throws: BulkheadError.self) { try SSHPublicKey(line: ed + "\n" + ed) }
        let dirty = try SSHPublicKey(line: "\(fields[0]) \(fields[1]) evil\u{1b}[2Jcomment")
        #expect(dirty.comment == "evil[2Jcomment", "control characters are dropped from comments")
    }
}

@Suite("SSH keys: who may manage whose")
struct SSHKeyRuleTests {
    let fixture: AuthFixture
    let maker: KeyMaker
    var auth: AuthService { fixture.auth }

    init() throws {
        fixture = try AuthFixture()
        maker = try KeyMaker()
    }

    private func login(_ email: String, _ password: String, org: String? = nil) async throws -> Principal {
        try await auth.login(email: email, password: password, org: org).principal
    }

    @Test func usersManageTheirOwnKeysAndAFingerprintHasOneOwner() async throws {
        defer { maker.remove() }
        let ben = try await login("ben@acme.test", AuthFixture.benPassword)
        let gus = try await login("gus@globex.test", AuthFixture.gusPassword)
        let line = try maker.make("ed25519", comment: "ben-laptop").line
        let added = try auth.addSSHKey(line, by: ben)
        #expect(added.email == "ben@acme.test" && added.orgName == nil && added.comment == "ben-laptop")
        #expect(try auth.sshKeys(by: ben).map(\.fingerprint) == [added.fingerprint])
        #expect(throws: BulkheadError.conflict("this key is registered already; each key belongs to one person")) {
            try auth.addSSHKey(line, by: gus)
        }
        #expect(try auth.sshKeys(by: gus).isEmpty)
        #expect(!(try fixture.events("ssh_key_added")).isEmpty)
        try auth.removeSSHKey(fingerprint: added.fingerprint, by: ben)
        #expect(try auth.sshKeys(by: ben).isEmpty)
    }

    @Test func anAdminManagesTheirMembersKeysOnlyAndAnotherOrgsUserLooksMissing() async throws {
        defer { maker.remove() }
        let ada = try await login("ada@acme.test", AuthFixture.adaPassword)
        let ben = try await login("ben@acme.test", AuthFixture.benPassword)
        let gus = try await login("gus@globex.test", AuthFixture.gusPassword)
        let forBen = try auth.addSSHKey(try maker.make("ed25519").line, for: "ben@acme.test", by: ada)
        #expect(forBen.orgName == "Acme", "a key an admin adds opens the admin's org only")
        #expect(try auth.sshKeys(of: "ben@acme.test", by: ada).map(\.fingerprint) == [forBen.fingerprint])

        let line = try maker.make("ecdsa", bits: 256).line
        var answers: [BulkheadError] = []
        for email in ["ben@acme.test", "nobody@nowhere.test"] {
            do { _ = try auth.addSSHKey(line, for: email, by: gus) } catch let error as BulkheadError { answers.append(error) }
        }
        #expect(answers == [.notFound(kind: "user", name: "ben@acme.test"), .notFound(kind: "user", name: "nobody@nowhere.test")])
        #expect(throws: BulkheadError.denied) { try auth.addSSHKey(line, for: "ada@acme.test", by: ben) }
        #expect(throws: BulkheadError.notFound(kind: "key", name: forBen.fingerprint)) {
            try auth.removeSSHKey(fingerprint: forBen.fingerprint, by: gus)
        }
        #expect(throws: BulkheadError.notFound(kind: "key", name: "SHA256:nothing")) { try auth.removeSSHKey(fingerprint: "SHA256:nothing", by: gus) }
        let adas = try auth.addSSHKey(line, by: ada)
        #expect(throws: BulkheadError.denied) { try auth.removeSSHKey(fingerprint: adas.fingerprint, by: ben) }
        try auth.removeSSHKey(fingerprint: forBen.fingerprint, by: ada)
        #expect(try auth.sshKeys(by: ben).isEmpty)
        #expect(!(try fixture.events("authorization_denied")).isEmpty)
    }
}

@Suite("SSH key authentication and sessions")
struct SSHSessionTests {
    let fixture: AuthFixture
    let maker: KeyMaker
    var auth: AuthService { fixture.auth }

    init() throws {
        fixture = try AuthFixture()
        maker = try KeyMaker()
    }

    private func login(_ email: String, _ password: String) async throws -> Principal {
        try await auth.login(email: email, password: password).principal
    }

    private func key(for principal: Principal, addedBy admin: Principal? = nil) throws -> SSHPublicKey {
        let line = try maker.make("ed25519").line
        try auth.addSSHKey(line, for: admin == nil ? nil : principal.email, by: admin ?? principal)
        return try SSHPublicKey(line: line)
    }

    @Test func theHostKeyIsMadeOnceKeptPrivateAndMustBeThisInstallations() throws {
        defer { maker.remove() }
        let first = try auth.sshServer()
        let second = try fixture.reopen().sshServer()
        #expect(first.hostKey.fingerprint == second.hostKey.fingerprint)
        let url = fixture.workspace.privateFileURL(SSHHostKey.fileName)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try FileManager.default.removeItem(at: url)
        try Data("bulkhead-ssh-host-ed25519 \(Data(repeating: 7, count: 32).base64EncodedString())\n".utf8).write(to: url)
        chmod(url.path, 0o600)
        #expect(throws: BulkheadError.integrity("the SSH host key in the home is not this installation's")) { try auth.sshServer() }
        chmod(url.path, 0o644)
        #expect(throws: BulkheadError.self) { try auth.sshServer() }
    }

    @Test func aKeyDecidesTheUserAndTheUserNameMustMatchOrBeIgnored() async throws {
        defer { maker.remove() }
        let server = try auth.sshServer()
        let ada = try await login("ada@acme.test", AuthFixture.adaPassword)
        let key = try key(for: ada)
        for name in ["ada@acme.test", "ADA@acme.test", "root", "ada@acme.test/Acme"] {
            let identity = try auth.authenticateSSHKey(key, userName: name, client: .ssh(address: "10.0.0.1"), server: server)
            #expect(identity.userID == ada.userID && identity.orgID == fixture.acme)
        }
        #expect(throws: BulkheadError.invalidCredentials) {
            try auth.authenticateSSHKey(key, userName: "gus@globex.test", client: .ssh(address: "10.0.0.1"), server: server)
        }
        #expect(throws: BulkheadError.invalidCredentials) {
            try auth.authenticateSSHKey(key, userName: "ada@acme.test/Globex", client: .ssh(address: "10.0.0.1"), server: server)
        }
        let unknown = try SSHPublicKey(line: try maker.make("ed25519").line)
        #expect(throws: BulkheadError.invalidCredentials) {
            try auth.authenticateSSHKey(unknown, userName: "ada@acme.test", client: .ssh(address: "10.0.0.1"), server: server)
        }
        let reasons = try fixture.events("ssh_auth_failed").map { $0["detail"] as String }
        #expect(reasons.contains { $0.contains("reason=user_mismatch") } && reasons.contains { $0.contains("reason=unknown_key") })
    }

    @Test func failuresFromOneAddressThrottleItAfterTheThresholdButNotOtherAddresses() async throws {
        defer { maker.remove() }
        let server = try auth.sshServer()
        let ada = try await login("ada@acme.test", AuthFixture.adaPassword)
        let good = try key(for: ada)
        let bad = try SSHPublicKey(line: try maker.make("ed25519").line)
        let attacker = LoginClient.ssh(address: "203.0.113.9")
        for attempt in 1...LockoutPolicy.standard.threshold {
            do {
                _ = try auth.authenticateSSHKey(bad, userName: "x", client: attacker, server: server)
                Issue.record("an unknown key was accepted")
            } catch let error as BulkheadError {
                #expect(error == (attempt < LockoutPolicy.standard.threshold ? .invalidCredentials : .lockedOut(retryAfterSeconds: 30)))
            }
        }
        #expect(throws: BulkheadError.lockedOut(retryAfterSeconds: 30)) {
            try auth.authenticateSSHKey(good, userName: "ada@acme.test", client: attacker, server: server)
        }
        _ = try auth.authenticateSSHKey(good, userName: "ada@acme.test", client: .ssh(address: "198.51.100.2"), server: server)
        #expect(!(try fixture.events("ssh_auth_throttled")).isEmpty)
        fixture.clock.advance(31)
        _ = try auth.authenticateSSHKey(good, userName: "ada@acme.test", client: attacker, server: server)
    }

    @Test func anSSHSessionHasItsOwnRevocableSidAndEndsWithTheKeyOrTheChannel() async throws {
        defer { maker.remove() }
        let server = try auth.sshServer()
        let ada = try await login("ada@acme.test", AuthFixture.adaPassword)
        let key = try key(for: ada)
        let client = LoginClient.ssh(address: "10.0.0.1")
        let identity = try auth.authenticateSSHKey(key, userName: "ada@acme.test", client: client, server: server)
        let grant = try await auth.openSSHSession(identity, client: client, lifetime: 3600, server: server)
        #expect(grant.principal.userID == ada.userID && grant.principal.sessionID != ada.sessionID)
        let listed = try auth.sessions(visibleTo: ada)
        #expect(listed.contains { $0.id == grant.principal.sessionID && $0.kind == .ssh && $0.keyFingerprint == key.fingerprint })
        #expect(await auth.sessionState(token: grant.token) == .active(role: .admin, expiresAt: grant.principal.expiresAt))
        #expect(try auth.sshKeys(by: ada).first?.lastUsedAt != nil)

        auth.closeSSHSession(grant.principal.sessionID, server: server)
        await #expect(throws: BulkheadError.notAuthenticated) { _ = try await auth.verify(token: grant.token) }

        let second = try await auth.openSSHSession(identity, client: client, lifetime: 3600, server: server)
        try auth.removeSSHKey(fingerprint: key.fingerprint, by: ada)
        #expect(await auth.sessionState(token: second.token) == .ended(.keyRemoved))
        #expect(try auth.sshSessionStates([second.principal.sessionID: .admin], server: server)[second.principal.sessionID] == .ended(.keyRemoved))
        await #expect(throws: BulkheadError.notAuthenticated) { _ = try await auth.openSSHSession(identity, client: client, lifetime: 60, server: server) }
    }

    @Test func aKeyAnAdminAddedOpensTheirOrgOnlyAndSeveralOrgsNeedAChoice() async throws {
        defer { maker.remove() }
        let server = try auth.sshServer()
        _ = try auth.addUser(email: "ben@acme.test", org: fixture.globex, role: .member, initialPassword: nil, by: fixture.op)
        let ada = try await login("ada@acme.test", AuthFixture.adaPassword)
        let ben = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword, org: "Acme").principal
        let scoped = try key(for: ben, addedBy: ada)
        let client = LoginClient.ssh(address: "10.0.0.1")
        #expect(try auth.authenticateSSHKey(scoped, userName: "ben", client: client, server: server).orgID == fixture.acme)
        #expect(throws: BulkheadError.invalidCredentials) {
            try auth.authenticateSSHKey(scoped, userName: "ben@acme.test/Globex", client: client, server: server)
        }
        let own = try key(for: ben)
        let ambiguous = try auth.authenticateSSHKey(own, userName: "ben", client: client, server: server)
        #expect(ambiguous.orgID == nil && ambiguous.orgChoices == ["Acme", "Globex"])
        await #expect(throws: BulkheadError.self) { _ = try await auth.openSSHSession(ambiguous, client: client, lifetime: 60, server: server) }
        #expect(try auth.authenticateSSHKey(own, userName: "ben@acme.test/globex", client: client, server: server).orgID == fixture.globex)
    }

    @Test func theConsoleReCheckNamesWhyASessionEnded() async throws {
        defer { maker.remove() }
        let ada = try await login("ada@acme.test", AuthFixture.adaPassword)
        let benLogin = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword)
        #expect(await auth.sessionState(token: benLogin.token) == .active(role: .member, expiresAt: benLogin.principal.expiresAt))
        try auth.setRole(email: "ben@acme.test", role: .admin, by: ada)
        #expect(await auth.sessionState(token: benLogin.token) == .ended(.roleChanged))
        let again = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword)
        try auth.revokeSession(again.principal.sessionID.rawValue, by: ada)
        #expect(await auth.sessionState(token: again.token) == .ended(.revoked))
        let third = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword)
        try auth.removeMember(email: "ben@acme.test", by: ada)
        #expect(await auth.sessionState(token: third.token) == .ended(.removed))
        let gus = try await auth.login(email: "gus@globex.test", password: AuthFixture.gusPassword)
        #expect(throws: BulkheadError.notFound(kind: "session", name: gus.principal.sessionID.rawValue)) {
            try auth.revokeSession(gus.principal.sessionID.rawValue, by: ada)
        }
        try auth.setSuspended(fixture.globex, true, by: fixture.op)
        #expect(await auth.sessionState(token: gus.token) == .ended(.orgSuspended))
        #expect(await auth.sessionState(token: "not a token") == .ended(.invalid))
    }

    @Test func tokensExpireForTheReCheckToo() async throws {
        defer { maker.remove() }
        let login = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        fixture.clock.advance(8 * 3600 + 1)
        #expect(await auth.sessionState(token: login.token) == .ended(.expired))
    }
}
