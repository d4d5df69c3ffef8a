import Foundation
import Testing

/// The red team's attacks on who may do what, run as written with the real binary: each is now
/// refused with exit 3 and leaves a security event the operator can read.
@Suite(.serialized) struct AuthorizationCLITests {
    /// The operator's view of the security events.
    private func events(_ cli: CLI, key: String) throws -> [[String: Any]] {
        let result = try cli.run(["admin", "events", "--json", "--last", "1000"], environment: ["BULKHEAD_OPERATOR_KEY": key])
        #expect(result.status == 0, "\(result.stderr)")
        return try result.json()["events"] as? [[String: Any]] ?? []
    }

    private func denied(_ events: [[String: Any]], _ action: String) -> Bool {
        events.contains { ["authorization_denied", "operator_key_rejected"].contains($0["kind"] as? String)
            && (($0["detail"] as? String)?.contains("action=\(action) ") == true || ($0["kind"] as? String) == "operator_key_rejected") }
    }

    /// A fresh demo home with its operator key and accounts.
    private func freshDemo(_ label: String) throws -> (cli: CLI, key: String, passwords: [String: String]) {
        let cli = CLI.freshHome(label)
        let made = try cli.run(["demo", "--json"])
        #expect(made.status == 0, "\(made.stderr)")
        let json = try made.json()
        let key = try #require(json["operator_key_file"] as? String)
        var passwords: [String: String] = [:]
        for account in json["accounts"] as? [[String: Any]] ?? [] {
            if let email = account["email"] as? String, let password = account["password"] as? String { passwords[email] = password }
        }
        return (cli, key, passwords)
    }

