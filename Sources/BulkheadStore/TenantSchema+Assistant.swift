import BulkheadCore

extension TenantSchema {
    /// The assistant's tables: conversations, examples and the request log the inspector reads.
    static func assistantMigrations(_ org: OrgID) -> [TenantMigration] { [] }
}
