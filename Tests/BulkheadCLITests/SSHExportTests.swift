import Foundation
import Testing

/// Exports from a console that `bulkhead serve` runs for an SSH user stay in that user's export
/// area in the home: the server's folders (and another org's granted folder) are not the user's to write.
@Suite(.serialized) struct SSHExportTests {
    @Test func anSSHExportIsConfinedToTheUsersOwnExportArea() throws {
        let fixture = try SSHFixture("export")
        defer { fixture.tearDown() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-ssh-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let tmux = Tmux(label: "ssh-export")
        defer { tmux.kill() }
        try tmux.start(fixture.sshShellLine(key: "ada@acme.test"), width: 120, height: 35)
        try tmux.waitFor("ada@acme.test · Acme")
        try tmux.type("2")
        try tmux.waitFor("Ask")
        try tmux.type("list all customers")
        try tmux.send("Enter")
        try tmux.waitFor("600 rows", timeout: 60)

        try tmux.type("e")
        try tmux.waitFor("Export 600 rows")
        try tmux.send("Tab")
        try tmux.send("C-u")
        try tmux.type(outside.path)
        try tmux.send("Enter")
        let refused = try tmux.waitFor("exports go under")
        #expect(!refused.contains(outside.path + "/bulkhead-"), "the refusal names no file written outside")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "an SSH user wrote outside their area")

        try tmux.send("Escape")
        try tmux.type("e")
        try tmux.waitFor("Export 600 rows")
        try tmux.send("Enter")
        try tmux.waitFor("wrote 600 rows", timeout: 30)
        try tmux.send("q")
        try tmux.waitFor("EXITED:0")

        let area = fixture.cli.home.appendingPathComponent("exports")
        let orgs = try FileManager.default.contentsOfDirectory(atPath: area.path)
        #expect(orgs.count == 1, "one org's area: \(orgs)")
        let org = area.appendingPathComponent(try #require(orgs.first))
        let users = try FileManager.default.contentsOfDirectory(atPath: org.path)
        let folder = org.appendingPathComponent(try #require(users.first))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let name = try #require(files.first { $0.hasSuffix(".csv") }, "\(files)")
        let csv = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        #expect(csv.contains("ACME-CANARY") && !csv.contains("GLOBEX"))
        for level in [area, org, folder] {
            let mode = try FileManager.default.attributesOfItem(atPath: level.path)[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(level.lastPathComponent) is \(String(mode ?? 0, radix: 8))")
        }
    }
}
