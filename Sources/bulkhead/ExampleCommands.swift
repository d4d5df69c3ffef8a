import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadCore

/// `bulkhead example pending|approve ID|reject ID`: members' corrected SQL waits for an admin.
struct Example: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "example", abstract: "Review suggested examples (a member's corrected SQL).",
                                                    subcommands: [Pending.self, Approve.self, Reject.self])

    struct Pending: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pending", abstract: "List the suggestions waiting for review (admins: all; members: your own).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let pending = try env.services.assistant.pendingExamples(try await env.principal())
                if output.json {
                    Output.json(["pending": pending.map {
                        ["id": $0.id, "question": $0.question, "sql": $0.sql, "source": $0.source, "suggested_by": $0.suggestedBy.rawValue]
                    }])
                } else if pending.isEmpty {
                    Output.line("no suggestions are waiting")
                } else {
                    for item in pending {
                        Output.line("\(item.id)  [\(item.source)]  \(TerminalText.escaped(item.question))")
                        Output.line("    \(TerminalText.escaped(item.sql))")
                    }
                }
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a suggestion (admins): it becomes an example.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The suggestion's id.") var id: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try await env.services.assistant.approveExample(try await env.principal(), id: id)
                Output.line("approved \(id); it is now an example")
            }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a suggestion (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The suggestion's id.") var id: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try env.services.assistant.rejectExample(try await env.principal(), id: id)
                Output.line("rejected \(id)")
            }
        }
    }
}

/// Text from the data, made safe to print on a terminal: control characters become visible escapes.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar.value == 0x7F {
                result += scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : String(format: "\\u{%02X}", scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
