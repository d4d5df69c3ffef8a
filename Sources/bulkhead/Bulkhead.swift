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
        subcommands: [Demo.self, Login.self, Logout.self, Whoami.self, Source.self, Query.self,
                      Note.self, Ask.self, Context.self, Feedback.self, Example.self, Eval.self, Model.self, EmbedderCommand.self,
                      Audit.self, Backup.self, Restore.self, User.self, Org.self, Admin.self, Database.self]
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
            let env = try CommandEnvironment(global)
            let preferences = Preferences(workspace: env.workspace)
            if let theme { try? preferences.save(theme: theme) }
            let options = ConsoleOptions(themeName: theme ?? preferences.theme())
            let services = LiveConsoleServices(env: env)
            let status: Int32
            do {
                status = try await ConsoleApp.runOnOwnThread(services: services, options: options)
            } catch let error as ConsoleAppError {
                throw BulkheadError.invalidInput(error.message)
            }
            if status != 0 { throw ExitCode(status) }
        }
    }
}
