import BulkheadCore

/// The commands an SSH exec request may run, and the argv the session's `bulkhead` gets for them.
///
/// Only read-only commands that print JSON are allowed: `whoami`, `source list`, `ask QUESTION
/// [--source NAME]` and `context [REQUEST_ID|last]`; each runs with `--json` (added when missing),
/// as the key's user. Every other command, every other option (`--home`, `--operator-key`,
/// `--help`…) and shell syntax is refused before anything starts. The argv is rebuilt from what
/// was understood, with the free text after `--`, so no word of the request can become an option.
public struct ExecCommand: Sendable, Equatable {
    /// The arguments after the executable's name.
    public let arguments: [String]
    /// A short name for logs and events (`whoami`, `source-list`, `ask`, `context`).
    public let name: String

    /// Why an exec request was refused; the message goes to the client's stderr.
    public struct Refusal: Error, Equatable {
        /// The sentence shown to the client.
        public let message: String
    }

    /// What the refusal sentence lists.
    public static let allowed = "whoami, source list, ask QUESTION [--source NAME], context [REQUEST_ID|last] (each with --json)"

    /// Parses an exec request's command line.
    public init(parsing line: String) throws(Refusal) {
        let words: [String]
        do {
            words = try ShellWords.split(line)
        } catch {
            throw Refusal(message: "only plain commands run here (no pipes, redirections or variables); allowed: \(Self.allowed)")
        }
        var rest = ArraySlice(words)
        rest.removeAll { $0 == "--json" }
        guard let first = rest.popFirst() else { throw Self.refusal }
        switch first {
        case "whoami":
            guard rest.isEmpty else { throw Self.refusal }
            self.init(arguments: ["whoami", "--json"], name: "whoami")
        case "source":
            guard rest.popFirst() == "list", rest.isEmpty else { throw Self.refusal }
            self.init(arguments: ["source", "list", "--json"], name: "source-list")
        case "ask":
            var source: String?
            var question: [String] = []
            while let word = rest.popFirst() {
                if word == "--source" {
                    guard source == nil, let name = rest.popFirst(), !name.hasPrefix("-"), name.count <= 64 else { throw Self.refusal }
                    source = name
                } else if word == "--" {
                    question += rest
                    rest.removeAll()
                } else if word.hasPrefix("-") {
                    throw Self.refusal
                } else {
                    question.append(word)
                }
            }
            let text = question.joined(separator: " ")
            guard !text.isEmpty, text.count <= 2000 else { throw Refusal(message: "ask needs a question: ask how many orders are there") }
            self.init(arguments: ["ask", "--json"] + (source.map { ["--source", $0] } ?? []) + ["--", text], name: "ask")
        case "context":
            guard rest.count <= 1 else { throw Self.refusal }
            let id = rest.first ?? "last"
            guard id == "last" || RequestID(rawValue: id) != nil else { throw Self.refusal }
            self.init(arguments: ["context", "--json", "--", id], name: "context")
        default:
            throw Self.refusal
        }
    }

    private init(arguments: [String], name: String) {
        self.arguments = arguments
        self.name = name
    }

    private static var refusal: Refusal { Refusal(message: "that command is not available over SSH; allowed: \(allowed)") }
}
