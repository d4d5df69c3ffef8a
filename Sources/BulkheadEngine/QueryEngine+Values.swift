import BulkheadCore
import Dispatch

/// The distinct values of one text column of a source.
public struct ColumnValues: Sendable, Hashable {
    /// The table's name.
    public let table: String
    /// The column's name.
    public let column: String
    /// Every distinct non-null value (each at most the length limit).
    public let values: [String]
}

/// A source's text values, for the value index, with the facts its provenance needs.
public struct SourceValues: Sendable, Hashable {
    /// The org that owns the source, from the engine's ownership record (never the caller).
    public let owner: OrgID
    /// The version of the source's file the values were read from.
    public let stamp: String
    /// The columns whose values were all read.
    public let columns: [ColumnValues]
}

extension QueryEngine {
    /// The owner of one of the principal's sources, as the engine's ownership record has it.
    ///
    /// The context layer stamps a source's schema fragments with this org, so the firewall checks
    /// the engine's record against the caller rather than the caller against itself.
    public func owner(_ principal: Principal, source: String) throws -> OrgID {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            return try resolve(principal, source).owner
        } catch {
            throw failure(error, operation: "owner", principal: principal, started: started)
        }
    }

    /// How one of the principal's sources is opened (the SQL it speaks follows from it).
    public func kind(_ principal: Principal, source: String) throws -> SourceKind {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            return try resolve(principal, source).info.kind
        } catch {
            throw failure(error, operation: "kind", principal: principal, started: started)
        }
    }

    /// The version of a source's file right now (changes when the file is written or replaced).
    public func stamp(_ principal: Principal, source: String) throws -> String {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let record = try resolve(principal, source)
            if record.info.kind == .postgres { return try postgresStamp(principal, record, reference: source) }
            let target = try openTarget(record)
            return "\(target.stamp.identity):\(target.stamp.size):\(target.stamp.modifiedSeconds).\(target.stamp.modifiedNanoseconds)"
        } catch {
            throw failure(error, operation: "stamp", principal: principal, started: started)
        }
    }

    /// The distinct values of each low- or medium-cardinality text column of a source (at most
    /// `maxDistinct` values, each at most `maxLength` characters), read on one sandboxed
    /// connection with the statement limits, as introspection reads the schema. Columns with more
    /// values are left out: they name rows (emails, addresses), not things a question names.
    public func distinctTextValues(_ principal: Principal, source: String, maxDistinct: Int = 5_000,
                                   maxLength: Int = 80) throws -> SourceValues {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try rateLimiter.takeQuery(for: principal.orgID)
            let record = try resolve(principal, source)
            let schema = try self.schema(principal, source: source)
            if record.info.kind == .postgres {
                let columns = try postgresTextValues(principal, record, reference: source, schema: schema, maxDistinct: maxDistinct,
                                                     maxLength: maxLength)
                return SourceValues(owner: record.owner, stamp: try postgresStamp(principal, record, reference: source), columns: columns)
            }
            let (lease, target) = try lease(principal, record, reference: source)
            defer { lease.release() }
            var columns: [ColumnValues] = []
            let options = QueryOptions(timeLimit: 10, rowCap: maxDistinct + 1)
            for table in schema.tables where !table.isView {
                for column in table.columns where Self.isTextual(column.type) {
                    let name = SQLText.quoted(column.name)
                    let result = try lease.connection.execute("""
                        SELECT DISTINCT \(name) FROM \(SQLText.quoted(table.name))
                        WHERE \(name) IS NOT NULL AND typeof(\(name)) = 'text' AND length(\(name)) BETWEEN 1 AND \(maxLength)
                        LIMIT \(maxDistinct + 1)
                        """, options: options)
                    guard result.rows.count <= maxDistinct else { continue }
                    let values = result.rows.compactMap { row -> String? in
                        if case let .text(value) = row.first { return value }
                        return nil
                    }
                    if !values.isEmpty { columns.append(ColumnValues(table: table.name, column: column.name, values: values)) }
                }
            }
            logger.debug("distinct values", metadata: [
                "org": "\(principal.orgID)", "source": "\(record.info.id)", "columns": "\(columns.count)",
                "ms": "\(milliseconds(since: started))",
            ])
            let stamp = "\(target.stamp.identity):\(target.stamp.size):\(target.stamp.modifiedSeconds).\(target.stamp.modifiedNanoseconds)"
            return SourceValues(owner: record.owner, stamp: stamp, columns: columns)
        } catch {
            throw failure(error, operation: "values", principal: principal, started: started)
        }
    }

    private static func isTextual(_ type: String) -> Bool {
        let upper = type.uppercased()
        return upper.isEmpty || upper.contains("CHAR") || upper.contains("TEXT") || upper.contains("CLOB")
    }
}
