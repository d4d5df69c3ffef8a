import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadCore

/// `bulkhead admin org …` (also `bulkhead org …`): organizations, their folders and database hosts. Operator only.
struct Org: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Manage organizations and the folders granted to them (operator only: --operator-key).",
        subcommands: [Create.self, List.self, Suspend.self, Resume.self, Delete.self, GrantFolder.self, RevokeFolder.self,
                      GrantHost.self, RevokeHost.self, Limits.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an organization (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name.") var name: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let id = try await env.services.createOrganization(name: name, credentials: try env.credentials(operatorKey))
                Output.line("created organization \(name) (\(id))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every organization with its members and folders (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag
        @OptionGroup var operatorKey: OperatorKeyOption

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let orgs = try await env.services.organizations(credentials: try env.credentials(operatorKey))
                if output.json {
                    Output.json(["organizations": orgs.map { org -> [String: Any] in
                        ["id": org.record.id.rawValue, "name": org.record.name, "suspended": org.record.suspended,
                         "members": org.record.members, "admins": org.record.admins, "folders": org.folders, "hosts": org.hosts]
                    }])
                    return
                }
                if orgs.isEmpty { Output.line("no organizations yet; `bulkhead admin org create NAME`") }
                for org in orgs {
                    let state = org.record.suspended ? "  SUSPENDED" : ""
                    Output.line("\(org.record.name)  \(org.record.id)  \(org.record.members) members (\(org.record.admins) admins)\(state)")
                    for folder in org.folders { Output.line("  folder \(folder)") }
                    for host in org.hosts { Output.line("  host \(host)") }
                }
            }
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend an organization: its sessions end and its users cannot log in (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name or id.") var name: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let id = try await env.services.setSuspended(name, true, credentials: try env.credentials(operatorKey))
                Output.line("suspended \(name) (\(id))")
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resume", abstract: "Lift an organization's suspension (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name or id.") var name: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let id = try await env.services.setSuspended(name, false, credentials: try env.credentials(operatorKey))
                Output.line("resumed \(name) (\(id))")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an organization and all of its data and backups (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name or id.") var name: String
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func run() async throws {
            try await CommandFailure.run {
                if !yes && isatty(STDIN_FILENO) == 1 {
                    FileHandle.standardError.write(Data("This deletes the organization, its data and its backups. Type its name to go on: ".utf8))
                    guard readLine(strippingNewline: true)?.caseInsensitiveCompare(name) == .orderedSame else { throw BulkheadError.cancelled }
                }
                let env = try CommandEnvironment(global)
                let id = try await env.services.deleteOrganization(named: name, credentials: try env.credentials(operatorKey))
                Output.line("deleted \(name) (\(id))")
            }
        }
    }

    struct GrantFolder: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-folder",
            abstract: "Grant an organization a folder under which its admins may add sources (operator).",
            discussion: "Refused even for the operator: /, /proc, /sys, /dev, /etc, /run, /boot, folders anyone may write to (like /tmp), the Bulkhead home, a folder containing the home, and any folder that is, contains or lies inside another organization's grant.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name or id.") var org: String
        @Argument(help: "The folder.") var dir: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let resolved = try await env.services.grantFolder(dir, to: org, credentials: try env.credentials(operatorKey))
                Output.line("granted \(resolved) to \(org)")
            }
        }
    }

    struct RevokeFolder: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-folder", abstract: "Withdraw a folder grant; sources under it stop opening (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name or id.") var org: String
        @Argument(help: "The folder.") var dir: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try await env.services.revokeFolder(dir, from: org, credentials: try env.credentials(operatorKey))
                Output.line("revoked \(dir) from \(org)")
            }
        }
    }
}
