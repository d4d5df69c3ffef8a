import BulkheadCore

extension TenantSchema {
    /// The engine's tables: the org's sources and the folders they may live in. Owned by the engine.
    static func engineMigrations(_ org: OrgID) -> [TenantMigration] { [] }
}
