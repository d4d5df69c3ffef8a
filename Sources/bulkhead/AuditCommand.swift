import ArgumentParser
import Foundation
import BulkheadAudit

/// `bulkhead audit [--json]`: the cross-tenant attack suite, run in a throwaway home.
///
/// It never opens the user's home (so `--home` is accepted but unused) and needs no login: it
/// makes two orgs in a temporary folder, attacks each as the other through one set of services,
/// and removes the folder. Every log line of the run is captured (not printed) so the last
/// patterns can grep them for canaries. Exit code 1 names each failing pattern.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit",
        abstract: "Run the cross-tenant isolation audit in a throwaway home (needs no login).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: JSONFlag

    func run() async throws {
        // The process bootstrapped logging once (LogSetup) with this capture in front of stderr;
        // the runner records with it while the audit runs.
        let capture = LogSetup.capture
        let json = format.json
        try await CommandFailure.run {
            var progress: AuditRunner.Progress?
            if !json && isatty(STDERR_FILENO) != 0 {
                progress = { done, total, name in
                    let text = done == total ? "\r\u{1B}[2K" : "\r\u{1B}[2K[\(done + 1)/\(total)] \(name.prefix(70))"
                    FileHandle.standardError.write(Data(text.utf8))
                }
            }
            let report = await AuditRunner(logs: capture, sessionExecutable: Serve.executable).run(progress: progress)
            if json {
                Output.json(report.jsonObject)
            } else {
                report.plainLines.forEach { Output.line($0) }
            }
            if report.failed > 0 { throw ExitCode(1) }
        }
    }
}
