import Foundation
import BulkheadAssistant
import BulkheadCore
import BulkheadStore

/// What a command runs against: the home, its services, and the caller's session.
struct CommandEnvironment {
    let workspace: Workspace
    let services: Services
    let environment: [String: String]

    /// Opens the home named by `--home`, `BULKHEAD_HOME` or the XDG data directory.
    init(_ global: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        let userHome = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
        let root = Workspace.resolveRoot(option: global.home, environment: environment, userHome: userHome)
        workspace = try Workspace(root: root)
        services = try Services(workspace: workspace)
    }

    /// Where `login` keeps the session token (0600).
    var sessionFile: URL { workspace.privateFileURL("session.token") }

    /// The token of this invocation: `BULKHEAD_TOKEN`, else the stored session.
    func token() -> String? {
        if let token = environment["BULKHEAD_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return token
        }
        guard let data = try? Data(contentsOf: sessionFile) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The verified caller, or `.notAuthenticated`.
    func principal() async throws -> Principal {
        guard let token = token() else { throw BulkheadError.notAuthenticated }
        return try await services.verify(token: token)
    }

    /// Keeps a session token in the home.
    func storeSession(_ token: String) throws {
        try workspace.writePrivateFile(Data(token.utf8), to: sessionFile)
    }

    /// Forgets the stored session.
    func clearSession() {
        try? FileManager.default.removeItem(at: sessionFile)
    }
}
