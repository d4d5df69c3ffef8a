import Foundation
import Testing
import BulkheadTestSupport

/// Choosing an org's model and embedder through the real binary, against loopback servers that
/// speak the Anthropic Messages, OpenAI chat-completions and embeddings wire formats.
@Suite(.serialized) struct ModelCLITests {
    static let key = "sk-test-CLI-DO-NOT-LEAK-7731"

    /// A demo home of its own (these tests change settings), with tokens for the admin and the member.
    struct Home {
        let cli: CLI
        let admin: String
        let member: String

        static func make(_ label: String) throws -> Home {
            let cli = CLI.freshHome(label)
            let demo = try cli.run(["demo", "--json"])
            try #require(demo.status == 0, "demo: \(demo.stderr)")
            let accounts = try demo.json()["accounts"] as? [[String: Any]] ?? []
            func token(_ email: String) throws -> String {
                let password = accounts.first { $0["email"] as? String == email }?["password"] as? String ?? ""
                let login = try cli.run(["login", email, "--print-token"], stdin: password + "\n")
                try #require(login.status == 0, "login: \(login.stderr)")
                return login.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return Home(cli: cli, admin: try token("ada@acme.test"), member: try token("ben@acme.test"))
        }

        func run(_ token: String, _ arguments: [String], stdin: String? = nil, trace: Bool = false) throws -> CLI.Result {
            var environment = ["BULKHEAD_TOKEN": token]
            if trace { environment["BULKHEAD_LOG_LEVEL"] = "trace" }
            return try cli.run(arguments, stdin: stdin, environment: environment)
        }

        /// Every byte under the home, to prove a secret is stored nowhere in the clear.
        func allBytes() throws -> Data {
            var data = Data()
            let files = FileManager.default.enumerator(at: cli.home, includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                if let contents = try? Data(contentsOf: url) { data += contents }
            }
            return data
        }
    }

