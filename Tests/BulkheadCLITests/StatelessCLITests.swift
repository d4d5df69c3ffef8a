import BulkheadTestBackends
import Foundation
import Testing

/// Stateless servers: two `bulkhead` processes with homes of their own (sharing only the
/// installation's keys, as two servers would) on one PostgreSQL store, each serving both orgs.
@Suite(.serialized) struct StatelessCLITests {
    /// The two processes' homes and everything they share.
    struct TwoServers {
        let first: CLI
        let second: CLI
        let data: URL
        let database: StoreDatabase
        let operatorKey: String

        /// Both homes, with the first's keys copied into the second.
        static func make() throws -> TwoServers {
            let database = try StoreTemplate.shared().makeDatabase()
            let url = database.serverURL
            let environment = ["BULKHEAD_STORE": url.description, "BULKHEAD_STORE_PASSWORD": url.password ?? ""]
            var first = CLI.freshHome("stateless-1"), second = CLI.freshHome("stateless-2")
            first.environment = environment
            second.environment = environment
            let data = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-stateless-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: data.appendingPathComponent("acme"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: data.appendingPathComponent("globex"), withIntermediateDirectories: true)
            // The first command on a fresh store makes the installation's operator, with its key in the first home.
            let created = try first.run(["admin", "org", "list", "--json"])
            #expect(created.status == 3, "\(created.stderr)")
            let key = first.home.appendingPathComponent("operator.key").path
            try FileManager.default.createDirectory(at: second.home, withIntermediateDirectories: true)
            for name in ["signing-ed25519.key", "secrets.key", "backup-hmac.key"] {
                let source = first.home.appendingPathComponent(name), target = second.home.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: source.path) {
                    try FileManager.default.copyItem(at: source, to: target)
                    chmod(target.path, 0o600)
                }
            }
            return TwoServers(first: first, second: second, data: data, database: database, operatorKey: key)
        }

