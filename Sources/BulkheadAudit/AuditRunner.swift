import Foundation
import BulkheadCore

/// Runs the whole attack suite and reports every pattern.
///
/// The console's audit screen and `bulkhead audit` both call `run(progress:)`; the progress
/// callback gets (completed, total, name of the pattern about to run) before each pattern and
/// (total, total, "") at the end, so a progress bar can follow it.
public struct AuditRunner: Sendable {
    /// Called before each pattern and once at the end.
    public typealias Progress = @Sendable (_ completed: Int, _ total: Int, _ current: String) -> Void

    let options: AuditWorld.Options
    let logs: LogCapture?
    let target: AuditTarget

    /// A runner; pass the process's `LogCapture` (the one its single `LoggingSystem.bootstrap` installed)
    /// so log lines are scanned too. The runner records with it for the length of `run` only; run
    /// one audit at a time per capture. `target` is the store the audit attacks (by default the
    /// SQLite files of a throwaway home).
    ///
    /// - Parameter sessionExecutable: the `bulkhead` binary the SSH layer's server runs for each
    ///   session; without one, the SSH patterns fail (they cannot be proven without real sessions).
    public init(logs: LogCapture? = nil, target: AuditTarget = .sqlite, sessionExecutable: URL? = nil) {
        var options = AuditWorld.Options()
        options.sessionExecutable = sessionExecutable
        self.init(options: options, logs: logs, target: target)
    }

    /// A runner with safeguards switched off through test seams (tests only).
    package init(options: AuditWorld.Options, logs: LogCapture? = nil, target: AuditTarget = .sqlite) {
        self.options = options
        self.logs = logs
        self.target = target
    }

    /// Every pattern of the suite on SQLite, in the order it runs (the logs-and-errors scans come last).
    public static var patterns: [AuditPattern] {
        patterns(rowSecurity: false)
    }

    /// Every pattern of the suite; on PostgreSQL the row-level security layer runs too (before the log scans).
    public static func patterns(rowSecurity: Bool) -> [AuditPattern] {
        authPatterns + authorizationPatterns + tenantDataPatterns + enginePatterns + sandboxPatterns + vectorPatterns + contextPatterns
            + rateLimitPatterns + sshPatterns + (rowSecurity ? rowSecurityPatterns : []) + logPatterns
    }

    /// The patterns this runner runs.
    public var patterns: [AuditPattern] {
        Self.patterns(rowSecurity: target.isPostgres)
    }

    /// Builds the throwaway home, runs every pattern, removes the home, and reports.
    ///
    /// It never throws: a setup failure fails every pattern with the reason, so the caller still
    /// exits non-zero and names them.
    public func run(progress: Progress? = nil) async -> AuditReport {
        let started = DispatchTime.now().uptimeNanoseconds
        logs?.start()
        defer { logs?.stop() }
        let patterns = self.patterns
        var results: [AuditResult] = []
        let world: AuditWorld
        do {
            world = try await AuditWorld.make(options: options, logs: logs, target: target)
        } catch {
            let reason = "setup failed: \(Self.describe(error))"
            results = patterns.map { AuditResult(id: $0.id, layer: $0.layer, name: $0.name, tried: $0.tried, passed: false, detail: reason) }
            progress?(patterns.count, patterns.count, "")
            return AuditReport(results: results, seconds: Self.seconds(since: started))
        }
        defer { world.tearDown() }
        for (index, pattern) in patterns.enumerated() {
            progress?(index, patterns.count, pattern.name)
            world.evidence.begin(pattern.layer)
            var detail = ""
            do {
                try await pattern.attack(world)
            } catch let breach as AuditBreach {
                detail = breach.reason
            } catch {
                detail = "the attack could not be carried out: \(Self.describe(error))"
            }
            world.injection.disarm()
            results.append(AuditResult(id: pattern.id, layer: pattern.layer, name: pattern.name, tried: pattern.tried,
                                       passed: detail.isEmpty, detail: detail,
                                       evidence: world.evidence.finish() ?? Self.fallbackEvidence(pattern, world: world)))
        }
        await world.stopSSH()
        progress?(patterns.count, patterns.count, "")
        return AuditReport(results: results, seconds: Self.seconds(since: started))
    }

    /// Evidence for a pattern whose checks did not go through the shared helpers: both orgs, what
    /// it tried, the layer it attacks, and both canaries.
    static func fallbackEvidence(_ pattern: AuditPattern, world: AuditWorld) -> AuditEvidence {
        let side: AuditSide? = pattern.id.hasSuffix("a") ? .a : pattern.id.hasSuffix("b") ? .b : nil
        let attacker = side.map { world.tenant($0) }
        let victim = attacker.map { world.victim(of: $0) }
        return AuditEvidence(
            attacker: attacker.map { "tenant \($0.side.rawValue) (\($0.orgName))" } ?? "both tenants",
            target: victim.map { "tenant \($0.side.rawValue) (\($0.orgName))" } ?? "each other's data",
            input: pattern.tried, stoppedBy: pattern.layer, refusal: "",
            canary: victim?.canary ?? "\(world.a.canary), \(world.b.canary)")
    }

    static func describe(_ error: any Error) -> String {
        (error as? BulkheadError).map { "\($0.code): \($0.message)" } ?? String(describing: type(of: error))
    }

    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
    }
}
