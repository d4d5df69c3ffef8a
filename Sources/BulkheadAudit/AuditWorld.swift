import Foundation
import Synchronization
import BulkheadAssistant
import BulkheadContext
import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit
import BulkheadStore

/// The throwaway installation an audit attacks: one `Services` object serving two orgs, as a
/// shared server would, plus a spare org that destructive patterns may damage.
///
/// It lives in a temporary folder (the home, each org's allowed folder and scratch files), never
/// in the user's data, and `tearDown()` removes all of it.
public final class AuditWorld: Sendable {
    /// The one service container every attack goes through.
    public let services: Services
    /// The temporary folder holding the home and the orgs' folders.
    public let folder: URL
    let a: AuditTenant
    let b: AuditTenant
    /// A third org for attacks that overwrite or swap a tenant file; nothing else depends on it.
    let spare: SpareOrg
    /// The throwaway installation's operator key, for the patterns where the operator is careless.
    let operatorCredentials: CallerCredentials
    /// What each side saw.
    public let transcript: AuditTranscript
    /// The captured log lines, when the process installed a capture.
    public let logs: LogCapture?
    /// Fragments the audit's context seam injects into the next prompt (the firewall trip).
    let injection: InjectionBox
    /// On PostgreSQL: the store connected as the server role, for the attacks below the services.
    let postgres: PostgresStore?
    /// On PostgreSQL: where the store is, as the server role (for attacks that need a connection of their own).
    let postgresURL: PostgresURL?
    /// The orgs this audit made, removed at the end (on PostgreSQL, where they live in a shared database).
    let madeOrgs: Mutex<[OrgID]>
    /// The operator the audit acts as.
    let caller: OperatorPrincipal
    /// The running pattern's evidence, filled by the shared expectation helpers.
    let evidence = EvidenceRecorder()
    /// The knobs of this run.
    let options: Options
    /// The SSH server of the SSH layer, once started.
    let sshBox = Mutex<AuditSSH?>(nil)

    init(services: Services, folder: URL, a: AuditTenant, b: AuditTenant, spare: SpareOrg, operatorCredentials: CallerCredentials,
         transcript: AuditTranscript, logs: LogCapture?, injection: InjectionBox, options: Options, postgres: PostgresStore?,
         postgresURL: PostgresURL?, madeOrgs: [OrgID], caller: OperatorPrincipal) {
        self.options = options
        self.postgres = postgres
        self.postgresURL = postgresURL
        self.madeOrgs = Mutex(madeOrgs)
        self.caller = caller
        self.operatorCredentials = operatorCredentials
        self.services = services
        self.folder = folder
        self.a = a
        self.b = b
        self.spare = spare
        self.transcript = transcript
        self.logs = logs
        self.injection = injection
    }

    /// The org on `side`.
    func tenant(_ side: AuditSide) -> AuditTenant { side == .a ? a : b }

    /// The org `attacker` attacks.
    func victim(of attacker: AuditTenant) -> AuditTenant { tenant(attacker.side.other) }

    /// The SQLite tenant files, for the patterns that attack the files themselves; fails on a
    /// store without them (those patterns attack PostgreSQL's rows through `AuditStore` instead).
    func files() throws -> TenantDatabases {
        guard let files = services.stores.files else { throw AuditBreach("this store keeps no tenant files") }
        return files
    }

    /// The home folder of the throwaway installation.
    var home: URL { services.workspace.root }

    /// Removes the orgs the audit made (from a PostgreSQL store), closes the stores, and removes the temporary folder.
    public func tearDown() {
        if postgres != nil {
            for org in madeOrgs.withLock({ $0 }) { try? services.deleteOrganization(org, by: caller) }
        }
        postgres?.close()
        services.stores.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Notes an org made by a pattern, so the end of the audit removes it.
    func noteMade(_ org: OrgID) {
        madeOrgs.withLock { $0.append(org) }
    }
}

/// The spare org: its id, its admin, and the admin's token.
struct SpareOrg: Sendable {
    let orgID: OrgID
    let admin: Principal
    let adminToken: String
}

/// The fragments the audit's context seam hands to the builder, armed by one pattern at a time.
final class InjectionBox: Sendable {
    private let armed = Mutex<[OrgID: [ContextFragment]]>([:])

    /// Arms `fragments` for the next contexts built for `org`.
    func arm(_ fragments: [ContextFragment], for org: OrgID) {
        armed.withLock { $0[org] = fragments }
    }

    /// Disarms every injection.
    func disarm() {
        armed.withLock { $0.removeAll() }
    }

    /// The fragments to inject into a context built for `org` (the tamper closure given to `Services.Options`).
    func fragments(for org: OrgID) -> [ContextFragment] {
        armed.withLock { $0[org] ?? [] }
    }
}
