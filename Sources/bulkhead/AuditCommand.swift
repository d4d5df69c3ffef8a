import ArgumentParser
import Foundation
import BulkheadAudit
import BulkheadBackend

/// `bulkhead audit [--json] [--store postgres://…] [--operator-key FILE]`: the cross-tenant attack suite.
///
/// It never opens the user's home (so `--home` is accepted but unused) and needs no login: it
/// makes two orgs in a temporary folder, attacks each as the other through one set of services,
/// and removes the folder. With `--store postgres://…` (or `BULKHEAD_STORE`) the orgs are made in
/// that database (and removed at the end), every pattern runs against it, and a row-level
/// security layer attacks the database directly as the server role; a database that has its
/// operator already needs that installation's operator key. Every log line of the run is captured (not printed) so the last
/// patterns can grep them for canaries. Exit code 1 names each failing pattern.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit",
        abstract: "Run the cross-tenant isolation audit in a throwaway home, or on a PostgreSQL store (needs no login).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: JSONFlag
    @OptionGroup var operatorKey: OperatorKeyOption

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
            let environment = ProcessInfo.processInfo.environment
            let backend = try StoreBackend.resolve(option: global.store, environment: environment)
            let key = backend == .sqlite ? nil : try operatorKey.text(environment: environment)
            let report = await AuditRunner(logs: capture, target: AuditTarget(backend: backend, operatorKey: key),
                                           sessionExecutable: Serve.executable).run(progress: progress)
            if json {
                Output.json(report.jsonObject)
            } else {
                report.plainLines.forEach { Output.line($0) }
            }
            if report.failed > 0 { throw ExitCode(1) }
        }
    }
}
