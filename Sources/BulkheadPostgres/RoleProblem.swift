/// Why a role may not serve tenants: each one would let the application's role step around row-level security.
public enum RoleProblem: String, Sendable, Hashable, CaseIterable {
    /// A superuser bypasses every policy.
    case superuser
    /// BYPASSRLS skips every policy.
    case bypassesRowSecurity
    /// It can act as (is a member of) a role that is a superuser or has BYPASSRLS.
    case canBecomeBypassingRole
    /// It owns (or can act as the owner of) Bulkhead's schema, tables, views or functions, so it could switch the policies off.
    case ownsSchemaObjects
    /// Bulkhead's schema is missing: run `bulkhead db migrate` first.
    case schemaMissing
    /// The schema is older than this build: run `bulkhead db migrate`.
    case schemaOutdated

    /// The sentence a person reads when a server refuses to start.
    public var message: String {
        switch self {
        case .superuser:
            return "the database role is a superuser; servers must connect as a role that owns nothing and cannot bypass row-level security"
        case .bypassesRowSecurity:
            return "the database role has BYPASSRLS; servers must connect as a role that cannot bypass row-level security"
        case .canBecomeBypassingRole:
            return "the database role can act as a superuser or BYPASSRLS role; revoke that membership from the server role"
        case .ownsSchemaObjects:
            return "the database role owns Bulkhead's tables (or can act as their owner); servers must connect as a role that owns nothing"
        case .schemaMissing:
            return "the database has no Bulkhead schema; run `bulkhead db migrate --owner-url URL` first"
        case .schemaOutdated:
            return "the database's Bulkhead schema is older than this build; run `bulkhead db migrate --owner-url URL`"
        }
    }
}
