import Foundation
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
    /// Values per column at most for the columns that name rows (a `name`, a `title`): people ask
    /// for a director or a film by name, and a people table easily holds more than `maxDistinct`.
    public static let maxDistinctNames = 50_000

    private let engine: QueryEngine
    private let store: any ValueIndexStore
    private let clock: any Clock

    public init(engine: QueryEngine, store: any ValueIndexStore, clock: any Clock) {
        self.engine = engine
        self.store = store
        self.clock = clock
    }

    /// The stored values of `source` that a run of the question's words spell, indexing the
    /// source first when it is not indexed or its file changed.
    public func lookup(_ principal: Principal, source: String, question: String) throws -> [Hit] {
        let stamp = try engine.stamp(principal, source: source)
        let keys = Array(ValueKey.phrases(in: question))
        // One read: the index's stamp, and the hits when the stamp is current.
        let (indexed, hits) = try store.lookupValues(principal, source: source, stamp: stamp, keys: keys)
        if indexed != stamp {
            try rebuild(principal, source: source)
            guard !keys.isEmpty else { return [] }
            return try store.lookupValues(principal, source: source, stamp: stamp, keys: keys).hits.map(Self.hit)
        }
        return hits.map(Self.hit)
    }

    private static func hit(_ stored: StoredValueHit) -> Hit {
        Hit(table: stored.table, column: stored.column, value: stored.value, orgID: stored.orgID)
    }

    /// Reads the source's values again and replaces what the index held for it.
    public func rebuild(_ principal: Principal, source: String) throws {
        let values = try engine.distinctTextValues(principal, source: source, maxDistinct: Self.maxDistinctNames, maxLength: Self.maxLength)
        let columns = values.columns.filter { $0.values.count <= Self.maxDistinct || Self.namesRows($0.column) }
        let indexed = columns.flatMap { column in
            column.values.map { IndexedValue(table: column.table, column: column.column, value: $0, keys: Array(ValueKey.keys(of: $0))) }
        }
        try store.replaceValues(principal, source: source, stamp: values.stamp, columns: columns.count, values: indexed, at: clock.now())
    }

    /// Whether a column's name says it names its rows (`name`, `FullName`, `title`, `album_title`).
    static func namesRows(_ column: String) -> Bool {
        let lower = column.lowercased()
        return lower.hasSuffix("name") || lower.hasSuffix("title")
    }

    /// Forgets a source's values.
    public func remove(_ principal: Principal, source: String) throws {
        try store.removeValues(principal, source: source)
    }
}
