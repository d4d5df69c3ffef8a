import ArgumentParser
import Foundation
import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit

/// `bulkhead db migrate --owner-url URL [--server-role NAME [--create-server-role]]`.
struct Database: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "db", abstract: "Manage the PostgreSQL store.",
                                                    subcommands: [Migrate.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Run the PostgreSQL migrations as the owner role; grant (and create) the server role.",
            discussion: """
                The owner's password comes from BULKHEAD_OWNER_PASSWORD when its server asks for one. With \
                --create-server-role, the server role's password is read from standard input (or a prompt).
                """)
        @Option(name: .customLong("owner-url"), help: "postgres://OWNER@HOST:PORT/DATABASE (no password in the URL).")
        var ownerURL: String
        @Option(help: "The role servers connect as; it is granted what a server needs and owns nothing.")
        var serverRole: String?
        @Flag(help: "Create the server role when it does not exist (the owner needs CREATEROLE).")
        var createServerRole = false

        func run() async throws {
            try await CommandFailure.run {
                let owner = try PostgresURL(ownerURL, password: ProcessInfo.processInfo.environment["BULKHEAD_OWNER_PASSWORD"])
                let role = try serverRole.map(RoleName.init)
                if createServerRole, role == nil { throw BulkheadError.invalidInput("--create-server-role needs --server-role NAME") }
                var password: String?
                if createServerRole, let role {
                    guard let read = PasswordInput.read(prompt: "Password for the server role \(role): "), !read.isEmpty else {
                        throw BulkheadError.invalidInput("no password given for the server role")
                    }
                    password = read
                }
                let client = RunningClient(url: owner, runtime: PostgresRuntime(), maximumConnections: 1, logger: PostgresLog.quiet)
                defer { client.close() }
                let migrator = PostgresMigrator(client: client)
                do {
                    try await SingleConnection.run(owner) { _ in }
                    let applied = try await migrator.migrate()
                    Output.line(applied.isEmpty
                        ? "the schema is up to date (version \(PostgresSchema.latestVersion))"
                        : "applied migrations \(applied.map(String.init).joined(separator: ", ")) (schema version \(PostgresSchema.latestVersion))")
                    if let role {
                        if let password, try await migrator.createServerRole(role, password: password) {
                            Output.line("created the server role \(role)")
                        }
                        try await migrator.grant(to: role)
                        Output.line("granted \(role) what a server needs (it owns nothing)")
                    }
                } catch {
                    throw Self.safe(error)
                }
            }
        }

        /// A failure of the owner's session, in words about the owner's rights.
        static func safe(_ error: any Error) -> BulkheadError {
            if let safe = error as? BulkheadError { return safe }
            switch PostgresErrorText.sqlState(error) {
            case "42501"?:
                return .invalidInput("the owner role lacks a right the migrations need (CREATE on the database; CREATEROLE to create the server role)")
            case "42704"?:
                return .invalidInput("the server role does not exist; create it, or pass --create-server-role")
            case nil:
                return PostgresErrorText.connectionFailure(error)
            case let state?:
                return .internalFailure(code: "migrate-\(state)")
            }
        }
    }
}
