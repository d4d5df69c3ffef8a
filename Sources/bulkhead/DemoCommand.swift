import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadCore

/// `bulkhead demo [--force]`: creates the demo workspace and prints its accounts.
///
/// On a fresh home anyone may (it initializes the installation and says where the operator key
/// was written); on a home with orgs it is an operator action.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create the demo workspace (two orgs, users, sources, notes); print the accounts.",
        discussion: "On a fresh home anyone may. Once the home has organizations this is an operator command (--operator-key); --force rebuilds the demo orgs and deletes their data, after a confirmation on a terminal.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag
    @OptionGroup var operatorKey: OperatorKeyOption
    @Flag(help: "Rebuild the demo orgs even if they exist (their data is deleted; new passwords).") var force = false
    @Flag(help: "Do not ask for confirmation of --force.") var yes = false
    @Flag(help: ArgumentHelp("Open the split screen: Acme on the left, Globex on the right, two sessions in one process.",
                             discussion: DemoSplit.help)) var split = false

    func run() async throws {
        if split {
            try await CommandFailure.run { try await DemoSplit.run(global) }
            return
        }
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let credentials = try env.credentials(operatorKey)
            if force && !yes && isatty(STDIN_FILENO) == 1 {
                FileHandle.standardError.write(Data("This deletes the demo organizations Acme and Globex with all their data. Type 'rebuild' to go on: ".utf8))
                guard readLine(strippingNewline: true) == "rebuild" else { throw BulkheadError.cancelled }
            }
            let outcome = try await env.services.createDemo(force: force, credentials: credentials)
            if output.json {
                var document: [String: Any] = [
                    "created": outcome.created,
                    "accounts": outcome.accounts.map { ["email": $0.email, "org": $0.org, "role": $0.role.rawValue,
                                                        "password": $0.password as Any] as [String: Any] },
                ]
                if let key = env.services.newOperatorKey { document["operator_key_file"] = key.path }
                Output.json(document)
                return
            }
            if outcome.created {
                Output.line("Demo workspace created in \(env.workspace.root.path). Passwords are shown only now:")
            } else {
                Output.line("The demo workspace already exists (passwords were shown when it was made; --force rebuilds it).")
            }
            for account in outcome.accounts {
                Output.line("  \(account.email.padding(toLength: 18, withPad: " ", startingAt: 0)) \(account.org.padding(toLength: 8, withPad: " ", startingAt: 0)) \(account.role.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(account.password ?? "(unchanged)")")
            }
            if let key = env.services.newOperatorKey {
                Output.line("")
                Output.line("The operator key of this installation was written to \(key.path) (mode 0600).")
                Output.line("Operator commands (`bulkhead admin …`) need it: --operator-key FILE or BULKHEAD_OPERATOR_KEY=FILE.")
            }
        }
    }
}
