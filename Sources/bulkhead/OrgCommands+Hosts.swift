import ArgumentParser
import BulkheadCore

extension Org {
    /// `admin org grant-host ORG HOST[:PORT]`.
    struct GrantHost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-host",
            abstract: "Grant an organization a database host its admins may connect PostgreSQL sources at (operator).",
            discussion: "Without a grant, `source add NAME postgres://…` is refused: a source makes this server connect wherever its URL says. The port defaults to 5432; write an IPv6 address in brackets ([::1]:5432).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name or id.") var org: String
        @Argument(help: "HOST or HOST:PORT.") var host: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let kept = try await env.services.grantHost(host, to: org, credentials: try env.credentials(operatorKey))
                Output.line("granted \(kept) to \(org)")
            }
        }
    }

    /// `admin org revoke-host ORG HOST[:PORT]`.
    struct RevokeHost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-host", abstract: "Withdraw a host grant; the organization's sources there stop connecting (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name or id.") var org: String
        @Argument(help: "HOST or HOST:PORT.") var host: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try await env.services.revokeHost(host, from: org, credentials: try env.credentials(operatorKey))
                Output.line("revoked \(host) from \(org)")
            }
        }
    }
}
