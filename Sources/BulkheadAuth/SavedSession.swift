import BulkheadCore
import BulkheadStore
import Foundation

/// Where the command line keeps the current session's token between commands.
///
/// `bulkhead login` saves the token in the home (`session.token`, mode 0600); `logout` clears it;
/// every other command reads `BULKHEAD_TOKEN` first and the saved file second. The token is only
/// a claim: each command still passes it through ``AuthService/verify(token:)``, so a stale or
/// forged file gets `notAuthenticated` like any other bad token.
public struct SavedSession: Sendable {
    /// The file name in the home.
    public static let fileName = "session.token"
    /// The environment variable that carries a token for non-interactive use.
    public static let environmentVariable = "BULKHEAD_TOKEN"

    private let workspace: Workspace

    /// The saved session of `workspace`.
    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    private var url: URL { workspace.privateFileURL(Self.fileName) }

    /// Saves `token` (atomically, 0600), replacing any earlier one.
    public func save(_ token: String) throws {
        try workspace.writePrivateFile(Data(token.utf8), to: url)
    }

    /// The saved token, or nil when there is none.
    public func load() -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// Removes the saved token; nothing happens when there is none.
    public func clear() throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw BulkheadError.internalFailure(code: "session-clear")
        }
    }

    /// The token a command should use: `BULKHEAD_TOKEN` when set and non-empty, else the saved one.
    public func currentToken(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let token = environment[Self.environmentVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return token
        }
        return load()
    }
}
