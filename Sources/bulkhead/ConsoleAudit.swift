import BulkheadAudit
import BulkheadConsole

/// The console's audit screen runs the same isolation suite as `bulkhead audit`, in its own
/// throwaway home, with its progress shown as each pattern finishes, each pattern's evidence for
/// the replay, and the presenter's tour.
enum ConsoleAudit {
    static func run(progress: @escaping @Sendable (AuditProgress) -> Void) async throws -> BulkheadConsole.AuditReport {
        let report = await AuditRunner(logs: LogSetup.capture, sessionExecutable: Serve.executable).run { done, total, name in
            progress(AuditProgress(completed: done, total: total, current: name))
        }
        return BulkheadConsole.AuditReport(
            patterns: report.results.map { result in
                BulkheadConsole.AuditPattern(id: result.id, layer: result.layer.title, name: result.name, passed: result.passed,
                                             tried: result.tried, detail: result.detail,
                                             evidence: result.evidence.map(Self.replay))
            },
            seconds: report.seconds,
            tour: AuditTour.stops.map { TourStop(title: $0.title, patternID: $0.patternID, paragraph: $0.paragraph) })
    }

    static func replay(_ evidence: AuditEvidence) -> ReplayEvidence {
        ReplayEvidence(attacker: evidence.attacker, target: evidence.target, input: evidence.input,
                       stoppedBy: evidence.stoppedBy.title, refusal: evidence.refusal,
                       missingRefusal: evidence.missingRefusal, likeMissing: evidence.answersLikeMissing,
                       canary: evidence.canary)
    }
}