    private func token(_ cli: CLI, _ email: String, _ password: String?) throws -> String {
        let login = try cli.run(["login", email, "--print-token"], stdin: (password ?? "") + "\n")
        #expect(login.status == 0, "\(login.stderr)")
        return login.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func userAddIntoGlobexWithoutASessionIsRefusedAndMalloryGetsNothing() throws {
        let (cli, key, _) = try freshDemo("mallory")
        defer { cli.removeHome() }
        let attack = try cli.run(["user", "add", "mallory@evil.test", "--org", "Globex", "--role", "admin"], stdin: "pw-of-mallory-1234\n")
        #expect(attack.status == 3)
        #expect(attack.stderr.contains("operator command"))
        let login = try cli.run(["login", "mallory@evil.test"], stdin: "pw-of-mallory-1234\n")
        #expect(login.status == 3)
        let query = try cli.run(["query", "clinic", "select * from patients"], environment: ["BULKHEAD_TOKEN": "not-a-token"])
        #expect(query.status == 3)
        #expect(!query.stdout.contains("GLOBEX-CANARY"))
        #expect(denied(try events(cli, key: key), "user.add"))
        // The same through `admin user add` without the key.
        #expect(try cli.run(["admin", "user", "add", "mallory@evil.test", "--org", "Globex"], stdin: "pw-of-mallory-1234\n").status == 3)
    }

    @Test func membersCannotCreateAdminsAndAdminsOnlyTheirOwnOrg() throws {
        let (cli, key, passwords) = try freshDemo("scope")
        defer { cli.removeHome() }
        let ben = try token(cli, "ben@acme.test", passwords["ben@acme.test"])
        let ada = try token(cli, "ada@acme.test", passwords["ada@acme.test"])
        let escalate = try cli.run(["user", "add", "eve@acme.test", "--role", "admin"], stdin: "eve's long password\n",
                                   environment: ["BULKHEAD_TOKEN": ben])
        #expect(escalate.status == 3)
        // Ada adds herself to Globex with her own password.
        let selfAdd = try cli.run(["user", "add", "ada@acme.test", "--org", "Globex", "--role", "admin"],
                                  stdin: (passwords["ada@acme.test"] ?? "") + "\n", environment: ["BULKHEAD_TOKEN": ada])
        #expect(selfAdd.status == 3)
        #expect(selfAdd.stderr.contains("your own organization"))
        let intoGlobex = try cli.run(["login", "ada@acme.test", "--org", "Globex"], stdin: (passwords["ada@acme.test"] ?? "") + "\n")
        #expect(intoGlobex.status == 4)
        // Inside her own org, Ada may: a member with an initial password, and one with an invitation code.
        let added = try cli.run(["user", "add", "cyd@acme.test"], stdin: "cyd's long password\n", environment: ["BULKHEAD_TOKEN": ada])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try cli.run(["login", "cyd@acme.test"], stdin: "cyd's long password\n").status == 0)
        let invited = try cli.run(["user", "add", "dee@acme.test", "--json"], stdin: "", environment: ["BULKHEAD_TOKEN": ada])
        #expect(invited.status == 0, "\(invited.stderr)")
        let code = try #require(try invited.json()["code"] as? String)
        let first = try cli.run(["login", "dee@acme.test"], stdin: "\(code)\ndee's own password\n")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try cli.run(["login", "dee@acme.test"], stdin: "dee's own password\n").status == 0)
        let listed = try cli.run(["user", "list", "--json"], environment: ["BULKHEAD_TOKEN": ada]).json()["users"] as? [[String: Any]]
        #expect(Set(listed?.compactMap { $0["email"] as? String } ?? []) == ["ada@acme.test", "ben@acme.test", "cyd@acme.test", "dee@acme.test"])
        #expect(try cli.run(["user", "list"], environment: ["BULKHEAD_TOKEN": ben]).status == 3)
        // Members add notes; they do not connect sources.
        #expect(try cli.run(["note", "add", "Ben's note"], environment: ["BULKHEAD_TOKEN": ben]).status == 0)
        #expect(try cli.run(["source", "add", "mine", "/etc/hostname"], environment: ["BULKHEAD_TOKEN": ben]).status == 3)
        let recorded = try events(cli, key: key)
        #expect(denied(recorded, "user.add"))
        #expect(recorded.contains { $0["kind"] as? String == "member_invited" })
    }

    @Test func orgCreateAndDemoForceNeedTheOperatorKey() throws {
        let (cli, key, passwords) = try freshDemo("operator")
        defer { cli.removeHome() }
        let ada = try token(cli, "ada@acme.test", passwords["ada@acme.test"])
        let gus = try token(cli, "gus@globex.test", passwords["gus@globex.test"])
        #expect(try cli.run(["note", "add", "Globex note added later"], environment: ["BULKHEAD_TOKEN": gus]).status == 0)
        #expect(try cli.run(["org", "create", "Initech"]).status == 3)
        #expect(try cli.run(["org", "create", "Initech"], environment: ["BULKHEAD_TOKEN": ada]).status == 3)
        let force = try cli.run(["demo", "--force"])
        #expect(force.status == 3)
        #expect(!force.stdout.contains("gus@globex.test"))
        // Nothing was wiped and no password changed.
        let notes = try cli.run(["note", "list", "--json"], environment: ["BULKHEAD_TOKEN": gus])
        #expect(notes.stdout.contains("Globex note added later"))
        // A key file others may read is refused, and so is a wrong key.
        let loose = cli.home.appendingPathComponent("loose.key")
        try FileManager.default.copyItem(atPath: key, toPath: loose.path)
        chmod(loose.path, 0o644)
        #expect(try cli.run(["org", "create", "Initech", "--operator-key", loose.path]).status == 1)
        let wrong = cli.home.appendingPathComponent("wrong.key")
        try Data("bulkhead-operator-1 opr-000000000000 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n".utf8).write(to: wrong)
        chmod(wrong.path, 0o600)
        #expect(try cli.run(["org", "create", "Initech", "--operator-key", wrong.path]).status == 3)
        // With the key, the operator may; each action is an event naming the operator.
        let created = try cli.run(["admin", "org", "create", "Initech", "--operator-key", key])
        #expect(created.status == 0, "\(created.stderr)")
        let orgs = try cli.run(["admin", "org", "list", "--json", "--operator-key", key]).json()["organizations"] as? [[String: Any]]
        #expect(Set(orgs?.compactMap { $0["name"] as? String } ?? []) == ["Acme", "Globex", "Initech"])
        let recorded = try events(cli, key: key)
        #expect(recorded.contains { $0["kind"] as? String == "operator_org_created" && ($0["actor"] as? String)?.hasPrefix("operator:opr-") == true })
        #expect(recorded.contains { $0["kind"] as? String == "authorization_denied" && ($0["detail"] as? String)?.contains("action=demo.force") == true })
    }

    @Test func backupsStayInTheOrgsAreaAndRestoreReadsNoHostFile() throws {
        let (cli, key, passwords) = try freshDemo("backup")
        defer { cli.removeHome() }
        let ada = try token(cli, "ada@acme.test", passwords["ada@acme.test"])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-victim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let victim = outside.appendingPathComponent("clinic.sqlite")
        try Data("Globex's own file".utf8).write(to: victim)
        for target in [victim.path, "../../tenants/x.db", "../\(UUID().uuidString)/x"] {
            let attack = try cli.run(["backup", target], environment: ["BULKHEAD_TOKEN": ada])
            #expect(attack.status == 3, "\(target): \(attack.stderr)")
        }
        #expect(try Data(contentsOf: victim) == Data("Globex's own file".utf8))
        let restore = try cli.run(["restore", "/etc/passwd"], environment: ["BULKHEAD_TOKEN": ada])
        #expect(restore.status == 3)
        #expect(!restore.stderr.contains("root:"))
        #expect(try cli.run(["backup", "first.backup"], environment: ["BULKHEAD_TOKEN": ada]).status == 0)
        #expect(try cli.run(["backup", "first.backup"], environment: ["BULKHEAD_TOKEN": ada]).status == 1)
        #expect(try cli.run(["restore", "first.backup"], environment: ["BULKHEAD_TOKEN": ada]).status == 0)
        let refusals = try events(cli, key: key).filter { $0["kind"] as? String == "backup_refused" }
        #expect(refusals.count == 4)
        #expect(refusals.contains { ($0["detail"] as? String)?.contains("op=restore") == true })
    }

    @Test func anEditedOrForeignBackupIsRefusedAlike() throws {
        let (cli, _, passwords) = try freshDemo("edited")
        defer { cli.removeHome() }
        let ada = try token(cli, "ada@acme.test", passwords["ada@acme.test"])
        let gus = try token(cli, "gus@globex.test", passwords["gus@globex.test"])
        #expect(try cli.run(["backup", "acme.backup"], environment: ["BULKHEAD_TOKEN": ada]).status == 0)
        #expect(try cli.run(["backup", "globex.backup"], environment: ["BULKHEAD_TOKEN": gus]).status == 0)
        let whoami = { (token: String) throws -> String in
            try cli.run(["whoami", "--json"], environment: ["BULKHEAD_TOKEN": token]).json()["org_id"] as? String ?? ""
        }
        let acmeArea = cli.home.appendingPathComponent("backups/\(try whoami(ada))")
        let globexArea = cli.home.appendingPathComponent("backups/\(try whoami(gus))")
        // Edited: a header field changed (the checksum still matches the payload).
        var data = try Data(contentsOf: acmeArea.appendingPathComponent("acme.backup"))
        let newline = try #require(data.firstIndex(of: 0x0A))
        var header = try #require(try JSONSerialization.jsonObject(with: data[..<newline]) as? [String: Any])
        header["schema_version"] = header["schema_version"]
        header["created_at"] = ((header["created_at"] as? Double) ?? 0) + 1000
        var edited = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        edited.append(data[newline...])
        try edited.write(to: acmeArea.appendingPathComponent("edited.backup"))
        data = try Data(contentsOf: globexArea.appendingPathComponent("globex.backup"))
        try data.write(to: acmeArea.appendingPathComponent("foreign.backup"))
        let editedResult = try cli.run(["restore", "edited.backup"], environment: ["BULKHEAD_TOKEN": ada])
        let foreignResult = try cli.run(["restore", "foreign.backup"], environment: ["BULKHEAD_TOKEN": ada])
        #expect(editedResult.status == 1 && foreignResult.status == 1)
        #expect(editedResult.stderr == foreignResult.stderr)
        #expect(!foreignResult.stderr.contains("Globex") && !foreignResult.stderr.contains("another organization's"))
        let retail = try cli.run(["query", "retail", "select count(*) from customers", "--json"], environment: ["BULKHEAD_TOKEN": ada])
        #expect((try retail.json()["rows"] as? [[Any]])?.first?.first as? Int == 600)
    }

    @Test func foldersComeFromTheOperatorAndSystemFoldersAreRefusedToEveryone() throws {
        let (cli, key, passwords) = try freshDemo("folders")
        defer { cli.removeHome() }
        let ada = try token(cli, "ada@acme.test", passwords["ada@acme.test"])
        for folder in ["/", "/tmp", "/proc", "/dev"] {
            #expect(try cli.run(["source", "allow", folder], environment: ["BULKHEAD_TOKEN": ada]).status == 3)
            let operatorTry = try cli.run(["admin", "org", "grant-folder", "Acme", folder, "--operator-key", key])
            #expect(operatorTry.status == 3, "\(folder): \(operatorTry.stderr)")
            #expect(operatorTry.stderr.contains("cannot be granted"))
        }
        let homeTry = try cli.run(["admin", "org", "grant-folder", "Acme", cli.home.path, "--operator-key", key])
        #expect(homeTry.status == 3 && homeTry.stderr.contains("Bulkhead home"))
        let passwd = try cli.run(["source", "add", "passwd", "/etc/passwd", "--kind", "csv"], environment: ["BULKHEAD_TOKEN": ada])
        #expect(passwd.status != 0)
        #expect(!passwd.stdout.contains("root"))
        // A folder granted to Acme cannot go to Globex, and Acme's admin adds a source under it.
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-grant-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: data) }
        #expect(try cli.run(["admin", "org", "grant-folder", "Acme", data.path, "--operator-key", key]).status == 0)
        #expect(try cli.run(["admin", "org", "grant-folder", "Globex", data.path, "--operator-key", key]).status == 3)
        try Data("id,name\n1,x\n".utf8).write(to: data.appendingPathComponent("small.csv"))
        let added = try cli.run(["source", "add", "small", data.appendingPathComponent("small.csv").path], environment: ["BULKHEAD_TOKEN": ada])
        #expect(added.status == 0, "\(added.stderr)")
        let folders = try cli.run(["source", "folders", "--json"], environment: ["BULKHEAD_TOKEN": ada]).json()["folders"] as? [String]
        #expect(folders?.count == 1)
    }

    @Test func aLockoutFromAPipeDoesNotLockTheOwnerAtTheirTerminal() throws {
        let (cli, key, passwords) = try freshDemo("lockout")
        defer { cli.removeHome() }
        for _ in 0..<6 {
            _ = try cli.run(["login", "gus@globex.test"], stdin: "wrong guess \(UUID().uuidString)\n")
        }
        let locked = try cli.run(["login", "gus@globex.test"], stdin: (passwords["gus@globex.test"] ?? "") + "\n")
        #expect(locked.status == 3)
        #expect(locked.stderr.contains("too many failed logins"))
        let tmux = Tmux(label: "lockout")
        defer { tmux.kill() }
        try tmux.start("\(CLI.binary.path) login gus@globex.test", environment: ["BULKHEAD_HOME": cli.home.path])
        try tmux.waitFor("Password for gus@globex.test")
        try tmux.type(passwords["gus@globex.test"] ?? "")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("EXITED:")
        #expect(screen.contains("logged in as gus@globex.test"), "\(screen)")
        #expect(try events(cli, key: key).contains { $0["kind"] as? String == "login_lockout" })
    }

    @Test func demoForceAsksForConfirmationOnATerminal() throws {
        let (cli, key, passwords) = try freshDemo("confirm")
        defer { cli.removeHome() }
        let tmux = Tmux(label: "confirm")
        defer { tmux.kill() }
        try tmux.start("\(CLI.binary.path) demo --force --operator-key \(key)", environment: ["BULKHEAD_HOME": cli.home.path])
        try tmux.waitFor("Type 'rebuild' to go on")
        try tmux.type("no")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("EXITED:")
        #expect(screen.contains("cancelled") && screen.contains("EXITED:1"), "\(screen)")
        #expect(try cli.run(["login", "gus@globex.test"], stdin: (passwords["gus@globex.test"] ?? "") + "\n").status == 0)
    }
}
