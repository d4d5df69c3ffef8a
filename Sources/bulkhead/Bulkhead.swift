import ArgumentParser
import Foundation

/// The `bulkhead` command: with no subcommand it opens the console.
@main
struct Bulkhead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulkhead",
        abstract: "A terminal console for a multi-tenant AI data assistant.",
        subcommands: [Demo.self, Org.self, User.self, Login.self, Logout.self, Whoami.self, Source.self, Query.self,
                      Note.self, Ask.self, Context.self, Feedback.self, Audit.self, Backup.self, Restore.self]
    )

    @OptionGroup var global: GlobalOptions

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

    func run() async throws {
        Output.line("bulkhead: the console is not available in this build")
    }
}
