/// A tenant table as a declaration, so a new one is a few lines and cannot forget its row-level security.
///
/// The statements it makes give the table an `org_id` first column that defaults to the
/// request's org and references `organizations`; a primary key, unique keys and indexes that
/// all lead with `org_id`; foreign keys to other tenant tables through `(org_id, …)`, so a row
/// can only point at rows of its own org; ENABLE and FORCE ROW LEVEL SECURITY; and one policy
/// that lets a request see and write only rows of the org in its claims.
struct TenantTable: Sendable {
    /// The table's name inside the `bulkhead` schema.
    let name: String
    /// Column definitions after `org_id`.
    let columns: [String]
    /// The primary key's columns after `org_id`.
    let primaryKey: [String]
    /// Unique keys, each as its columns after `org_id`.
    var unique: [[String]] = []
    /// Foreign keys to other tenant tables: local columns, the table, its columns (all after `org_id`), and the ON DELETE action.
    var references: [Reference] = []
    /// Secondary indexes, each as its columns after `org_id`.
    var indexes: [[String]] = []
    /// Table-level CHECK constraints.
    var checks: [String] = []
    /// A table of rows with no key of their own (the value index): no primary key at all.
    var keyless = false

    /// A foreign key inside one org.
    struct Reference: Sendable {
        let columns: [String]
        let table: String
        let referencedColumns: [String]
        var onDelete = "CASCADE"
    }

    /// The statements that create the table, its keys, indexes and policy.
    var statements: [String] {
        let qualified = "bulkhead.\(name)"
        var parts = ["org_id text NOT NULL DEFAULT bulkhead.current_org() REFERENCES bulkhead.organizations (id) ON DELETE CASCADE"]
        parts += columns
        if !keyless { parts.append("PRIMARY KEY (\((["org_id"] + primaryKey).joined(separator: ", ")))") }
        parts += unique.map { "UNIQUE (\((["org_id"] + $0).joined(separator: ", ")))" }
        parts += references.map {
            "FOREIGN KEY (\((["org_id"] + $0.columns).joined(separator: ", "))) REFERENCES bulkhead.\($0.table) "
                + "(\((["org_id"] + $0.referencedColumns).joined(separator: ", "))) ON DELETE \($0.onDelete)"
        }
        parts += checks.map { "CHECK (\($0))" }
        var statements = ["CREATE TABLE \(qualified) (\n    " + parts.joined(separator: ",\n    ") + "\n)"]
        for (offset, columns) in indexes.enumerated() {
            statements.append("CREATE INDEX \(name)_by_\(offset + 1) ON \(qualified) (\((["org_id"] + columns).joined(separator: ", ")))")
        }
        statements += PostgresSchema.rowSecurity(name)
        statements.append("""
            CREATE POLICY tenant_isolation ON \(qualified)
                USING (org_id = (select bulkhead.current_org()))
                WITH CHECK (org_id = (select bulkhead.current_org()))
            """)
        return statements
    }
}
