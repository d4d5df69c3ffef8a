import ArgumentParser
import Foundation
import BulkheadAuth
import BulkheadCore
import BulkheadStore

/// `bulkhead key add FILE|- | key list [--json] | key rm FINGERPRINT`: the SSH keys that open `bulkhead serve`.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Manage the SSH keys that let you into `bulkhead serve` (yours; org admins also their members').",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an OpenSSH public key (Ed25519 or ECDSA) from FILE, or from stdin with -.",
            discussion: "An org admin may add a key for a member of their org with --user; such a key opens that org only.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The public key file (e.g. ~/.ssh/id_ed25519.pub), or - for stdin.") var file: String
        @Option(help: "A member of your org to add the key for (org admins).") var user: String?

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let principal = try await env.principal()
                let record = try env.services.auth.addSSHKey(try Self.readLine(file), for: user, by: principal)
                if output.json { Output.json(record.jsonObject); return }
                Output.line("added \(record.fingerprint) (\(record.algorithm)) for \(record.email)"
                            + (record.orgName.map { "; it opens \($0) only" } ?? ""))
            }
        }

        /// The key line, from a file or stdin; a private key file is refused by the parser with a clear sentence.
        static func readLine(_ file: String) throws -> String {
            let data: Data?
            if file == "-" {
                data = FileHandle.standardInput.readData(ofLength: SSHPublicKey.maximumLineLength + 1)
            } else {
                data = FileManager.default.contents(atPath: file)
            }
            guard let data else { throw BulkheadError.invalidInput("cannot read \(file)") }
            guard data.count <= SSHPublicKey.maximumLineLength else { throw BulkheadError.invalidInput("give exactly one public key line") }
            return String(decoding: data, as: UTF8.self)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List your SSH keys (org admins: a member's, with --user).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag
        @Option(help: "A member of your org (org admins).") var user: String?

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let keys = try env.services.auth.sshKeys(of: user, by: try await env.principal())
                if output.json { Output.json(["keys": keys.map(\.jsonObject)]); return }
                if keys.isEmpty { Output.line("no SSH keys; add one with `bulkhead key add ~/.ssh/id_ed25519.pub`") }
                let dates = ISO8601DateFormatter()
                for key in keys {
                    Output.line([key.fingerprint, key.algorithm, key.comment.isEmpty ? "-" : key.comment,
                                 "added \(dates.string(from: key.addedAt))",
                                 "last used \(key.lastUsedAt.map(dates.string(from:)) ?? "never")",
                                 key.orgName.map { "only \($0)" } ?? "all orgs"].joined(separator: "  "))
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove an SSH key by fingerprint; the sessions it opened end within seconds.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The key's fingerprint, SHA256:… as `key list` or `ssh-keygen -lf` shows it.") var fingerprint: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try env.services.auth.removeSSHKey(fingerprint: fingerprint, by: try await env.principal())
                Output.line("removed \(fingerprint)")
            }
        }
    }
}

extension SSHKeyRecord {
    /// The record for `--json`.
    var jsonObject: [String: Any] {
        let dates = ISO8601DateFormatter()
        return ["fingerprint": fingerprint, "algorithm": algorithm, "comment": comment, "email": email,
                "org": orgName as Any, "added_at": dates.string(from: addedAt),
                "last_used_at": lastUsedAt.map(dates.string(from:)) as Any]
    }
}
