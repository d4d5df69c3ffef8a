import BulkheadCore
import Foundation
import Testing
@testable import BulkheadAuth

/// The command line's remembered session: private file, environment first, still verified.
@Suite struct SavedSessionTests {
    let fixture: AuthFixture

    init() throws { fixture = try AuthFixture() }

    @Test func savedTokenIsPrivateAndTheEnvironmentWins() async throws {
        let saved = SavedSession(workspace: fixture.workspace)
        #expect(saved.load() == nil)
        let login = try await fixture.auth.login(email: "ben@acme.test", password: AuthFixture.benPassword)
        try saved.save(login.token)
        let url = fixture.workspace.privateFileURL(SavedSession.fileName)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(saved.currentToken(environment: [:]) == login.token)
        #expect(saved.currentToken(environment: ["BULKHEAD_TOKEN": " other.token.here \n"]) == "other.token.here")
        #expect(saved.currentToken(environment: ["BULKHEAD_TOKEN": ""]) == login.token)
        #expect(try await fixture.auth.verify(token: try #require(saved.load())).email == "ben@acme.test")
        try saved.clear()
        try saved.clear()
        #expect(saved.currentToken(environment: [:]) == nil)
    }
}
