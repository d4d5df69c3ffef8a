import ArgumentParser
import Foundation
import Synchronization
import BulkheadStore
import BulkheadAssistant
import BulkheadContext
import BulkheadCore

/// Reads an API key from standard input (a no-echo prompt on a terminal): keys never come as arguments.
enum KeyInput {
    static func read(_ flag: Bool) throws -> String? {
        guard flag else { return nil }
        guard let key = PasswordInput.read(prompt: "API key: ")?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
            throw BulkheadError.invalidInput("--key-stdin was given but standard input held no key")
        }
        return key
    }
}

/// `bulkhead model show|set|test`: the org's model. Members may look; admins choose and test.
struct Model: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "model", abstract: "Your organization's model: offline (the default), anthropic or openai.",
                                                    subcommands: [Show.self, Set.self, Test.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the model your organization uses.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let principal = try await env.principal()
                let choice = try env.services.models.choice(for: principal)
                SettingOutput.show(json: output.json, provider: choice.provider, model: choice.model, baseURL: choice.baseURL,
                                   sealedKey: try env.services.models.hasKey(principal))
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Choose the model (admins): offline, anthropic --model M --key-stdin, or openai --model M [--base-url URL] [--key-stdin].")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "offline, anthropic or openai.") var provider: String
        @Option(help: "The model name (anthropic and openai).") var model: String?
        @Option(name: .customLong("base-url"), help: "The service root (a proxy, or any OpenAI-compatible server such as Ollama).") var baseURL: String?
        @Flag(name: .customLong("key-stdin"), help: "Read the API key from standard input (never pass it as an argument).") var keyStdin = false

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let principal = try await env.principal()
                try principal.requireAdmin()
                let name: String
                switch provider {
                case "offline": name = model ?? "offline-planner-1"
                case "anthropic", "openai":
                    guard let model else { throw BulkheadError.invalidInput("--model is required for \(provider)") }
                    name = model
                default:
                    throw BulkheadError.invalidInput("the provider must be offline, anthropic or openai")
                }
                let key = try KeyInput.read(keyStdin)
                try env.services.models.set(principal, choice: .init(provider: provider, model: name, baseURL: baseURL), apiKey: key)
                env.services.control.record(SecurityEvent(kind: "model_changed", orgID: principal.orgID, userID: principal.userID,
                                                          detail: "provider \(provider)"))
                Output.line("model set to \(provider)/\(name)" + (key == nil ? "" : " (API key sealed)"))
            }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "test", abstract: "Send a tiny request to the model (admins); print its name and latency.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let result = try await env.services.models.test(try await env.principal())
                if output.json {
                    Output.json(["provider": result.provider, "model": result.model, "latency_ms": (result.milliseconds * 10).rounded() / 10])
                } else {
                    Output.line(String(format: "%@/%@ answered in %.0f ms", result.provider, result.model, result.milliseconds))
                }
            }
        }
    }
}

/// `bulkhead embedder show|set`: the embedder the org's knowledge is indexed with.
struct EmbedderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "embedder", abstract: "Your organization's embedder: hashing (the default) or openai.",
                                                    subcommands: [Show.self, Set.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the embedder your organization uses.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let principal = try await env.principal()
                let choice = try env.services.embedders.choice(for: principal)
                SettingOutput.show(json: output.json, provider: choice.provider, model: choice.model, baseURL: choice.baseURL,
                                   sealedKey: try env.services.embedders.hasKey(principal), dimension: choice.dimension)
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Choose the embedder (admins) and re-embed your knowledge: hashing, or openai --model M --base-url URL --dimension N [--key-stdin].")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "hashing or openai.") var provider: String
        @Option(help: "The embedding model (openai).") var model: String?
        @Option(name: .customLong("base-url"), help: "The server root of an OpenAI-compatible /v1/embeddings endpoint.") var baseURL: String?
        @Option(help: "The length of the model's vectors.") var dimension: Int?
        @Flag(name: .customLong("key-stdin"), help: "Read the API key from standard input.") var keyStdin = false

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let principal = try await env.principal()
                try principal.requireAdmin()
                let choice: EmbedderSettings.Choice
                switch provider {
                case "hashing": choice = .hashing
                case "openai":
                    guard let model, let dimension else { throw BulkheadError.invalidInput("--model and --dimension are required for openai") }
                    choice = .init(provider: "openai", model: model, baseURL: baseURL, dimension: dimension)
                default: throw BulkheadError.invalidInput("the embedder must be hashing or openai")
                }
                let key = try KeyInput.read(keyStdin)
                let progress = ProgressLine(label: "re-embedding")
                try await env.services.setEmbedder(principal, choice: choice, apiKey: key) { done, total in progress.show(done, total) }
                progress.finish()
                env.services.control.record(SecurityEvent(kind: "embedder_changed", orgID: principal.orgID, userID: principal.userID,
                                                          detail: "provider \(provider)"))
                Output.line("embedder set to \(choice.provider)/\(choice.model); knowledge re-embedded")
            }
        }
    }
}

/// How `model show` and `embedder show` print a setting: the key only as "sealed" or "none".
enum SettingOutput {
    static func show(json: Bool, provider: String, model: String, baseURL: String?, sealedKey: Bool, dimension: Int? = nil) {
        if json {
            var object: [String: Any] = ["provider": provider, "model": model, "base_url": baseURL as Any, "key": sealedKey ? "sealed" : "none"]
            if let dimension { object["dimension"] = dimension }
            Output.json(object)
        } else {
            Output.line("\(provider)/\(model)" + (dimension.map { ", \($0) dimensions" } ?? "") + (baseURL.map { " at \($0)" } ?? "")
                        + (sealedKey ? " (API key sealed)" : ""))
        }
    }
}

/// A progress display on standard error: a redrawn bar on a terminal, a line per tenth otherwise.
final class ProgressLine: Sendable {
    private let label: String
    private let terminal = isatty(STDERR_FILENO) == 1
    private let state = Mutex<(lastTenth: Int, shown: Bool)>((-1, false))

    init(label: String) { self.label = label }

    func show(_ done: Int, _ total: Int) {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        state.withLock { state in
            if terminal {
                let width = 30
                let filled = Int(fraction * Double(width))
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
                state.shown = true
            } else {
                let tenth = Int(fraction * 10)
                guard tenth != state.lastTenth else { return }
                state.lastTenth = tenth
                FileHandle.standardError.write(Data("\(label): \(done)/\(total)\n".utf8))
            }
        }
    }

    func finish() {
        state.withLock { state in
            if terminal && state.shown { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
