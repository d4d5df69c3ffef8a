import BulkheadCore
@testable import BulkheadStore
import Foundation
import Testing

@Suite("Sealed secrets")
struct SealedSecretsTests {
    let directory: TemporaryDirectory
    let workspace: Workspace

    init() throws {
        directory = try TemporaryDirectory()
        workspace = try Workspace(root: directory.url.appendingPathComponent("home"))
    }

    @Test("a secret opens with its context, and the key file is made 0600 on first use")
    func roundTrip() throws {
        let secrets = SealedSecrets(workspace: workspace)
        let sealed = try secrets.seal("sk-live-ACME", context: "org:org-acme/provider:anthropic")
        #expect(!sealed.contains("sk-live-ACME"))
        #expect(try secrets.openString(sealed, context: "org:org-acme/provider:anthropic") == "sk-live-ACME")
        let mode = try FileManager.default.attributesOfItem(atPath: secrets.keyFileURL.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try secrets.seal("sk-live-ACME", context: "org:org-acme/provider:anthropic")
        #expect(again != sealed)
        let reopened = SealedSecrets(workspace: workspace)
        #expect(try reopened.openString(sealed, context: "org:org-acme/provider:anthropic") == "sk-live-ACME")
    }

    @Test("a tampered blob or another context fails the integrity check")
    func tamper() throws {
        let secrets = SealedSecrets(workspace: workspace)
        let sealed = try secrets.seal("password-1", context: "org:org-acme/source:pg")
        let parts = sealed.split(separator: ":").map(String.init)
        var bytes = try #require(Data(base64Encoded: parts[2]))
        bytes[bytes.count / 2] ^= 0x01
        let tampered = "\(parts[0]):\(parts[1]):\(bytes.base64EncodedString())"
        #expect(throws: BulkheadError.integrity("the sealed secret does not verify")) { try secrets.open(tampered, context: "org:org-acme/source:pg") }
        #expect(throws: BulkheadError.integrity("the sealed secret does not verify")) { try secrets.open(sealed, context: "org:org-globex/source:pg") }
        #expect(throws: BulkheadError.integrity("the sealed secret is malformed")) { try secrets.open("not sealed", context: "x") }
    }

    @Test("an unknown key id is refused; rotation keeps old secrets readable")
    func keys() throws {
        let secrets = SealedSecrets(workspace: workspace)
        let old = try secrets.seal("first", context: "c")
        let oldKey = try secrets.currentKeyID()
        let newKey = try secrets.rotate()
        #expect(newKey != oldKey)
        let fresh = try secrets.seal("second", context: "c")
        #expect(fresh.contains(":\(newKey):"))
        #expect(try secrets.openString(old, context: "c") == "first")
        #expect(try secrets.openString(fresh, context: "c") == "second")
        let forged = old.replacingOccurrences(of: ":\(oldKey):", with: ":k-00000000deadbeef:")
        #expect(throws: BulkheadError.integrity("the secret was sealed with a key this installation does not have")) {
            try secrets.open(forged, context: "c")
        }
        let elsewhere = SealedSecrets(workspace: try Workspace(root: directory.url.appendingPathComponent("other-home")))
        #expect(throws: BulkheadError.self) { try elsewhere.open(old, context: "c") }
    }
}
