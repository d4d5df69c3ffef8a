import BulkheadPostgresKit
import PostgresNIO

/// A statement the store runs on nearly every request, prepared once per pooled connection.
///
/// Parsing and planning cost the server more than running these statements (a tenth to a fifth
/// of a millisecond each, with the row-level security policies to plan in), and every context
/// and every ask runs several. A prepared statement is parsed and planned once per connection;
/// each later run only binds and executes. The policies still apply on every run: they read the
/// claims through `(select bulkhead.current_org())`, evaluated at execution, so a plan kept on a
/// connection serves whichever claims the transaction set. Only fixed SQL text goes here, with
/// every value a bound parameter.
protocol HotStatement: Sendable {
    /// The statement, with `$1`, `$2`, … for its values.
    static var sql: String { get }
}

extension HotStatement {
    /// Runs the statement with `values` bound to `$1`, `$2`, … in order, and returns every row.
    static func rows<each Value: PostgresDynamicTypeEncodable>(
        on connection: PostgresConnection, _ values: repeat each Value
    ) async throws -> [PostgresRow] {
        var bindings = PostgresBindings()
        repeat bindings.append(each values)
        var rows: [PostgresRow] = []
        for try await row in try await connection.execute(PreparedHotStatement<Self>(bindings: bindings), logger: PostgresLog.quiet) {
            rows.append(row)
        }
        return rows
    }
}

/// A ``HotStatement`` with its values, as postgres-nio prepares and runs it (named after the statement's type).
private struct PreparedHotStatement<Statement: HotStatement>: PostgresPreparedStatement {
    typealias Row = PostgresRow

    static var name: String { "bulkhead." + String(describing: Statement.self) }
    static var sql: String { Statement.sql }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
