import BulkheadCore
import Foundation

/// A value of a source's column that a question's words spell, with the org stamped on its row.
public struct StoredValueHit: Sendable, Hashable {
    public let table: String
    public let column: String
    public let value: String
    public let orgID: OrgID

    public init(table: String, column: String, value: String, orgID: OrgID) {
        self.table = table
        self.column = column
        self.value = value
        self.orgID = orgID
    }
}

/// One value to index: where it is, the value, and each normalized key it is found by.
public struct IndexedValue: Sendable, Hashable {
    public let table: String
    public let column: String
    public let value: String
    public let keys: [String]

    public init(table: String, column: String, value: String, keys: [String]) {
        self.table = table
        self.column = column
        self.value = value
        self.keys = keys
    }
}

/// The distinct values of each source's text columns (the value index).
public protocol ValueIndexStore: Sendable {
    /// In one read: the stamp the source was indexed at, and (when it is `stamp`) the values found by `keys`.
    func lookupValues(_ principal: Principal, source: String, stamp: String, keys: [String]) throws
        -> (indexed: String?, hits: [StoredValueHit])
    /// Replaces what the index holds for `source`, in one transaction.
    func replaceValues(_ principal: Principal, source: String, stamp: String, columns: Int, values: [IndexedValue], at: Date) throws
    func removeValues(_ principal: Principal, source: String) throws
}

/// An evaluation run as stored.
public struct StoredEvalRun: Sendable, Hashable {
    public let id: String
    public let name: String
    public let source: String
    public let provider: String
    public let model: String
    public let total: Int
    public let correct: Int
    /// Per-level tallies as JSON.
    public let levels: String
    public let createdBy: String
    public let createdAt: Date

    public init(id: String, name: String, source: String, provider: String, model: String, total: Int, correct: Int, levels: String,
                createdBy: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.source = source
        self.provider = provider
        self.model = model
        self.total = total
        self.correct = correct
        self.levels = levels
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// The org's evaluation runs.
public protocol EvalRunStore: Sendable {
    func insertEvalRun(_ principal: Principal, _ run: StoredEvalRun) throws
    /// The newest run of `name` over `source`.
    func lastEvalRun(_ principal: Principal, name: String, source: String) throws -> StoredEvalRun?
}

/// The rows a prompt fragment is made of, read with the org each row carries, so a fragment's
/// provenance is what the data says (the context firewall then checks it).
public protocol ProvenanceStore: Sendable {
    /// The org the principal's tenant data is stamped with.
    func stampedOrg(_ principal: Principal) throws -> OrgID
    /// In one read: the notes with these ids, and the org of each vector item with these ids in `collection`.
    func notesWithVectors(_ principal: Principal, ids: [String], collection: String) throws
        -> (notes: [String: StoredNote], vectorOrgs: [String: OrgID])
    /// In one read: the examples with these ids, and the org of each vector item with these ids in `collection`.
    func examplesWithVectors(_ principal: Principal, ids: [String], collection: String) throws
        -> (examples: [String: StoredExample], vectorOrgs: [String: OrgID])
}
