import Foundation
import BulkheadContext
import BulkheadCore
import BulkheadStore

/// The org's business notes: stored in the org's database and indexed for retrieval.
public struct NoteService: Sendable {
    /// One note as `note list` shows it.
    public struct Note: Sendable, Hashable {
        public let id: String
        public let text: String
        public let createdAt: Date
    }

    private let store: any NoteStore
    private let knowledge: KnowledgeIndex
    private let clock: any Clock
    private let random: any RandomSource

    public init(store: any NoteStore, knowledge: KnowledgeIndex, clock: any Clock, random: any RandomSource) {
        self.store = store
        self.knowledge = knowledge
        self.clock = clock
        self.random = random
    }

    /// Adds a note to the principal's org and indexes it.
    @discardableResult
    public func add(_ principal: Principal, text: String) async throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 8_000 else {
            throw BulkheadError.invalidInput("a note must be 1 to 8000 characters")
        }
        let id = RequestID.random(prefix: "note", using: random).rawValue
        try store.insertNote(principal, id: id, text: trimmed, at: clock.now())
        try await knowledge.indexNote(principal, id: id, text: trimmed)
        return id
    }

    /// The principal's org's notes, oldest first.
    public func list(_ principal: Principal) throws -> [Note] {
        try store.notes(principal).map { Note(id: $0.id, text: $0.text, createdAt: $0.createdAt) }
    }
}
