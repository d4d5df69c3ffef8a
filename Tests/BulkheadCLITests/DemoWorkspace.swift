import Foundation

/// A demo workspace made once by the real binary and shared by the CLI tests that only read it.
final class DemoWorkspace: @unchecked Sendable {
    let cli: CLI
    let passwords: [String: String]

    /// Makes a demo workspace in a fresh home of its own (`shared` is the one most tests read).
    init(label: String = "demo") throws {
        cli = CLI.freshHome(label)
        let result = try cli.run(["demo", "--json"])
        guard result.status == 0 else { throw DemoFailure(output: result.stderr) }
        let accounts = try result.json()["accounts"] as? [[String: Any]] ?? []
        var passwords: [String: String] = [:]
        for account in accounts {
            if let email = account["email"] as? String, let password = account["password"] as? String { passwords[email] = password }
        }
        self.passwords = passwords
    }

    struct DemoFailure: Error { let output: String }

    /// The shared workspace, made on first use.
    static let shared: Result<DemoWorkspace, any Error> = Result { try DemoWorkspace() }

    /// The operator key the demo's home was given (`--operator-key` takes this path).
    var operatorKey: String { cli.home.appendingPathComponent("operator.key").path }

    /// A token for `email`, from `login --print-token` with the password on stdin.
    func token(_ email: String) throws -> String {
        let result = try cli.run(["login", email, "--print-token"], stdin: (passwords[email] ?? "") + "\n")
        guard result.status == 0 else { throw DemoFailure(output: result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a command as `email` through `BULKHEAD_TOKEN`.
    func run(as email: String, _ arguments: [String]) throws -> CLI.Result {
        try cli.run(arguments, environment: ["BULKHEAD_TOKEN": try token(email)])
    }
}
