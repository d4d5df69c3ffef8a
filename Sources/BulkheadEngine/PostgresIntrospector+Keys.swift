import PostgresNIO

extension PostgresIntrospector {
    /// Primary and foreign keys of every user table, by table oid, read from `pg_constraint`.
    struct Keys {
        var primaryKeys: [Int: [String]] = [:]
        var foreignKeys: [Int: [ForeignKeySchema]] = [:]

        static func read(_ connection: PostgresConnection, userSchemas: String) async throws -> Keys {
            var keys = Keys()
            var current: (constraint: Int, table: Int, referenced: String, from: [String], to: [String])?
            func flush() {
                guard let done = current else { return }
                keys.foreignKeys[done.table, default: []].append(
                    ForeignKeySchema(columns: done.from, referencedTable: done.referenced, referencedColumns: done.to))
                current = nil
            }
            for row in try await rows(connection, """
                SELECT con.conrelid::int8, con.oid::int8, con.contype::text, coalesce(fn.nspname::text, ''),
                       coalesce(fc.relname::text, ''), a.attname::text, coalesce(af.attname::text, '')
                FROM pg_constraint con
                JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                LEFT JOIN pg_class fc ON fc.oid = con.confrelid
                LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
                LEFT JOIN pg_attribute af ON af.attrelid = con.confrelid AND af.attnum = con.confkey[k.ord]
                WHERE con.contype IN ('p', 'f') AND \(userSchemas)
                ORDER BY con.conrelid, con.oid, k.ord
                """) {
                let (table, constraint, type, schema, referenced, column, referencedColumn) =
                    try row.decode((Int, Int, String, String, String, String, String).self)
                if type == "p" {
                    keys.primaryKeys[table, default: []].append(column)
                    continue
                }
                if current?.constraint != constraint {
                    flush()
                    current = (constraint, table, schema == "public" ? referenced : "\(schema).\(referenced)", [], [])
                }
                current?.from.append(column)
                current?.to.append(referencedColumn)
            }
            flush()
            return keys
        }
    }
}
