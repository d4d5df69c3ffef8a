import ArgumentParser
import Foundation
import BulkheadAuth
import BulkheadCore

/// `bulkhead session list [--json] | session revoke SID`: open sessions, password and SSH alike.
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "List your open sessions (org admins: every session of the org) or revoke one.",
        subcommands: [List.self, Revoke.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open sessions: yours, or the whole org's for an org admin.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let sessions = try env.services.auth.sessions(visibleTo: try await env.principal())
                let dates = ISO8601DateFormatter()
                if output.json {
                    Output.json(["sessions": sessions.map { session -> [String: Any] in
                        ["sid": session.id.rawValue, "email": session.email, "kind": session.kind.rawValue, "client": session.client,
                         "key_fingerprint": session.keyFingerprint as Any, "issued_at": dates.string(from: session.issuedAt),
                         "expires_at": dates.string(from: session.expiresAt), "current": session.isCurrent]
                    }])
                    return
                }
                for session in sessions {
                    Output.line([session.id.rawValue, session.email, session.kind.rawValue, session.client.isEmpty ? "-" : session.client,
                                 session.keyFingerprint ?? "-", "until \(dates.string(from: session.expiresAt))",
                                 session.isCurrent ? "(this one)" : ""].joined(separator: "  "))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a session by its id; its console ends within seconds.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The session id (sid), as `session list` shows it.") var sid: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try env.services.auth.revokeSession(sid, by: try await env.principal())
                Output.line("revoked \(sid)")
            }
        }
    }
}
