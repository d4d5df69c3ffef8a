import BulkheadCore
import Foundation

/// The store implementations a process uses, chosen once at start: the SQLite files of the
/// home, or one PostgreSQL database under row-level security. Services receive this bundle and
/// never ask which it is.
public struct Stores: Sendable {
    /// The control plane.
    public let control: any ControlStore
    /// Where each org's tenant data lives, made and removed with the org.
    public let tenants: any TenantSpaces
    /// The orgs' catalogs of sources.
    public let sources: any SourceCatalogStore
    /// The rows behind the orgs' vector collections.
    public let vectors: any VectorRowStore
    /// An org's tenant data to and from a backup's payload.
    public let archive: any TenantArchive
    /// The assistant's and the context's rows, topic by topic.
    public let notes: any NoteStore
    public let examples: any ExampleStore
    public let conversations: any ConversationStore
    public let requests: any RequestLogStore
    public let settings: any SettingsStore
    public let values: any ValueIndexStore
    public let evals: any EvalRunStore
    public let provenance: any ProvenanceStore
    /// How one request's store calls share a transaction (PostgreSQL) or nothing (SQLite).
    public let scopes: any RequestScopes
    /// Per-org rate limits, connection and session caps, shared by every process on the store.
    public let limits: any SharedLimits
    /// The SQLite tenant files, when the stores are SQLite: the only door for maintenance and the
    /// audit's attacks on the files themselves. Services never use it.
    public let files: TenantDatabases?
    /// Closes the store's connections (a no-op for SQLite).
    public let close: @Sendable () -> Void

    public init(control: any ControlStore, tenants: any TenantSpaces, sources: any SourceCatalogStore, vectors: any VectorRowStore,
                archive: any TenantArchive,
                rows: any NoteStore & ExampleStore & ConversationStore & RequestLogStore & SettingsStore & ValueIndexStore & EvalRunStore
                    & ProvenanceStore,
                limits: any SharedLimits, files: TenantDatabases?, scopes: any RequestScopes = UnsharedRequestScopes(),
                close: @escaping @Sendable () -> Void) {
        self.control = control
        self.tenants = tenants
        self.sources = sources
        self.vectors = vectors
        self.archive = archive
        notes = rows
        examples = rows
        conversations = rows
        requests = rows
        settings = rows
        values = rows
        evals = rows
        provenance = rows
        self.limits = limits
        self.files = files
        self.scopes = scopes
        self.close = close
    }

    /// The SQLite stores of `workspace`: `control.db` and one file per org under `tenants/`.
    public static func sqlite(workspace: Workspace, clock: any Clock) throws -> Stores {
        let control = try ControlDatabase(workspace: workspace, clock: clock)
        let files = TenantDatabases(workspace: workspace, events: control, clock: clock)
        return Stores(control: control, tenants: SQLiteTenantSpaces(files: files), sources: SQLiteSourceCatalog(tenants: files),
                      vectors: SQLiteVectorRows(tenants: files), archive: SQLiteTenantArchive(files: files),
                      rows: SQLiteTenantRows(tenants: files), limits: try ControlPlaneLimits(control: control), files: files, close: {})
    }
}

/// Where each org's tenant data lives.
public protocol TenantSpaces: Sendable {
    /// Makes (and stamps) the tenant data of a new org. - Throws: `conflict` when it exists.
    func create(org: OrgID) throws
    /// Removes every row of the org's tenant data (the operator deletes the org).
    func remove(org: OrgID) throws
}

/// One stamped SQLite file per org.
struct SQLiteTenantSpaces: TenantSpaces {
    let files: TenantDatabases

    func create(org: OrgID) throws {
        _ = try files.create(org: org)
    }

    func remove(org: OrgID) throws {
        files.evict(org: org)
        let file = files.workspace.tenantDatabaseURL(for: org)
        for suffix in ["", "-wal", "-shm"] { unlink(file.path + suffix) }
    }
}
