import Foundation
import BulkheadContext
import BulkheadCore

extension Services {
    /// Switches the org's embedder (admins only) and re-embeds its knowledge with it: every table
    /// description of every source, every note, every approved example. `progress` hears
    /// (done, total) as items are embedded again.
    ///
    /// The collections are made anew, because vectors of two embedders never mix in one.
    public func setEmbedder(_ principal: Principal, choice: EmbedderSettings.Choice, apiKey: String?,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) async throws {
        try principal.requireAdmin()
        try embedders.set(principal, choice: choice, apiKey: apiKey)
        // Fail before dropping anything when the new embedder cannot embed.
        let embedder = try embedders.embedder(for: principal)
        do {
            _ = try await embedder.embed(["bulkhead embedder check"])
        } catch {
            throw BulkheadError.safe(error, code: "embedder-check")
        }
        try await reembed(principal, progress: progress)
    }

    /// Embeds the org's knowledge again with its current embedder.
    public func reembed(_ principal: Principal, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws {
        try principal.requireAdmin()
        let sources = try engine.listSources(principal)
        let notes = try stores.notes.notes(principal)
        let examples = try stores.examples.examples(principal, status: "approved", createdBy: nil)
        let total = sources.count + notes.count + examples.count
        var done = 0
        progress?(done, total)
        try knowledge.dropAll(principal)
        for source in sources {
            try await knowledge.indexSource(principal, source: source.name, schema: engine.schema(principal, source: source.name))
            done += 1
            progress?(done, total)
        }
        for note in notes {
            try await knowledge.indexNote(principal, id: note.id, text: note.text)
            done += 1
            progress?(done, total)
        }
        for example in examples {
            try await knowledge.indexExample(principal, id: example.id, question: example.question, sql: example.sql,
                                             source: example.source ?? "", sharedFrom: example.sharedFromOrg)
            done += 1
            progress?(done, total)
        }
    }
}
