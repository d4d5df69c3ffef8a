/// Renders a `ModelRequest` into the text the HTTP providers send: a system message and one
/// user message.
///
/// The rendering is deterministic (same request, same bytes), so the request log and the
/// inspector's diff between two requests show only what really changed. The schema is written
/// as CREATE-TABLE-like lines because models read that form best, with foreign keys, row counts
/// and sample values as SQL comments.
public enum PromptRenderer {
    /// System instructions the context layer may use as the system section.
    public static let defaultSystem = """
        You translate questions into one read-only SQLite SELECT statement over the schema given. \
        Use only the tables and columns listed; quote identifiers with double quotes. \
        Answer with the SQL in a ```sql fenced block, then one short sentence saying which tables \
        and columns you used. If the schema cannot answer the question, write no SQL and say \
        "I can't answer that from this schema".
        """

    /// The system instructions for sources of `dialect`: the engine named, and for PostgreSQL how
    /// its names are written (quoted names keep their case; tables outside `public` are `"schema"."table"`).
    public static func defaultSystem(for dialect: any SQLDialect) -> String {
        guard dialect.name != SQLiteDialect().name else { return defaultSystem }
        return defaultSystem.replacingOccurrences(of: "read-only SQLite SELECT", with: "read-only \(dialect.displayName) SELECT")
            .replacingOccurrences(of: "quote identifiers with double quotes.",
                                  with: "quote identifiers with double quotes (they keep their case), and write a table listed as schema.table as \"schema\".\"table\".")
    }

    /// The system message: the request's system section as given.
    public static func system(_ request: ModelRequest) -> String {
        request.system
    }

    /// The user message: schema, examples, notes, history and the question, in that order;
    /// empty sections are left out.
    public static func user(_ request: ModelRequest) -> String {
        var parts: [String] = []
        parts.append("## Schema\n" + schema(request.schema))
        if !request.examples.isEmpty {
            let lines = request.examples.map { "Question: \($0.question)\nSQL: \($0.sql)" }
            parts.append("## Examples\n" + lines.joined(separator: "\n\n"))
        }
        if !request.notes.isEmpty {
            parts.append("## Notes\n" + request.notes.map { "- \($0)" }.joined(separator: "\n"))
        }
        if !request.history.isEmpty {
            let lines = request.history.map { turn -> String in
                var text = "Question: \(turn.question)"
                if let sql = turn.sql { text += "\nSQL: \(sql)" }
                if let summary = turn.summary { text += "\nAnswer: \(summary)" }
                return text
            }
            parts.append("## Conversation so far\n" + lines.joined(separator: "\n\n"))
        }
        parts.append("## Question\n" + request.question)
        return parts.joined(separator: "\n\n")
    }

    /// The schema section as CREATE-TABLE-like lines with keys, row counts and sample values.
    public static func schema(_ schema: SchemaContext) -> String {
        schema.tables.map(table).joined(separator: "\n")
    }

    /// One table as a CREATE TABLE statement followed by comment lines.
    public static func table(_ table: TableSchema) -> String {
        var lines: [String] = []
        let primaryKeys = table.columns.filter(\.isPrimaryKey)
        var definitions: [String] = table.columns.map { column in
            var line = "  " + SQLText.identifier(column.name)
            if !column.type.isEmpty { line += " " + column.type }
            if column.isPrimaryKey && primaryKeys.count == 1 { line += " PRIMARY KEY" }
            if let reference = column.references {
                line += " REFERENCES \(SQLText.identifier(reference.table))(\(SQLText.identifier(reference.column)))"
            }
            return line
        }
        if primaryKeys.count > 1 {
            definitions.append("  PRIMARY KEY (" + primaryKeys.map { SQLText.identifier($0.name) }.joined(separator: ", ") + ")")
        }
        var header = "CREATE TABLE \(SQLText.identifier(table.name)) (\n" + definitions.joined(separator: ",\n") + "\n);"
        if let rows = table.rowCount { header += " -- \(rows) rows" }
        lines.append(header)
        for column in table.columns {
            guard let values = table.sampleValues[column.name], !values.isEmpty else { continue }
            lines.append("-- \(table.name).\(column.name) sample values: " + values.map(SQLText.literal).joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
