import GRDBSQLite

/// What the sandbox's authorizer lets through: reads, functions and a few read-only PRAGMAs.
///
/// Everything else is refused with one of our own sentences, which is what the tenant sees.
/// The decision is a pure function of SQLite's authorizer arguments so it can be read and
/// tested on its own; the C callback in `SandboxedConnection` only forwards to it.
enum SandboxPolicy {
    /// PRAGMAs that only read the schema; their one argument names a table or an index.
    static let allowedPragmas: Set<String> = [
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    ]

    /// Functions that reach outside the database (files, extensions, raw pointers).
    static let refusedFunctions: Set<String> = [
        "load_extension", "fts3_tokenizer", "readfile", "writefile", "edit", "zipfile", "sqlar_compress",
        "sqlar_uncompress", "shell_add_schema", "shell_module_schema", "sqlite_dbpage",
    ]

    /// The refusal of a table-valued function or virtual table the sandbox does not allow.
    static let tableFunctionRefusal =
        "this table-valued function or virtual table is not allowed (json_each, json_tree and pragma_table_info and the other allowed PRAGMAs' functions are)"

    /// Returns nil to allow the action, or the sentence that explains the refusal.
    static func decide(action: Int32, first: UnsafePointer<CChar>?, second: UnsafePointer<CChar>?) -> String? {
        switch action {
        case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
            return nil
        case SQLITE_FUNCTION:
            let name = second.map { String(cString: $0).lowercased() } ?? ""
            if name == "load_extension" { return "load_extension is not allowed" }
            if refusedFunctions.contains(name) { return "the function \(name) is not allowed" }
            return nil
        case SQLITE_PRAGMA:
            let name = first.map { String(cString: $0).lowercased() } ?? ""
            guard allowedPragmas.contains(name) else {
                return "PRAGMA \(SQLText.safeIdentifier(name)) is not allowed (only table_info, table_xinfo, index_list, index_info, index_xinfo and foreign_key_list)"
            }
            return nil
        case SQLITE_ATTACH:
            return "ATTACH is not allowed"
        case SQLITE_DETACH:
            return "DETACH is not allowed"
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            return "transactions and savepoints are not allowed"
        case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
            // CREATE and DROP ask to write the schema table before they ask about the object itself.
            let table = first.map { String(cString: $0).lowercased() } ?? ""
            let temporary = table == "sqlite_temp_master" || table == "sqlite_temp_schema"
            let schema = temporary || table == "sqlite_master" || table == "sqlite_schema"
            guard schema else { return "only read-only statements are allowed" }
            if temporary { return "temporary tables, views, indexes and triggers are not allowed" }
            // SQLite asks to update the schema table when it first builds a table-valued function's
            // or another eponymous virtual table's table; the allowed ones are built before the
            // authorizer is installed (`SandboxedConnection.allowedTableFunctions`).
            if action == SQLITE_UPDATE { return tableFunctionRefusal }
            if action == SQLITE_DELETE { return "dropping tables, views, indexes or triggers is not allowed" }
            return "creating tables, views, indexes or triggers is not allowed"
        case SQLITE_CREATE_TEMP_TABLE, SQLITE_CREATE_TEMP_VIEW, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TEMP_TRIGGER:
            return "temporary tables, views, indexes and triggers are not allowed"
        case SQLITE_CREATE_TABLE, SQLITE_CREATE_VIEW, SQLITE_CREATE_INDEX, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_VTABLE:
            return "creating tables, views, indexes or triggers is not allowed"
        case SQLITE_DROP_TABLE, SQLITE_DROP_VIEW, SQLITE_DROP_INDEX, SQLITE_DROP_TRIGGER, SQLITE_DROP_VTABLE,
             SQLITE_DROP_TEMP_TABLE, SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TRIGGER:
            return "dropping tables, views, indexes or triggers is not allowed"
        case SQLITE_ALTER_TABLE:
            return "ALTER TABLE is not allowed"
        case SQLITE_REINDEX, SQLITE_ANALYZE:
            return "REINDEX and ANALYZE are not allowed"
        default:
            return "only read-only statements are allowed"
        }
    }
}
