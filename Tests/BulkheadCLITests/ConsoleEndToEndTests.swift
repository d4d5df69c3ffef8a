import Foundation
import Testing

/// The real binary in a real terminal (tmux, UTF-8): welcome, login, browse, ask, inspect, resize, quit.
@Suite(.serialized) struct ConsoleEndToEndTests {
    private func command(_ cli: CLI) -> String {
        "\(CLI.binary.path) --home '\(cli.home.path)'"
    }

    @Test func welcomeOnAnEmptyHomeAndQuitRestoresTheTerminal() throws {
        let cli = CLI.freshHome("tmux-welcome")
        defer { cli.removeHome() }
        let tmux = Tmux(label: "welcome")
        defer { tmux.kill() }
        try tmux.start(command(cli))
        let welcome = try tmux.waitFor("Welcome to Bulkhead")
        #expect(welcome.contains("create the demo workspace"))
        try tmux.send("q")
        let after = try tmux.waitFor("EXITED:0")
        #expect(!after.contains("Welcome to Bulkhead"), "the console's screen must be gone after quitting")
    }

    @Test func adaLogsInBrowsesAsksAndInspectsWithoutSeeingGlobex() throws {
        let cli = CLI.freshHome("tmux-ada")
        defer { cli.removeHome() }
        let demo = try cli.run(["demo", "--json"])
        let accounts = try #require(try demo.json()["accounts"] as? [[String: Any]])
        let password = try #require(accounts.first { $0["email"] as? String == "ada@acme.test" }?["password"] as? String)

        let tmux = Tmux(label: "ada")
        defer { tmux.kill() }
        var screens: [String] = []
        try tmux.start(command(cli))
        screens.append(try tmux.waitFor("Log in"))
        try tmux.type("ada@acme.test")
        try tmux.send("Tab")
        try tmux.type(password)
        #expect(!(try tmux.capture()).contains(password), "the password must be masked")
        try tmux.send("Enter")
        screens.append(try tmux.waitFor("ada@acme.test · Acme"))
        screens.append(try tmux.waitFor("◆ retail"))

        // Browse: open the source (its schema is read now), then its first table.
        try tmux.send("Enter")
        screens.append(try tmux.waitFor("▸ ▦ customers"))
        try tmux.send("j")
        try tmux.send("Enter")
        screens.append(try tmux.waitFor("customers · 600 rows"))
        #expect(screens.last!.contains("Canary Customer ACME"), "Acme's own rows are on screen")

        // Ask.
        try tmux.send("a")
        try tmux.type("how many customers are there")
        try tmux.send("Enter")
        screens.append(try tmux.waitFor("SELECT count(*) FROM customers", timeout: 30))
        screens.append(try tmux.waitFor("count(*) = 600"))

        // Inspect: provenance badges of Acme's org.
        try tmux.send("I")
        screens.append(try tmux.waitFor("Sections"))
        let whoami = try cli.run(["whoami", "--json"])
        let orgID = try #require(try whoami.json()["org_id"] as? String)
        #expect(screens.last!.contains(orgID))
        #expect(screens.last!.contains("schema"))

        // Resize down to 40x12 and back; then too small.
        try tmux.resize(width: 40, height: 12)
        usleep(500_000)
        screens.append(try tmux.capture())
        #expect(screens.last!.split(separator: "\n").count <= 12)
        try tmux.resize(width: 20, height: 5)
        screens.append(try tmux.waitFor("too small"))
        try tmux.resize(width: 100, height: 30)
        screens.append(try tmux.waitFor("Inspector"))

        for screen in screens {
            #expect(!screen.contains("GLOBEX"), "a Globex canary reached Acme's screen:\n\(screen)")
            #expect(!screen.contains("Globex"))
        }

        try tmux.send("Escape")
        try tmux.send("q")
        let after = try tmux.waitFor("EXITED:0")
        #expect(!after.contains("BULKHEAD"), "the terminal must be restored after q")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let cli = CLI.freshHome("tmux-term")
        defer { cli.removeHome() }
        let tmux = Tmux(label: "term")
        defer { tmux.kill() }
        try tmux.start(command(cli))
        try tmux.waitFor("Welcome to Bulkhead")
        let pids = try tmux.tmux(["list-panes", "-t", tmux.session, "-F", "#{pane_pid}"])
        let shell = pids.trimmingCharacters(in: .whitespacesAndNewlines)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        process.arguments = ["-TERM", "-P", shell, "-f", "bulkhead"]
        try process.run()
        process.waitUntilExit()
        let after = try tmux.waitFor("EXITED:")
        #expect(!after.contains("Welcome to Bulkhead"), "the console's screen must be gone after SIGTERM")
    }
}
