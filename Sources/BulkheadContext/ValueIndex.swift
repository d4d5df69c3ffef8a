import Foundation
import GRDB
import BulkheadCore
import BulkheadEngine
import BulkheadModels
import BulkheadStore

/// The distinct values of each source's low- and medium-cardinality text columns, kept in the
/// org's own database, so a question's "Led Zeppelin" or "no-show" is placed in the right column
/// even when no sample showed it.
///
/// A source is indexed on its first question and again whenever its file changes. A lookup reads
/// the rows of the principal's own file only, and each hit carries the `org_id` of the row it was
/// read from, so the context's provenance comes from the data, not from the caller.
public struct ValueIndex: Sendable {
    /// One stored value that a phrase of the question spells.
    public struct Hit: Sendable, Hashable {
        public let table: String
        public let column: String
        public let value: String
        /// The org stamped on the row the value was read from.
        public let orgID: OrgID
    }

    /// Values per column at most, and characters per value at most.
    public static let maxDistinct = 5_000
    public static let maxLength = 80

    private let engine: QueryEngine
    private let tenants: TenantDatabases
    private let clock: any Clock

    public init(engine: QueryEngine, tenants: TenantDatabases, clock: any Clock) {
        self.engine = engine
        self.tenants = tenants
        self.clock = clock
    }

    /// The stored values of `source` that a run of the question's words spells, indexing the
    /// source first when it is not indexed or its file changed.
    public func lookup(_ principal: Principal, source: String, question: String) throws -> [Hit] {
        let database = try tenants.database(for: principal)
        let stamp = try engine.stamp(principal, source: source)
        let keys = Array(ValueKey.phrases(in: question))
        // One read: the index's stamp, and the hits when the stamp is current.
        let (indexed, hits) = try database.read { db -> (String?, [Hit]) in
            let indexed = try String.fetchOne(db, sql: "SELECT stamp FROM value_index_sources WHERE source = ?", arguments: [source])
            guard indexed == stamp, !keys.isEmpty else { return (indexed, []) }
            return (indexed, try Self.hits(db, source: source, keys: keys))
        }
        if indexed == stamp { return hits }
        try rebuild(principal, source: source)
        guard !keys.isEmpty else { return [] }
        return try database.read { db in try Self.hits(db, source: source, keys: keys) }
    }

    private static func hits(_ db: Database, source: String, keys: [String]) throws -> [Hit] {
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        var arguments: [(any DatabaseValueConvertible)?] = [source]
        arguments += keys.map { $0 as (any DatabaseValueConvertible)? }
        return try Row.fetchAll(db, sql: """
            SELECT org_id, table_name, column_name, value FROM value_index WHERE source = ? AND norm IN (\(marks))
            ORDER BY table_name, column_name, value
            """, arguments: StatementArguments(arguments)).compactMap { row in
            guard let org = OrgID(rawValue: row["org_id"]) else { return nil }
            return Hit(table: row["table_name"], column: row["column_name"], value: row["value"], orgID: org)
        }
    }

    /// Reads the source's values again and replaces what the index held for it.
    public func rebuild(_ principal: Principal, source: String) throws {
        let values = try engine.distinctTextValues(principal, source: source, maxDistinct: Self.maxDistinct, maxLength: Self.maxLength)
        let count = values.columns.reduce(0) { $0 + $1.values.count }
        try tenants.database(for: principal).write { db in
            try db.execute(sql: "DELETE FROM value_index_sources WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM value_index WHERE source = ?", arguments: [source])
            try db.execute(sql: """
                INSERT INTO value_index_sources (source, stamp, columns, "values", built_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [source, values.stamp, values.columns.count, count, clock.now()])
            let statement = try db.makeStatement(sql: "INSERT INTO value_index (source, table_name, column_name, value, norm) VALUES (?, ?, ?, ?, ?)")
            for column in values.columns {
                for value in column.values {
                    for key in ValueKey.keys(of: value) {
                        try statement.execute(arguments: [source, column.table, column.column, value, key])
                    }
                }
            }
        }
    }

    /// Forgets a source's values.
    public func remove(_ principal: Principal, source: String) throws {
        try tenants.database(for: principal).write { db in
            try db.execute(sql: "DELETE FROM value_index WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM value_index_sources WHERE source = ?", arguments: [source])
        }
    }
}
