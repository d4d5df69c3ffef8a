import ArgumentParser
import Foundation
import BulkheadCore

/// `bulkhead backup [NAME|-]`: org admins, own org only, into the org's backup area or to stdout.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up your organization's data into its backup area, or to standard output with - (org admins).",
        discussion: "Backups are kept in the home under backups/<org-id>/, are never overwritten, and are authenticated with a key of this installation, bound to your organization. Over SSH, `backup -` streams the backup to your side.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "A file name in your backup area (default: the org's name and the time), or - for standard output.")
    var name: String?
    @Flag(help: "List your organization's backups instead.") var list = false

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            if list {
                try principal.requireAdmin()
                let entries = try env.services.backups.area.list(org: principal.orgID)
                if output.json {
                    Output.json(["backups": entries.map { ["name": $0.name, "bytes": $0.bytes,
                                                            "modified": ISO8601DateFormatter().string(from: $0.modified)] as [String: Any] }])
                } else {
                    if entries.isEmpty { Output.line("no backups yet; `bulkhead backup`") }
                    for entry in entries { Output.line("\(entry.name)\t\(entry.bytes) bytes\t\(ISO8601DateFormatter().string(from: entry.modified))") }
                }
                return
            }
            if name == "-" {
                guard isatty(STDOUT_FILENO) == 0 else {
                    throw BulkheadError.invalidInput("a backup is binary: redirect standard output to a file (bulkhead backup - > FILE)")
                }
                let archive = try env.services.backups.archive(principal)
                try FileHandle.standardOutput.write(contentsOf: archive.data)
                return
            }
            let chosen = name ?? Self.defaultName(org: principal.orgName, at: env.services.clock.now())
            let header = try env.services.backups.backup(principal, named: chosen)
            Output.line("backed up \(principal.orgName) as \(chosen) (\(header.bytes) bytes, sha256 \(header.sha256.prefix(16))…)")
        }
    }

    /// `<org>-YYYYMMDD-HHMMSS.backup`, from the org's name reduced to file-name characters.
    static func defaultName(org: String, at date: Date) -> String {
        let slug = String(org.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return "\(base.isEmpty ? "org" : base)-\(formatter.string(from: date)).backup"
    }
}

/// `bulkhead restore NAME|-`: org admins, own org only, from the org's backup area or stdin.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore your organization's data from a backup in its area, or from standard input with - (org admins).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A backup's name in your backup area, or - for standard input.") var name: String

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            if name == "-" {
                try principal.requireAdmin()
                try env.services.backups.restore(principal, from: FileHandle.standardInput.readDataToEndOfFile())
            } else {
                try env.services.backups.restore(principal, named: name)
            }
            Output.line("restored \(principal.orgName) from the backup")
        }
    }
}
