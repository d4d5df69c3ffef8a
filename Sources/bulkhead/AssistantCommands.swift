import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadContext
import BulkheadCore

/// `bulkhead note add TEXT | note list [--json]`.
struct Note: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Your organization's business notes (members and admins).",
                                                    subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a note.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The note.") var text: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let id = try await env.services.notes.add(try await env.principal(), text: text)
                Output.line("added note \(id)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the notes.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let notes = try env.services.notes.list(try await env.principal())
                if output.json {
                    Output.json(["notes": notes.map { ["id": $0.id, "text": $0.text] }])
                } else {
                    for note in notes { Output.line("\(note.id)  \(note.text)") }
                }
            }
        }
    }
}

/// `bulkhead ask QUESTION [--source NAME] [--json | --format csv|json|table]`.
struct Ask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ask", abstract: "Ask a question in plain language; it becomes read-only SQL.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: ResultOutput
    @Argument(help: "The question.") var question: String
    @Option(help: "The source to ask about (optional when your org has one).") var source: String?

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            let answer = try await env.services.assistant.ask(principal, question: question, source: source)
            switch output.resolved {
            case .json:
                Output.json(answer.jsonObject)
            case .csv:
                let cursor = try env.services.assistant.openResult(principal, requestID: answer.requestID.rawValue)
                try ResultOutput.streamCSV(columns: answer.columns, cursor: cursor)
            default:
                Output.line("SQL: \(answer.sql)")
                Output.line(answer.summary)
                Table.print(columns: answer.columns, rows: answer.rows.map { $0.map(\.display) })
                Output.line("(request \(answer.requestID); `bulkhead context \(answer.requestID)` shows what was sent)")
            }
        }
    }
}

/// `bulkhead context [REQUEST_ID|last] [--json]`.
struct Context: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "context", abstract: "Show the exact prompt context a request sent.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "A request id, or last.") var request: String = "last"

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            let record = request == "last" ? try env.services.requestLog.last(for: principal)
                                           : try env.services.requestLog.record(request, for: principal)
            if output.json {
                Output.json(ContextJSON.object(record))
                return
            }
            Output.line("request \(record.id)  \(record.provider)/\(record.model)  firewall: \(record.firewall.rawValue)  status: \(record.status)")
            Output.line("question: \(record.question)")
            for section in record.context.sections {
                let orgs = section.orgIDs.map(\.rawValue).joined(separator: ",")
                Output.line("── \(section.kind.rawValue) [org \(orgs)] \(section.tokens) tokens  ids: \(section.recordIDs.joined(separator: ", "))")
                Output.line(section.text)
            }
            Output.line("total \(record.context.totalTokens) of \(record.context.budget) tokens; dropped \(record.context.dropped.count)")
            Output.line(String(format: "cost $%.6f; context %.1f ms, model %.1f ms, query %.1f ms", record.costUSD,
                               record.timings.contextMs, record.timings.modelMs, record.timings.queryMs))
        }
    }
}

/// The JSON of `context --json` (keys in DESIGN.md).
enum ContextJSON {
    static func object(_ record: RequestRecord) -> [String: Any] {
        [
            "request_id": record.id.rawValue,
            "question": record.question,
            "provider": record.provider,
            "model": record.model,
            "status": record.status,
            "firewall": record.firewall.rawValue,
            "sql": record.sql as Any,
            "summary": record.summary as Any,
            "sections": record.context.sections.map { section in
                ["kind": section.kind.rawValue, "org_id": section.orgIDs.first?.rawValue as Any,
                 "org_ids": section.orgIDs.map(\.rawValue), "ids": section.recordIDs,
                 "tokens": section.tokens, "text": section.text] as [String: Any]
            },
            "dropped": record.context.dropped.map { ["kind": $0.kind.rawValue, "ids": $0.recordIDs, "tokens": $0.tokens] as [String: Any] },
            "request_body": String(decoding: record.requestBody, as: UTF8.self),
            "total_tokens": record.context.totalTokens,
            "budget": record.context.budget,
            "input_tokens": record.inputTokens,
            "output_tokens": record.outputTokens,
            "cost_usd": record.costUSD,
            "timings_ms": ["context": record.timings.contextMs, "model": record.timings.modelMs, "query": record.timings.queryMs],
        ]
    }
}

/// `bulkhead feedback REQUEST_ID good|bad [--sql SQL]`.
struct Feedback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feedback", abstract: "Mark an answer good or bad; a good answer or a corrected SQL becomes an example.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The request id.") var request: String
    @Argument(help: "good or bad.") var verdict: String
    @Option(help: "The SQL that should have been written.") var sql: String?

    func run() async throws {
        try await CommandFailure.run {
            guard verdict == "good" || verdict == "bad" else { throw BulkheadError.invalidInput("the verdict must be good or bad") }
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            let example = try await env.services.assistant.feedback(principal, requestID: request, good: verdict == "good", correctedSQL: sql)
            if let example, principal.role != .admin {
                Output.line("recorded; suggested example \(example), waiting for an admin's approval")
            } else {
                Output.line(example.map { "recorded; learned example \($0)" } ?? "recorded")
            }
        }
    }
}
