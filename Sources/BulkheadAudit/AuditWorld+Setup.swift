import Foundation
import GRDB
@_spi(Testing) import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit
import BulkheadEngine
import BulkheadModels
import BulkheadStore
import BulkheadVectors

extension AuditWorld {
    /// The knobs of one audit run.
    public struct Options: Sendable {
        /// Test seams: switch one safeguard off to prove the patterns that target it fail.
        @_spi(Testing) public var ownerCheckEnabled = true
        @_spi(Testing) public var firewallEnabled = true
        @_spi(Testing) public var authorizationEnforced = true
        /// The `bulkhead` binary the SSH layer's server runs for each session (`bulkhead audit` passes itself).
        public var sessionExecutable: URL?

        /// Every safeguard on (the only setting outside tests).
        public init() {}
    }

    /// Scrypt parameters of the throwaway home.
    ///
    /// The audit attacks isolation logic, not hash strength, and makes a dozen accounts; the
    /// standard cost (N = 2^17) would spend seconds on hashes that prove nothing here.
    static let hasherParameters = PasswordHasher.Parameters(logN: 10, r: 8, p: 1)!

    /// Limits of the throwaway home: generous, so only the rate-limit patterns (which set tight
    /// limits on the flooding org) ever meet them.
    static let roomyLimits = RateLimits(queriesPerSecond: 100_000, queryBurst: 100_000, asksPerSecond: 10_000, askBurst: 10_000,
                                        maxConcurrentStatements: 8, maxOpenConnections: 64)

