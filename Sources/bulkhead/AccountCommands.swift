import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadCore

/// `bulkhead demo [--force]`: creates the demo workspace and prints its accounts.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the demo workspace (two orgs, users, sources, notes); print the accounts.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag
    @Flag(help: "Rebuild the demo orgs even if they exist (new passwords).") var force = false

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let existed = try DemoBuilder(services: env.services).exists()
            let accounts = try await DemoBuilder(services: env.services).create(force: force)
            if output.json {
                Output.json([
                    "created": !existed || force,
                    "accounts": accounts.map { ["email": $0.email, "org": $0.org, "role": $0.role.rawValue,
                                                "password": $0.password as Any] as [String: Any] },
                ])
                return
            }
            if existed && !force {
                Output.line("The demo workspace already exists (passwords were shown when it was made; --force rebuilds it).")
            } else {
                Output.line("Demo workspace created in \(env.workspace.root.path). Passwords are shown only now:")
            }
            for account in accounts {
                Output.line("  \(account.email.padding(toLength: 18, withPad: " ", startingAt: 0)) \(account.org.padding(toLength: 8, withPad: " ", startingAt: 0)) \(account.role.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(account.password ?? "(unchanged)")")
            }
        }
    }
}

/// `bulkhead org create NAME`.
struct Org: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage organizations.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an organization.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organization's name.") var name: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let id = try env.services.createOrganization(name: name)
                Output.line("created organization \(name) (\(id))")
            }
        }
    }
}

/// `bulkhead user add EMAIL --org NAME [--role admin|member]`.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user to an organization (password from stdin or a prompt).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's email.") var email: String
        @Option(help: "The organization's name.") var org: String
        @Option(help: "admin or member.") var role: String = "member"

        func run() async throws {
            try await CommandFailure.run {
                guard let role = Role(rawValue: role) else { throw BulkheadError.invalidInput("the role must be admin or member") }
                let env = try CommandEnvironment(global)
                guard let password = PasswordInput.read(prompt: "Password for \(email): ") else {
                    throw BulkheadError.invalidInput("no password given")
                }
                _ = try env.services.auth.addUser(email: email, password: password, org: org, role: role)
                Output.line("added \(email) to \(org) as \(role.rawValue)")
            }
        }
    }
}

/// `bulkhead login EMAIL [--org NAME] [--print-token]`.
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Log in (password from stdin or a prompt); keep the session in the home or print the token.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Your email.") var email: String
    @Option(help: "The organization to log in to, when you belong to several.") var org: String?
    @Flag(name: .customLong("print-token"), help: "Print the token instead of keeping it in the home.") var printToken = false

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            guard let password = PasswordInput.read(prompt: "Password for \(email): "), !password.isEmpty else {
                throw BulkheadError.invalidInput("no password given: type it at the prompt, or pipe it on standard input")
            }
            let result = try await env.services.auth.login(email: email, password: password, org: org)
            if printToken {
                Output.line(result.token)
            } else {
                try env.session.save(result.token)
                Output.line("logged in as \(result.principal.email) in \(result.principal.orgName) (\(result.principal.role.rawValue))")
            }
        }
    }
}

/// `bulkhead logout`: revokes the session and forgets it.
struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Log out (revokes the session).")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            try env.services.auth.logout(principal: principal)
            try? env.session.clear()
            Output.line("logged out")
        }
    }
}

/// `bulkhead whoami [--json]`.
struct Whoami: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show who you are logged in as.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            if output.json {
                Output.json(["email": principal.email, "org": principal.orgName, "org_id": principal.orgID.rawValue,
                             "role": principal.role.rawValue, "user_id": principal.userID.rawValue,
                             "expires_at": ISO8601DateFormatter().string(from: principal.expiresAt)])
            } else {
                Output.line("\(principal.email) in \(principal.orgName) (\(principal.role.rawValue))")
            }
        }
    }
}
