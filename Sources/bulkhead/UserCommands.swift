import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadAuth
import BulkheadCore

/// `bulkhead user add|rm|role|list`: org admins manage their own org; the operator any org.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the people of your organization (org admins; the operator with --operator-key and --org).",
        subcommands: [Add.self, Remove.self, SetRole.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Invite someone into your organization (org admins), or into any organization (operator, --org).",
            discussion: """
                A new account takes an initial password from standard input when it is not a terminal; otherwise it gets a \
                one-time code, shown once, that serves as the password of its first login, where they choose their own. \
                An email that already has an account joins when its holder next logs in with --org and their own password.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "Their email.") var email: String
        @Option(help: "The organization (operator; an admin may only name their own).") var org: String?
        @Option(help: "admin or member.") var role: Role = .member

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let credentials = try env.credentials(operatorKey)
                let password = isatty(STDIN_FILENO) == 1 || credentials.operatorKey.map({ _ in operatorKey.file == "-" }) == true
                    ? nil : readLine(strippingNewline: true).flatMap { $0.isEmpty ? nil : $0 }
                let (enrollment, orgName) = try await env.services.addUser(email: email, org: org, role: role,
                                                                          initialPassword: password, credentials: credentials)
                Output.enrollment(enrollment, email: AuthInput.normalizeEmail(email), org: orgName, role: role, json: output.json)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Remove someone from your organization (org admins); the operator names --org, or deletes the account.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "Their email.") var email: String
        @Option(help: "The organization (operator; without it the operator deletes the account everywhere).") var org: String?

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try await env.services.removeUser(email: email, org: org, credentials: try env.credentials(operatorKey))
                Output.line("removed \(AuthInput.normalizeEmail(email))\(org.map { " from \($0)" } ?? "")")
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change a member's role in your organization (org admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Their email.") var email: String
        @Argument(help: "admin or member.") var role: Role

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try await env.services.setRole(email: email, role: role, credentials: try env.credentials())
                Output.line("\(AuthInput.normalizeEmail(email)) is now \(role.rawValue)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List your organization's members and open invitations (org admins).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let people = try await env.services.members(credentials: try env.credentials())
                if output.json {
                    Output.json(["users": people.map { ["email": $0.email, "role": $0.role.rawValue, "status": $0.status.rawValue] }])
                } else {
                    for person in people { Output.line("\(person.email)\t\(person.role.rawValue)\t\(person.status.rawValue)") }
                }
            }
        }
    }
}

extension Output {
    /// Prints what adding a person did; the one-time code, if any, is shown here once.
    static func enrollment(_ enrollment: Enrollment, email: String, org: String, role: Role, json: Bool) {
        let expiry = ISO8601DateFormatter()
        switch enrollment {
        case .added:
            if json { Output.json(["email": email, "org": org, "role": role.rawValue, "status": "added"]); return }
            Output.line("added \(email) to \(org) as \(role.rawValue)")
        case let .invited(code, expiresAt):
            if json {
                Output.json(["email": email, "org": org, "role": role.rawValue, "status": "invited", "code": code,
                             "expires_at": expiry.string(from: expiresAt)])
                return
            }
            Output.line("invited \(email) to \(org) as \(role.rawValue); one-time code (shown only now, valid until \(expiry.string(from: expiresAt))):")
            Output.line("  \(code)")
            Output.line("They log in with `bulkhead login \(email) --org '\(org)'`, give the code as the password, and choose their own.")
        case let .awaitingAcceptance(expiresAt):
            if json {
                Output.json(["email": email, "org": org, "role": role.rawValue, "status": "awaiting_acceptance",
                             "expires_at": expiry.string(from: expiresAt)])
                return
            }
            Output.line("\(email) already has an account: they join \(org) as \(role.rawValue) when they next log in with --org '\(org)' (until \(expiry.string(from: expiresAt))).")
        }
    }
}
