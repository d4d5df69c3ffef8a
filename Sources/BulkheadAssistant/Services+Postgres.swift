import BulkheadCore
import BulkheadEngine

extension Services {
    /// Connects a PostgreSQL database of the principal's org (admins) and indexes its tables for retrieval.
    @discardableResult
    public func addPostgresSource(_ principal: Principal, name: String, url: String, password: String) async throws -> SourceAdded {
        let added = try engine.addPostgresSource(principal, name: name, url: url, password: password)
        try await knowledge.indexSource(principal, source: added.source.name, schema: engine.schema(principal, source: added.source.name))
        return added
    }
}