    /// Makes a temporary home with two filled orgs and a spare one, on the store of `target`.
    public static func make(options: Options = Options(), logs: LogCapture? = nil, target: AuditTarget = .sqlite) async throws -> AuditWorld {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("bulkhead-audit-\(UUID().uuidString.lowercased())", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let workspace = try Workspace(root: folder.appendingPathComponent("home", isDirectory: true))
            let injection = InjectionBox()
            var serviceOptions = Services.Options(hasherParameters: hasherParameters, rateLimits: roomyLimits)
            serviceOptions.ownerCheckEnabled = options.ownerCheckEnabled
            serviceOptions.firewallEnabled = options.firewallEnabled
            serviceOptions.authorizationEnforced = options.authorizationEnforced
            serviceOptions.contextTamper = { context in
                for fragment in injection.fragments(for: context.orgID) { context.append(fragment) }
            }
            let clock = SystemClock()
            let stores = try target.backend.open(workspace: workspace, clock: clock)
            let services = try Services(workspace: workspace, stores: stores, clock: clock, options: serviceOptions)
            // The audit's home is its own installation: it acts as the operator with the key its home was
            // given; on a store that had its operator already, with that installation's key.
            let homeKey = services.newOperatorKey.flatMap { try? String(contentsOf: $0, encoding: .utf8) }
            guard let keyText = homeKey ?? target.operatorKey else {
                stores.close()
                throw BulkheadError.operatorRequired
            }
            let operatorCredentials = CallerCredentials(operatorKey: keyText)
            let caller = try await services.requireOperator(operatorCredentials, action: "audit.setup")
            var raw: PostgresStore?
            if let url = target.postgresURL {
                let runtime = PostgresRuntime(name: "bulkhead.audit.postgres")
                raw = try runtime.wait { try await PostgresStore.open(url: url, runtime: runtime, maximumConnections: 2) }
            }
            let transcript = AuditTranscript()
            let run = randomHex(3)
            async let madeA = fill(.a, services: services, folder: folder, run: run, by: caller)
            async let madeB = fill(.b, services: services, folder: folder, run: run, by: caller)
            let (a, b) = try await (madeA, madeB)
            let spare = try await makeSpare(services: services, run: run, by: caller)
            return AuditWorld(services: services, folder: folder, a: a, b: b, spare: spare, operatorCredentials: operatorCredentials,
                              transcript: transcript, logs: logs, injection: injection, options: options, postgres: raw,
                              postgresURL: target.postgresURL, madeOrgs: [a.orgID, b.orgID, spare.orgID], caller: caller)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    private static func randomHex(_ count: Int = 4) -> String {
        SystemRandom().bytes(count: count).map { String(format: "%02x", $0) }.joined()
    }

    private static func password() -> String {
        "Audit-" + randomHex(10)
    }

    /// Creates one org and plants its canary in every kind of data.
    private static func fill(_ side: AuditSide, services: Services, folder: URL, run: String, by caller: OperatorPrincipal) async throws -> AuditTenant {
        let word = side == .a ? "acme" : "globex"
        let canary = "\(word.uppercased())-CANARY-\(randomHex())"
        let orgName = "\(word.capitalized) Audit \(randomHex(2))"
        let org = try services.createOrganization(name: orgName, by: caller)
        // Addresses unique to the run: on a shared PostgreSQL store an earlier audit's accounts must not be reused.
        let domain = "\(word)-audit-\(run).test"
        let adminEmail = "admin@\(domain)", memberEmail = "member@\(domain)", lockEmail = "locked@\(domain)"
        let adminPassword = password(), memberPassword = password(), lockPassword = password()
        _ = try services.auth.addUser(email: adminEmail, org: org, role: .admin, initialPassword: adminPassword, by: caller)
        _ = try services.auth.addUser(email: memberEmail, org: org, role: .member, initialPassword: memberPassword, by: caller)
        _ = try services.auth.addUser(email: lockEmail, org: org, role: .member, initialPassword: lockPassword, by: caller)
        let adminLogin = try await services.auth.login(email: adminEmail, password: adminPassword)
        let memberLogin = try await services.auth.login(email: memberEmail, password: memberPassword)
        let admin = adminLogin.principal

        let root = folder.appendingPathComponent("\(word)-sources", isDirectory: true)
        let scratch = folder.appendingPathComponent("\(word)-scratch", isDirectory: true)
        for url in [root, scratch] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try services.engine.grantFolder(root.path, to: org, by: caller)

        let sharedFile = root.appendingPathComponent("sales.sqlite")
        try writeSales(to: sharedFile, canary: canary)
        let shared = try await services.addSource(admin, name: "sales", path: sharedFile.path)
        let privateFile = root.appendingPathComponent("private.sqlite")
        try writeTable(to: privateFile, table: "\(word)_secrets", canary: canary)
        let privateName = "\(word)-private"
        let privateSource = try await services.addSource(admin, name: privateName, path: privateFile.path)
        let area = try services.workspace.makeOrgArea(for: org)
        let vaultFile = area.appendingPathComponent("vault.sqlite")
        try writeTable(to: vaultFile, table: "vault", canary: canary)
        let packaged = try services.engine.addPackagedSource(admin, name: "vault", path: vaultFile)
        let csvFile = root.appendingPathComponent("ledger.csv")
        try Data("id,memo,amount\n1,\(canary) ledger,10\n2,plain entry,20\n3,\(canary) refund,-5\n".utf8).write(to: csvFile)
        let csv = try await services.addSource(admin, name: "ledger", path: csvFile.path, kind: .csv)

        var notes: [String] = []
        for text in ["Revenue counts paid orders only (\(canary)).", "Internal codename \(canary); never share it."] {
            notes.append(try await services.notes.add(admin, text: text))
        }
        var examples: [String] = []
        examples.append(try await services.assistant.addExample(
            admin, question: "how many customers are there", sql: "SELECT count(*) FROM customers", source: "sales"))
        examples.append(try await services.assistant.addExample(
            admin, question: "which customer is the canary \(canary)",
            sql: "SELECT name FROM customers WHERE name LIKE '%\(canary)%'", source: "sales"))

        let conversation = try services.conversations.start(admin)
        let first = try await services.assistant.ask(admin, question: "how many customers are there", source: "sales",
                                                     conversation: conversation)
        let second = try await services.assistant.ask(admin, question: "how many orders are there", source: "sales")
        try services.conversations.append(admin, conversation, requestID: first.requestID,
                                          turn: Turn(question: "who is \(canary)?", sql: nil, summary: "the canary \(canary)"))
        if let example = try await services.assistant.feedback(admin, requestID: second.requestID.rawValue, good: true,
                                                                correctedSQL: "SELECT count(*) AS \"\(word)_count\" FROM customers") {
            examples.append(example)
        }

        let sharedCollection = "audit-vectors", privateCollection = "\(word)-vectors"
        let embedder = AuditWorld.embedder
        try services.vectors.createCollection(admin, name: sharedCollection, embedder: embedder)
        try services.vectors.createCollection(admin, name: privateCollection, embedder: embedder)
        let vectorIDs = (1...4).map { "\(word)-item-\($0)" }
        var items = vectorIDs.map { VectorItem(id: $0, text: "\(canary) memo \($0) about quarterly revenue",
                                                metadata: ["owner": canary, "source": privateName]) }
        items.append(VectorItem(id: "identical-1", text: "quarterly revenue summary", metadata: ["owner": canary]))
        try await services.vectors.add(admin, collection: sharedCollection, items: items, embedder: embedder)
        try await services.vectors.add(admin, collection: privateCollection, items: items, embedder: embedder)

        try services.backups.backup(admin, named: "\(word).backup")
        let backupFile = services.backups.area.folder(for: org).appendingPathComponent("\(word).backup")

        return AuditTenant(
            side: side, orgID: org, orgName: orgName, canary: canary,
            adminEmail: adminEmail, adminPassword: adminPassword, admin: admin, adminToken: adminLogin.token,
            memberEmail: memberEmail, memberPassword: memberPassword, member: memberLogin.principal, memberToken: memberLogin.token,
            lockEmail: lockEmail, lockPassword: lockPassword, root: root, scratch: scratch,
            sharedName: "sales", sharedID: shared.source.id, sharedFile: sharedFile,
            privateName: privateName, privateID: privateSource.source.id, privateFile: privateFile,
            packagedName: "vault", packagedID: packaged.source.id, csvName: "ledger", csvID: csv.source.id,
            noteIDs: notes, exampleIDs: examples, conversation: conversation, requestIDs: [first.requestID, second.requestID],
            backupFile: backupFile, sharedCollection: sharedCollection, privateCollection: privateCollection,
            vectorIDs: vectorIDs, identicalItemID: "identical-1")
    }

    /// The spare org: an admin and a stamped file, nothing else.
    private static func makeSpare(services: Services, run: String, by caller: OperatorPrincipal) async throws -> SpareOrg {
        let name = "Spare Audit \(randomHex(2))"
        let org = try services.createOrganization(name: name, by: caller)
        let email = "admin@spare-audit-\(run).test", secret = password()
        _ = try services.auth.addUser(email: email, org: org, role: .admin, initialPassword: secret, by: caller)
        let login = try await services.auth.login(email: email, password: secret)
        return SpareOrg(orgID: org, admin: login.principal, adminToken: login.token)
    }

    /// A small sales database: the same table names in both orgs, the org's canary in some rows.
    private static func writeSales(to url: URL, canary: String) throws {
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL, note TEXT);
                CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
                    status TEXT NOT NULL, total REAL NOT NULL);
                CREATE INDEX customers_city ON customers(city);
                """)
            let cities = ["Lisbon", "Osaka", "Lagos", "Lyon"]
            for id in 1...24 {
                let name = id % 6 == 1 ? "Canary \(canary) \(id)" : "Customer \(id)"
                try db.execute(sql: "INSERT INTO customers (id, name, city, note) VALUES (?, ?, ?, ?)",
                               arguments: [id, name, cities[id % cities.count], id % 4 == 0 ? canary : nil])
                try db.execute(sql: "INSERT INTO orders (customer_id, status, total) VALUES (?, ?, ?)",
                               arguments: [id, id % 3 == 0 ? "refunded" : "paid", Double(id) * 12.5])
            }
        }
        try queue.close()
    }

    /// A one-table database whose rows carry the canary.
    private static func writeTable(to url: URL, table: String, canary: String) throws {
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE \(table) (id INTEGER PRIMARY KEY, code TEXT NOT NULL)")
            for id in 1...5 {
                try db.execute(sql: "INSERT INTO \(table) (id, code) VALUES (?, ?)", arguments: [id, "\(canary)-\(id)"])
            }
        }
        try queue.close()
    }
}
