import ArgumentParser
import Foundation

/// `bulkhead backup FILE`: org admins, own org only.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Back up your organization's data (admins).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file to write.") var file: String

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            let header = try env.services.backups.backup(principal, to: URL(fileURLWithPath: file))
            Output.line("backed up \(principal.orgName) (\(header.bytes) bytes, sha256 \(header.sha256.prefix(16))…)")
        }
    }
}

/// `bulkhead restore FILE`: org admins, own org only; refuses another org's backup.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Restore your organization's data from a backup (admins).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file to read.") var file: String

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            try env.services.backups.restore(principal, from: URL(fileURLWithPath: file))
            Output.line("restored \(principal.orgName) from the backup")
        }
    }
}
