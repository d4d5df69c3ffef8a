import BulkheadCore

/// The first look at a tenant's statement for a PostgreSQL source, before the server sees it.
///
/// PostgreSQL parses the statement and the server enforces what it may do: it runs as the only
/// query of a DECLARE CURSOR (which takes nothing but a SELECT or VALUES), in a READ ONLY
/// transaction, as a role that is neither superuser nor allowed server files or programs. This
/// screen adds what a parser cannot say: it names the refusal in our own words (COPY, writes,
/// a second statement) and refuses calls of functions that reach outside the database or around
/// the limits (server files, dblink, settings, locks, signals, SQL run from a string). It only
/// tokenizes (strings, quoted names, comments and dollar quotes are skipped correctly); it never
/// decides that a statement is safe, only that some are not.
enum PostgresStatementScreen {
    /// Words a read-only statement may start with.
    static let readStarts: Set<String> = ["select", "with", "values", "table"]

    /// Functions that reach the server's files or programs, other servers, settings, locks or other sessions.
    static let refusedFunctions: Set<String> = [
        "pg_read_file", "pg_read_binary_file", "pg_stat_file", "pg_ls_dir", "pg_file_write", "pg_file_rename",
        "pg_file_unlink", "pg_file_sync", "lo_import", "lo_export", "lo_get", "lo_put", "lo_from_bytea", "lo_open",
        "set_config", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "pg_promote",
        "pg_switch_wal", "pg_create_restore_point", "pg_notify", "pg_logical_emit_message", "query_to_xml",
        "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema", "pg_import_system_collations",
    ]

    /// Prefixes of function families refused as a whole.
    static let refusedPrefixes = ["dblink", "pg_ls_", "pg_advisory", "pg_try_advisory", "pg_stat_reset", "pg_replication_",
                                  "pg_drop_replication", "pg_create_logical", "pg_create_physical"]

    /// Returns the statement without trailing semicolons, or throws the refusal.
    static func screen(_ sql: String) throws -> String {
        let tokens = PostgresTokenizer.tokens(sql)
        guard let first = tokens.first(where: { $0.kind != .semicolon }) else {
            throw BulkheadError.invalidInput("the statement is empty")
        }
        if let semicolon = tokens.firstIndex(where: { $0.kind == .semicolon }),
           tokens[semicolon...].contains(where: { $0.kind != .semicolon }) {
            throw BulkheadError.sqlRefused("only one statement at a time")
        }
        let lead = first.kind == .word ? first.text.lowercased() : first.text
        guard readStarts.contains(lead) || lead == "(" else {
            if lead == "copy" { throw BulkheadError.sqlRefused("COPY is not allowed") }
            throw BulkheadError.sqlRefused("only read-only statements are allowed")
        }
        for (index, token) in tokens.enumerated() where token.kind == .word || token.kind == .quotedName {
            guard index + 1 < tokens.count, tokens[index + 1].text == "(" else { continue }
            let name = token.kind == .word ? token.text.lowercased() : token.text
            if refusedFunctions.contains(name) || refusedPrefixes.contains(where: name.hasPrefix) {
                throw BulkheadError.sqlRefused("the function \(SafeText.identifier(name)) is not allowed")
            }
        }
        let end = tokens.lastIndex(where: { $0.kind != .semicolon }).map { tokens[$0].end } ?? sql.endIndex
        return String(sql[..<end])
    }
}