        func remove() {
            first.removeHome()
            second.removeHome()
            try? FileManager.default.removeItem(at: data)
            database.drop()
        }
    }

    /// Acme (Ada) and Globex (Gus), each with the Chinook copy as source `music`, made through both
    /// servers; returns each admin's token environment.
    static func twoOrgs(_ servers: TwoServers) throws -> (ada: [String: String], gus: [String: String]) {
        let (first, second, key) = (servers.first, servers.second, servers.operatorKey)
        for (org, email, password) in [("Acme", "ada@acme.test", "ada's long password"), ("Globex", "gus@globex.test", "gus's long password")] {
            #expect(try first.run(["admin", "org", "create", org, "--operator-key", key]).status == 0)
            let added = try first.run(["admin", "user", "add", email, "--org", org, "--role", "admin", "--operator-key", key], stdin: password + "\n")
            #expect(added.status == 0, "\(added.stderr)")
            let folder = servers.data.appendingPathComponent(org.lowercased())
            try FileManager.default.copyItem(atPath: PostgresCLITests.chinookPath, toPath: folder.appendingPathComponent("music.sqlite").path)
            // The grant is made through the second server: it is in the store, not in either home.
            #expect(try second.run(["admin", "org", "grant-folder", org, folder.path, "--operator-key", key]).status == 0)
        }
        func token(_ cli: CLI, _ email: String, _ password: String) throws -> [String: String] {
            let login = try cli.run(["login", email, "--print-token"], stdin: password + "\n")
            #expect(login.status == 0, "\(login.stderr)")
            return ["BULKHEAD_TOKEN": login.stdout.trimmingCharacters(in: .whitespacesAndNewlines)]
        }
        // A session opened on one server is honored by the other.
        let ada = try token(first, "ada@acme.test", "ada's long password")
        let gus = try token(second, "gus@globex.test", "gus's long password")
        for (cli, who, org) in [(first, ada, "acme"), (second, gus, "globex")] {
            let path = servers.data.appendingPathComponent(org).appendingPathComponent("music.sqlite").path
            let added = try cli.run(["source", "add", "music", path], environment: who)
            #expect(added.status == 0, "\(added.stderr)")
        }
        return (ada, gus)
    }

    @Test func aNoteAddedThroughOneServerIsInTheNextContextBuiltByTheOther() throws {
        let servers = try TwoServers.make()
        defer { servers.remove() }
        let (first, second) = (servers.first, servers.second)
        let (ada, gus) = try Self.twoOrgs(servers)
        let marker = "WHALE-MARKER-\(UUID().uuidString.prefix(6))"
        #expect(try first.run(["note", "add", "Artists with many albums are called whales (\(marker))."], environment: ada).status == 0)
        // The next request, through the other server, builds its context with the note.
        let asked = try second.run(["ask", "how many artists are there", "--json"], environment: ada)
        #expect(asked.status == 0, "\(asked.stderr)")
        let context = try second.run(["context", "last", "--json"], environment: ada)
        #expect(context.status == 0, "\(context.stderr)")
        #expect(context.stdout.contains(marker), "the second server's context lacks the note the first server stored")
        // Both servers serve both orgs, and neither gives Globex anything of Acme's.
        for cli in [first, second] {
            let theirs = try cli.run(["ask", "how many artists are there", "--json"], environment: gus)
            #expect(theirs.status == 0, "\(theirs.stderr)")
            let globexContext = try cli.run(["context", "last", "--json"], environment: gus)
            #expect(!globexContext.stdout.contains(marker))
            #expect(try cli.run(["note", "list", "--json"], environment: gus).stdout.contains(marker) == false)
        }
        // Neither home holds a tenant file: the data is in the store.
        for cli in [first, second] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: cli.home.appendingPathComponent("tenants").path)) ?? []
            #expect(!files.contains { $0.hasSuffix(".db") })
            #expect(!FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("control.db").path))
        }
    }

    @Test func oneOrgsFloodThroughOneServerIsLimitedOnTheOtherAndNoOtherOrgIsHeldByIt() throws {
        let servers = try TwoServers.make()
        defer { servers.remove() }
        let (first, second) = (servers.first, servers.second)
        let (ada, gus) = try Self.twoOrgs(servers)
        // Acme may run three queries back to back, refilled at one per 100 s; Globex keeps the defaults.
        let set = try second.run(["admin", "org", "limits", "Acme", "--queries-per-second", "0.01", "--query-burst", "3",
                                  "--operator-key", servers.operatorKey, "--json"])
        #expect(set.status == 0, "\(set.stderr)")
        let query = ["query", "music", "select count(*) from Artist", "--json"]
        // Acme floods the first server until it is refused there…
        var accepted = 0
        for _ in 0..<4 where try first.run(query, environment: ada).status == 0 { accepted += 1 }
        #expect(accepted == 3, "the first server let Acme run \(accepted) queries on a burst of 3")
        // …and the second server, which served Acme nothing yet, refuses it too: the bucket is the store's.
        let refused = try second.run(query, environment: ada)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("over its limit"), "\(refused.stderr)")
        // Globex is not held by Acme's flood on either server.
        for cli in [first, second] {
            for _ in 0..<4 {
                let theirs = try cli.run(query, environment: gus)
                #expect(theirs.status == 0, "\(theirs.stderr)")
            }
        }
    }

    @Test func theAuditRunsEveryPatternAndTheRowSecurityLayerOnTheStore() throws {
        let database = try StoreTemplate.shared().makeDatabase()
        defer { database.drop() }
        let cli = CLI.freshHome("audit-pg")
        defer { cli.removeHome() }
        let url = database.serverURL
        let result = try cli.run(["audit", "--json", "--store", url.description], environment: ["BULKHEAD_STORE_PASSWORD": url.password ?? ""])
        let report = try result.json()
        let patterns = report["patterns"] as? [[String: Any]] ?? []
        let failing = patterns.filter { $0["passed"] as? Bool == false }.map { "\($0["id"] ?? "?"): \($0["detail"] ?? "")" }
        #expect(result.status == 0, "\(result.stderr) \(failing)")
        #expect(report["failed"] as? Int == 0, "\(failing)")
        #expect(patterns.filter { $0["layer"] as? String == "rls" }.count >= 15)
        #expect(patterns.count >= 280)
        #expect(!FileManager.default.fileExists(atPath: cli.home.path), "the audit never touches the home")
    }

    @Test func aServerRefusesAStoreRoleThatOwnsTheTablesAndABadStoreValue() throws {
        let database = try StoreTemplate.shared().makeDatabase()
        defer { database.drop() }
        let cli = CLI.freshHome("store-refusals")
        defer { cli.removeHome() }
        let owner = database.template.ownerURL(database: database.name)
        let refused = try cli.run(["whoami", "--store", owner.description], environment: ["BULKHEAD_STORE_PASSWORD": owner.password ?? ""])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("owns Bulkhead's tables"), "\(refused.stderr)")
        let wrong = try cli.run(["whoami", "--store", database.serverURL.description], environment: ["BULKHEAD_STORE_PASSWORD": "wrong"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("refused the login"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("password authentication failed"))
        let bogus = try cli.run(["whoami", "--store", "mysql://x@y/z"])
        #expect(bogus.status == 1)
        #expect(bogus.stderr.contains("--store takes sqlite or postgres://"))
    }
}
