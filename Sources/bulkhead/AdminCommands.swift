import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadAuth
import BulkheadCore

/// `bulkhead admin …`: the operator's commands. Every one needs the operator key; none is
/// reachable over SSH (the server runs only the console and an allowlist of read-only commands).
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Run the installation (operator only): organizations, their people and folders, the demo, security events.",
        discussion: """
            The operator key is written to operator.key in the home when the home is initialized (mode 0600). \
            Present it with --operator-key FILE or BULKHEAD_OPERATOR_KEY=FILE; nothing reads it on its own.
            """,
        subcommands: [Org.self, User.self, Demo.self, Events.self, RotateKey.self])

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "events", abstract: "Show the installation's security events (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag
        @OptionGroup var operatorKey: OperatorKeyOption
        @Option(help: "Only events of this kind (e.g. authorization_denied, login_lockout).") var kind: String?
        @Option(help: "Show the last N events.") var last: Int = 50

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let events = try await env.services.securityEvents(kind: kind, credentials: try env.credentials(operatorKey)).suffix(max(0, last))
                if output.json {
                    Output.json(["events": events.map { event -> [String: Any] in
                        ["kind": event.kind, "org_id": event.orgID?.rawValue as Any, "user_id": event.userID?.rawValue as Any,
                         "actor": event.actor?.description as Any, "detail": event.detail]
                    }])
                    return
                }
                for event in events {
                    Output.line([event.kind, event.actor?.description ?? "-", event.orgID?.rawValue ?? "-", event.detail].joined(separator: "\t"))
                }
            }
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key", abstract: "Replace the operator key; the old one stops working at once (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Option(help: "Where to write the new key (a new file, mode 0600).") var out: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw BulkheadError.invalidInput("cannot create \(out) (it must not exist yet)") }
                let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
                do {
                    let text = try await env.services.rotateOperatorKey(credentials: try env.credentials(operatorKey))
                    try handle.write(contentsOf: Data(text.utf8))
                } catch {
                    unlink(out)
                    throw error
                }
                Output.line("the new operator key is in \(out); the old key no longer works")
            }
        }
    }
}