    static let anthropicReply = """
        {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",\
        "content":[{"type":"text","text":"```sql\\nSELECT count(*) FROM customers\\n```\\nCounted the customers."}],\
        "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":412,"output_tokens":31}}
        """
    static let anthropicUnauthorized = """
        {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key \(key)"}}
        """
    static let openAIReply = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1677652288,"model":"gpt-4o-mini-2024",\
        "choices":[{"index":0,"message":{"role":"assistant","content":"SELECT count(*) FROM customers"},"finish_reason":"stop"}],\
        "usage":{"prompt_tokens":380,"completion_tokens":12,"total_tokens":392}}
        """
    static let openAIUnauthorized = """
        {"error":{"message":"Incorrect API key provided: \(key).","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}
        """

    /// Starts `bulkhead model set …` with standard input held open, reads what `ps` shows of it,
    /// then hands it the key.
    func setWithKeyOnStdin(_ home: Home, _ arguments: [String]) throws -> (result: CLI.Result, psOutput: String, cmdline: String) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["BULKHEAD_HOME"] = home.cli.home.path
        env["BULKHEAD_TOKEN"] = home.admin
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        usleep(300_000)
        let cmdline = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/cmdline", encoding: .utf8)) ?? ""
        let ps = Process()
        ps.executableURL = URL(fileURLWithPath: "/bin/ps")
        ps.arguments = ["-eo", "pid,args"]
        let psPipe = Pipe()
        ps.standardOutput = psPipe
        try ps.run()
        let psOutput = String(decoding: psPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ps.waitUntilExit()
        input.fileHandleForWriting.write(Data((Self.key + "\n").utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (CLI.Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                           stderr: String(decoding: err, as: UTF8.self)), psOutput, cmdline)
    }

    @Test func anthropicIsConfiguredThroughTheCommandWithASealedKeyAndItsBaseURL() throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: Self.anthropicReply)])
        defer { server.stop() }
        let home = try Home.make("anthropic")
        defer { home.cli.removeHome() }

        let set = try setWithKeyOnStdin(home, ["model", "set", "anthropic", "--model", "claude-sonnet-4-5",
                                               "--base-url", server.baseURL.absoluteString, "--key-stdin"])
        #expect(set.result.status == 0, "\(set.result.stderr)")
        #expect(set.cmdline.contains("anthropic") && !set.cmdline.contains(Self.key), "argv: \(set.cmdline)")
        #expect(set.psOutput.contains("model set anthropic") && !set.psOutput.contains(Self.key))
        #expect(!set.result.stdout.contains(Self.key) && !set.result.stderr.contains(Self.key))

        let shown = try home.run(home.admin, ["model", "show", "--json"]).json()
        #expect(shown["provider"] as? String == "anthropic" && shown["key"] as? String == "sealed")
        #expect(shown["base_url"] as? String == server.baseURL.absoluteString)

        let tested = try home.run(home.admin, ["model", "test", "--json"], trace: true)
        #expect(tested.status == 0, "\(tested.stderr)")
        #expect(try tested.json()["model"] as? String == "claude-sonnet-4-5")
        #expect(try tested.json()["latency_ms"] is Double)

        let asked = try home.run(home.admin, ["ask", "how many customers are there", "--json"], trace: true)
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(try asked.json()["rows"] as? [[Int]] == [[600]])
        // The base URL is honoured, and the key travels only in its header.
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.method == "POST" && $0.path == "/v1/messages" && $0.headers["x-api-key"] == Self.key })
        #expect(requests.allSatisfy { !String(decoding: $0.body, as: UTF8.self).contains(Self.key) })
        // Sealed at rest; never in a log line, an output or the request log.
        for output in [tested.stdout, tested.stderr, asked.stdout, asked.stderr] { #expect(!output.contains(Self.key)) }
        let context = try home.run(home.admin, ["context", "last", "--json"])
        #expect(!context.stdout.contains(Self.key))
        #expect(try home.allBytes().range(of: Data(Self.key.utf8)) == nil, "the key is stored in the clear")
    }

    @Test func aRefusedKeyIsAClearErrorThatDoesNotEchoIt() throws {
        let server = try LoopbackServer(responses: [.init(status: 401, body: Self.anthropicUnauthorized)])
        defer { server.stop() }
        let home = try Home.make("unauthorized")
        defer { home.cli.removeHome() }
        let set = try home.run(home.admin, ["model", "set", "anthropic", "--model", "claude-sonnet-4-5",
                                            "--base-url", server.baseURL.absoluteString, "--key-stdin"], stdin: Self.key + "\n")
        #expect(set.status == 0, "\(set.stderr)")
        let tested = try home.run(home.admin, ["model", "test"], trace: true)
        #expect(tested.status == 1)
        #expect(tested.stderr.contains("refused the API key (HTTP 401)"), "\(tested.stderr)")
        #expect(!tested.stderr.contains(Self.key) && !tested.stdout.contains(Self.key))
        let asked = try home.run(home.admin, ["ask", "how many customers are there"], trace: true)
        #expect(asked.status == 1)
        #expect(asked.stderr.contains("HTTP 401") && !asked.stderr.contains(Self.key))
    }

    @Test func anOpenAICompatibleServerIsReachedAtItsBaseURL() throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: Self.openAIReply)])
        defer { server.stop() }
        let home = try Home.make("openai")
        defer { home.cli.removeHome() }
        let set = try setWithKeyOnStdin(home, ["model", "set", "openai", "--model", "gpt-4o-mini",
                                               "--base-url", server.baseURL.absoluteString, "--key-stdin"])
        #expect(set.result.status == 0, "\(set.result.stderr)")
        #expect(!set.cmdline.contains(Self.key) && !set.psOutput.contains(Self.key))
        let tested = try home.run(home.admin, ["model", "test", "--json"])
        #expect(try tested.json()["model"] as? String == "gpt-4o-mini-2024")
        let asked = try home.run(home.admin, ["ask", "how many customers are there", "--json"], trace: true)
        #expect(try asked.json()["rows"] as? [[Int]] == [[600]])
        #expect(server.requests.allSatisfy { $0.path == "/v1/chat/completions" && $0.headers["authorization"] == "Bearer \(Self.key)" })
        #expect(!asked.stderr.contains(Self.key))
        #expect(try home.allBytes().range(of: Data(Self.key.utf8)) == nil)

        let refused = try LoopbackServer(responses: [.init(status: 401, body: Self.openAIUnauthorized)])
        defer { refused.stop() }
        #expect(try home.run(home.admin, ["model", "set", "openai", "--model", "gpt-4o-mini", "--base-url", refused.baseURL.absoluteString]).status == 0)
        let failed = try home.run(home.admin, ["model", "test"])
        #expect(failed.status == 1 && failed.stderr.contains("HTTP 401") && !failed.stderr.contains(Self.key))
    }

    @Test func membersMayLookButNotSwitchOrTest() throws {
        let home = try Home.make("member")
        defer { home.cli.removeHome() }
        #expect(try home.run(home.member, ["model", "show"]).status == 0)
        #expect(try home.run(home.member, ["embedder", "show"]).status == 0)
        for arguments in [["model", "set", "offline"], ["model", "test"], ["embedder", "set", "hashing"],
                          ["model", "set", "openai", "--model", "x", "--base-url", "http://127.0.0.1:9"]] {
            let result = try home.run(home.member, arguments)
            #expect(result.status == 3, "\(arguments): \(result.status) \(result.stderr)")
        }
        #expect(try home.run(home.admin, ["model", "show", "--json"]).json()["provider"] as? String == "offline")
        // Keys never come as arguments.
        #expect(try home.run(home.admin, ["model", "set", "anthropic", "--model", "m", "--key", Self.key]).status == 2)
        #expect(try home.run(home.admin, ["model", "set", "anthropic", "--model", "m"]).status == 1)
    }

    @Test func anEmbedderChangeReEmbedsTheKnowledgeWithProgress() throws {
        let server = try LoopbackServer { request in
            struct Body: Decodable { let input: [String] }
            let inputs = (try? JSONDecoder().decode(Body.self, from: request.body))?.input ?? []
            let data = inputs.enumerated().map { index, text -> String in
                let seed = Float(text.utf8.reduce(0) { ($0 &+ Int($1)) % 97 } + 1)
                let vector = (0..<8).map { String(Double(seed) / Double($0 + 1)) }.joined(separator: ",")
                return "{\"object\":\"embedding\",\"index\":\(index),\"embedding\":[\(vector)]}"
            }.joined(separator: ",")
            return .init(status: 200, body: "{\"object\":\"list\",\"data\":[\(data)],\"model\":\"embed-test\"}")
        }
        defer { server.stop() }
        let home = try Home.make("embedder")
        defer { home.cli.removeHome() }
        let set = try home.run(home.admin, ["embedder", "set", "openai", "--model", "embed-test", "--dimension", "8",
                                            "--base-url", server.baseURL.absoluteString, "--key-stdin"], stdin: Self.key + "\n")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stderr.contains("re-embedding:") && set.stderr.contains("/"), "no progress shown: \(set.stderr)")
        let shown = try home.run(home.admin, ["embedder", "show", "--json"]).json()
        #expect(shown["provider"] as? String == "openai" && shown["dimension"] as? Int == 8 && shown["key"] as? String == "sealed")
        let before = server.requests.count
        #expect(before >= 2)
        #expect(server.requests.allSatisfy { $0.path == "/v1/embeddings" && $0.headers["authorization"] == "Bearer \(Self.key)" })
        // Asking embeds the question with the org's embedder, and retrieval still finds the notes.
        let asked = try home.run(home.admin, ["ask", "how many customers are there", "--json"])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(server.requests.count > before)
        let context = try home.run(home.admin, ["context", "last", "--json"]).json()
        let kinds = (context["sections"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("note") && kinds.contains("example"))
        #expect(try home.allBytes().range(of: Data(Self.key.utf8)) == nil)
        // Back to the built-in embedder.
        #expect(try home.run(home.admin, ["embedder", "set", "hashing"]).status == 0)
        #expect(try home.run(home.admin, ["ask", "how many customers are there"]).status == 0)
    }
}
