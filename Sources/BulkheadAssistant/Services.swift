import Foundation
@_spi(Testing) import BulkheadAuth
import BulkheadContext
import BulkheadCore
@_spi(Testing) import BulkheadEngine
import BulkheadModels
@_spi(Testing) import BulkheadStore
import BulkheadVectors

/// Every service of one Bulkhead home, wired once and shared by all tenants of the process.
///
/// The command line makes one per invocation (each SSH session's console is such a process); the
/// console, `bulkhead serve` and the audit keep one for many tenants. Nothing here holds tenant data: each service reaches an org's
/// data through the principal it is given.
public final class Services: Sendable {
    /// Knobs that differ between a real home, tests and the audit's throwaway home.
    public struct Options: Sendable {
        /// The scrypt cost of new password hashes.
        public var hasherParameters: PasswordHasher.Parameters
        /// Per-org rate and concurrency limits.
        public var rateLimits: RateLimits
        /// The context budget and retrieval sizes.
        public var contextLimits: ContextBuilder.Limits
        /// Test seams: switching a safeguard off proves the audit can fail. Never off in a real home.
        @_spi(Testing) public var ownerCheckEnabled = true
        @_spi(Testing) public var firewallEnabled = true
        /// Test seam: with it off, operator keys, admin roles, org scope, folder-grant rules, backup
        /// names and backup authentication go unchecked, as before the authorization layer existed.
        @_spi(Testing) public var authorizationEnforced = true
        /// Test seam: a provider that replaces every org's model choice (a loopback fake).
        @_spi(Testing) public var modelOverride: (any ModelProvider)?
        /// Test seam: alters each built context before the firewall (to inject a foreign fragment).
        @_spi(Testing) public var contextTamper: (@Sendable (inout PromptContext) -> Void)?

        public init(hasherParameters: PasswordHasher.Parameters = .standard, rateLimits: RateLimits = RateLimits(),
                    contextLimits: ContextBuilder.Limits = ContextBuilder.Limits()) {
            self.hasherParameters = hasherParameters
            self.rateLimits = rateLimits
            self.contextLimits = contextLimits
        }
    }

    public let workspace: Workspace
    /// The store implementations this process runs on (SQLite files or PostgreSQL), chosen once at start.
    public let stores: Stores
    public let clock: any Clock
    public let random: any RandomSource
    public let control: any ControlStore
    public let grants: FolderGrants
    public let auth: AuthService
    public let backups: TenantBackup
    public let engine: QueryEngine
    public let vectors: VectorStore
    public let knowledge: KnowledgeIndex
    public let conversations: Conversations
    public let requestLog: RequestLog
    public let notes: NoteService
    public let secrets: SealedSecrets
    public let models: ModelSettings
    /// Each org's embedder for its knowledge.
    public let embedders: EmbedderSettings
    public let firewall: ContextFirewall
    public let assistant: Assistant
    /// False only in tests proving the audit notices (see `Options.authorizationEnforced`).
    let authorizationEnforced: Bool
    /// Where this open of the home wrote a new operator key (the home had no operator), or nil.
    public let newOperatorKey: URL?

    /// Opens every service over `workspace` and its SQLite files.
    public convenience init(workspace: Workspace, clock: any Clock = SystemClock(), random: any RandomSource = SystemRandom(),
                            options: Options = Options()) throws {
        try self.init(workspace: workspace, stores: try .sqlite(workspace: workspace, clock: clock), clock: clock, random: random,
                      options: options)
    }

    /// Opens every service over `workspace` (keys, backups, source files) and `stores` (the data).
    public init(workspace: Workspace, stores: Stores, clock: any Clock = SystemClock(), random: any RandomSource = SystemRandom(),
                options: Options = Options()) throws {
        self.workspace = workspace
        self.stores = stores
        self.clock = clock
        self.random = random
        control = stores.control
        grants = FolderGrants(control: control, clock: clock)
        auth = try AuthService(workspace: workspace, control: control, clock: clock, random: random,
                               hasherParameters: options.hasherParameters, tokenLifetime: 8 * 3600,
                               lockoutPolicy: .standard, enforcing: options.authorizationEnforced)
        newOperatorKey = try auth.ensureOperator()
        backups = try TenantBackup(archive: stores.archive, workspace: workspace, events: control, clock: clock,
                                   authenticate: options.authorizationEnforced)
        engine = try QueryEngine(workspace: workspace, sources: stores.sources, control: control,
                                 limits: options.rateLimits, sharedLimits: stores.limits, clock: clock, random: random)
        engine.ownerCheckEnabled = options.ownerCheckEnabled
        engine.grantPolicyEnforced = options.authorizationEnforced
        vectors = VectorStore(rows: stores.vectors, clock: clock)
        secrets = SealedSecrets(workspace: workspace, random: random)
        embedders = EmbedderSettings(settings: stores.settings, secrets: secrets)
        knowledge = KnowledgeIndex(vectors: vectors, settings: embedders)
        conversations = Conversations(store: stores.conversations, clock: clock, random: random)
        requestLog = RequestLog(store: stores.requests)
        notes = NoteService(store: stores.notes, knowledge: knowledge, clock: clock, random: random)
        models = ModelSettings(settings: stores.settings, secrets: secrets, override: options.modelOverride)
        firewall = ContextFirewall(events: control, enabled: options.firewallEnabled)
        let builder = ContextBuilder(engine: engine, knowledge: knowledge, conversations: conversations, stores: stores, clock: clock,
                                     limits: options.contextLimits)
        assistant = Assistant(engine: engine, builder: builder, firewall: firewall, log: requestLog,
                              conversations: conversations, knowledge: knowledge, models: models,
                              stores: stores, clock: clock, random: random, firstPage: 200,
                              contextTamper: options.contextTamper)
        authorizationEnforced = options.authorizationEnforced
    }

    /// Verifies a session token; the only way a caller becomes a principal.
    public func verify(token: String) async throws -> Principal {
        try await auth.verify(token: token)
    }

    /// Creates an organization (the operator only): its control-plane record and its own stamped database.
    @discardableResult
    public func createOrganization(name: String, by caller: OperatorPrincipal) throws -> OrgID {
        let org = try auth.createOrganization(name: name, by: caller)
        try stores.tenants.create(org: org)
        return org
    }

    /// Deletes an organization (the operator only): its control-plane records, its tenant file, its
    /// area of the home, its backups and its claims on source files.
    public func deleteOrganization(_ org: OrgID, by caller: OperatorPrincipal) throws {
        try stores.tenants.remove(org: org)
        engine.forget(org: org)
        try? FileManager.default.removeItem(at: workspace.orgAreaURL(for: org))
        backups.area.removeAll(org: org)
        try auth.deleteOrganization(org, by: caller)
    }

    /// Connects a source and indexes its tables for retrieval.
    @discardableResult
    public func addSource(_ principal: Principal, name: String, path: String, kind: SourceKind = .sqlite) async throws -> SourceAdded {
        let added = try engine.addSource(principal, name: name, path: path, kind: kind)
        try await knowledge.indexSource(principal, source: added.source.name, schema: engine.schema(principal, source: added.source.name))
        return added
    }

    /// Disconnects a source and removes its vectors.
    public func removeSource(_ principal: Principal, name: String) throws {
        try engine.removeSource(principal, name)
        try knowledge.removeSource(principal, source: name)
        try ValueIndex(engine: engine, store: stores.values, clock: clock).remove(principal, source: name)
    }
}
