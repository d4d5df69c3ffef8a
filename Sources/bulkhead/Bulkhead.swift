import ArgumentParser
import BulkheadCore
import BulkheadTerminal
import Foundation

/// The `bulkhead` command: with no subcommand it opens the console.
@main
struct Bulkhead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulkhead",
        abstract: "A terminal console for a multi-tenant AI data assistant.",
        version: BulkheadVersion.current,
        subcommands: [Demo.self, Login.self, Logout.self, Whoami.self, Source.self, Query.self,
                      Note.self, Ask.self, Context.self, Feedback.self, Example.self, Eval.self, Model.self, EmbedderCommand.self,
                      Audit.self, Backup.self, Restore.self, User.self, Org.self, Admin.self, KeyCommand.self, SessionCommand.self,
                      Serve.self, Database.self]
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The console's theme: dark, light or high-contrast (remembered).") var theme: String?

    /// Parses and runs, mapping usage errors to exit code 2 as the command-line contract says.
    static func main() async {
        LogSetup.bootstrap()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// Opens the console on the home's services.
    func run() async throws {
        try await CommandFailure.run {
            try await ConsoleLauncher.run(global, theme: theme, split: false)
        }
    }
}
