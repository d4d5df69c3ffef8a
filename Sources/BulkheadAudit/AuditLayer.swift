/// The layer an attack pattern targets; the console's matrix has one row per layer.
public enum AuditLayer: String, Sendable, CaseIterable, Codable, Hashable {
    case auth
    case authorization
    case tenantData = "tenant-data"
    case engine
    case vectors
    case context
    case logsAndErrors = "logs-errors"
    case rateLimits = "rate-limits"
    /// PostgreSQL only: row-level security attacked below the application.
    case rowSecurity = "rls"
    case ssh

    /// The label shown in reports.
    public var title: String {
        switch self {
        case .auth: return "authentication"
        case .authorization: return "authorization"
        case .tenantData: return "tenant data"
        case .engine: return "connections and queries"
        case .vectors: return "vectors"
        case .context: return "AI context"
        case .logsAndErrors: return "logs and errors"
        case .rateLimits: return "rate limits"
        case .rowSecurity: return "row-level security"
        case .ssh: return "SSH access"
        }
    }
}
