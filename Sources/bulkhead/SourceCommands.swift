import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadCore
import BulkheadEngine

/// `bulkhead source allow|add|list|show|rm`.
struct Source: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "source", abstract: "Manage your organization's data sources.",
                                                    subcommands: [Add.self, List.self, Show.self, Remove.self, Folders.self, Allow.self])

    struct Allow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allow", abstract: "Replaced: folders are granted by the operator (`bulkhead admin org grant-folder ORG DIR`).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The folder.") var dir: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let actor = try? await env.principal()
                env.services.auth.recordDenial(action: "source.allow", actor: actor.map { .user($0.userID) } ?? .anonymous,
                                               org: actor?.orgID, reason: "operator_grants_folders")
                throw BulkheadError.operatorRequired
            }
        }
    }

    struct Folders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "folders", abstract: "List the folders the operator granted your organization.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let folders = try env.services.engine.allowedRoots(try await env.principal())
                if output.json {
                    Output.json(["folders": folders])
                } else if folders.isEmpty {
                    Output.line("no folders granted yet; the operator grants them with `bulkhead admin org grant-folder ORG DIR`")
                } else {
                    for folder in folders { Output.line(folder) }
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Connect a SQLite database or a CSV file under a granted folder, or a PostgreSQL database by URL (org admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The source's name in your organization.") var name: String
        @Argument(help: "The file.") var path: String
        @Option(help: "sqlite or csv (default: from the file's extension).") var kind: String?
        @Flag(name: .customLong("password-stdin"), help: "For a postgres:// URL: read the database password from standard input.")
        var passwordStdin = false

        func run() async throws {
            try await CommandFailure.run {
                if Self.isPostgresURL(path) { return try await addPostgres() }
                let chosen = kind ?? (path.lowercased().hasSuffix(".csv") ? "csv" : "sqlite")
                guard let sourceKind = SourceKind(rawValue: chosen) else {
                    throw BulkheadError.invalidInput("the kind must be sqlite or csv")
                }
                let env = try CommandEnvironment(global)
                let added = try await env.services.addSource(try await env.principal(), name: name, path: path, kind: sourceKind)
                Output.line("added source \(added.source.name) (\(added.source.kind.rawValue))")
                if let report = added.importReport {
                    Output.line("imported \(report.rowsImported) rows; \(report.badRows.count) bad rows")
                    for bad in report.badRows.prefix(20) { Output.line("  line \(bad.line): \(bad.reason)") }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List your organization's sources.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let sources = try env.services.engine.listSources(try await env.principal())
                if output.json {
                    Output.json(["sources": sources.map { ["name": $0.name, "kind": $0.kind.rawValue, "location": $0.location] }])
                } else if sources.isEmpty {
                    Output.line("no sources yet; `bulkhead source add NAME PATH`")
                } else {
                    for source in sources { Output.line("\(source.name)\t\(source.kind.rawValue)\t\(source.location)") }
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a source's tables, columns, keys, row counts and sample rows.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The source's name.") var name: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let details = try env.services.engine.showSource(try await env.principal(), name)
                if output.json {
                    Output.json(["name": details.source.name, "kind": details.source.kind.rawValue,
                                 "tables": details.schema.tables.map(Self.tableJSON)])
                    return
                }
                for table in details.schema.tables {
                    Output.line("\(table.isView ? "view" : "table") \(table.name) (\(table.rowCount) rows)")
                    for column in table.columns {
                        let key = column.primaryKeyPosition > 0 ? " PK" : ""
                        let reference = table.foreignKeys.first { $0.columns.contains(column.name) }
                            .map { " -> \($0.referencedTable)" } ?? ""
                        Output.line("  \(column.name) \(column.type)\(key)\(reference)")
                    }
                }
            }
        }

        static func tableJSON(_ table: TableSchema) -> [String: Any] {
            [
                "name": table.name,
                "is_view": table.isView,
                "row_count": table.rowCount,
                "primary_key": table.primaryKey,
                "columns": table.columns.map { ["name": $0.name, "type": $0.type, "not_null": $0.notNull,
                                                "primary_key": $0.primaryKeyPosition > 0] as [String: Any] },
                "foreign_keys": table.foreignKeys.map { ["columns": $0.columns, "references_table": $0.referencedTable,
                                                         "references_columns": $0.referencedColumns] as [String: Any] },
                "sample_rows": table.sampleRows.map { $0.map(\.jsonValue) },
            ]
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Disconnect a source (org admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The source's name.") var name: String

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                try env.services.removeSource(try await env.principal(), name: name)
                Output.line("removed source \(name)")
            }
        }
    }
}

/// `bulkhead query SOURCE SQL [--json | --format csv|json|table]`.
struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Run read-only SQL on one of your sources.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: ResultOutput
    @Argument(help: "The source's name.") var source: String
    @Argument(help: "One read-only SQL statement.") var sql: String

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let principal = try await env.principal()
            if output.resolved == .csv {
                let cursor = try env.services.engine.openCursor(principal, source: source, sql: sql)
                try ResultOutput.streamCSV(columns: cursor.columns, cursor: cursor)
                return
            }
            let result = try env.services.engine.query(principal, source: source, sql: sql)
            if output.resolved == .json {
                Output.json(["columns": result.columns, "rows": result.rows.map { $0.map(\.jsonValue) },
                             "row_count": result.rowCount, "truncated": result.truncated])
            } else {
                Table.print(columns: result.columns, rows: result.rows.map { $0.map(\.display) })
                Output.line("(\(result.rowCount) rows\(result.truncated ? ", first \(result.rows.count) shown" : ""))")
            }
        }
    }
}
