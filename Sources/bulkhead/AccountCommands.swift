import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadAuth
import BulkheadCore

/// `bulkhead login EMAIL [--org NAME] [--print-token]`.
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "login", abstract: "Log in (password from stdin or a prompt); keep the session in the home or print the token.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Your email.") var email: String
    @Option(help: "The organization to log in to, when you belong to several.") var org: String?
    @Flag(name: .customLong("print-token"), help: "Print the token instead of keeping it in the home.") var printToken = false

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            guard let password = PasswordInput.read(prompt: "Password for \(email): "), !password.isEmpty else {
                throw BulkheadError.invalidInput("no password given: type it at the prompt, or give it as one line of standard input")
            }
            let interactive = isatty(STDIN_FILENO) == 1
            // A first login with an invitation code also chooses the password: the second line of stdin, or a prompt.
            var newPassword = interactive ? nil : readLine(strippingNewline: true)
            let result: LoginResult
            do {
                result = try await env.services.auth.login(email: email, password: password, org: org,
                                                           client: CommandEnvironment.loginClient, newPassword: newPassword)
            } catch BulkheadError.firstLoginNeedsPassword where interactive {
                newPassword = try Self.chooseNewPassword()
                result = try await env.services.auth.login(email: email, password: password, org: org,
                                                           client: CommandEnvironment.loginClient, newPassword: newPassword)
            }
            if printToken {
                Output.line(result.token)
            } else {
                try env.session.save(result.token)
                Output.line("logged in as \(result.principal.email) in \(result.principal.orgName) (\(result.principal.role.rawValue))")
            }
        }
    }
}

extension Login {
    /// Asks twice for a new password at the terminal.
    static func chooseNewPassword() throws -> String {
        guard let first = PasswordInput.read(prompt: "Choose your password (at least 12 characters): "), !first.isEmpty,
              let second = PasswordInput.read(prompt: "Type it again: ") else {
            throw BulkheadError.invalidInput("no password given")
        }
        guard first == second else { throw BulkheadError.invalidInput("the two passwords differ") }
        return first
    }
}

/// `bulkhead logout`: revokes the session and forgets it.
struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Log out (revokes the session).")
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
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show who you are logged in as.")
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
