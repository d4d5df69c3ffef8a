import BulkheadCore

extension TenantSchema {
    /// The vector store's tables: collections and their items. Owned by the vector store.
    static func vectorsMigrations(_ org: OrgID) -> [TenantMigration] { [] }
}
