import Foundation
import BulkheadStore
import BulkheadCore
import BulkheadEngine

extension Assistant {
    /// Runs every case through the org's current model, exactly as `ask` would, and compares each
    /// answer's rows with the gold SQL's, both run through the sandbox. The run is recorded in the
    /// org's own database (`eval_runs`) under `name`, and the report carries the previous run of
    /// the same name on the same source, so a later run shows the change.
    ///
    /// Admins only: an evaluation asks many questions on the org's account.
    public func evaluate(_ principal: Principal, cases: [EvalCase], name: String, source: String? = nil,
                         progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> EvalReport {
        try principal.requireAdmin()
        let source = try resolveSource(principal, source)
        let provider = try models.provider(for: principal)
        let previous = try previousRun(principal, name: name, source: source)
        var items: [EvalReport.Item] = []
        let cap = QueryOptions(rowCap: 100_000)
        for (index, item) in cases.enumerated() {
            progress?(index, cases.count)
            try Task.checkCancellation()
            var gold: QueryResult?
            if let goldSQL = item.sql {
                do {
                    gold = try engine.query(principal, source: source, sql: goldSQL, options: cap)
                } catch {
                    throw BulkheadError.invalidInput("the gold SQL of \"\(item.question.prefix(60))\" does not run on \(source)")
                }
            }
            var conversation: ConversationID?
            if !item.after.isEmpty {
                let started = try conversations.start(principal)
                conversation = started
                for earlier in item.after {
                    _ = try? await paced { try await self.ask(principal, question: earlier, source: source, conversation: started) }
                }
            }
            var sql: String?
            var explanation = ""
            var rows: QueryResult?
            do {
                let answer = try await paced { try await self.ask(principal, question: item.question, source: source, conversation: conversation) }
                sql = answer.sql
                explanation = answer.explanation
                rows = try? engine.query(principal, source: source, sql: answer.sql, options: cap)
            } catch let error as BulkheadError {
                if case .rateLimited = error { throw error }
                if case .cancelled = error { throw error }
                explanation = error.message
            }
            let outcome: EvalReport.Outcome
            switch (gold, rows) {
            case (nil, nil): outcome = .refusedCorrectly
            case (nil, _?): outcome = .answeredInsteadOfRefusing
            case (_?, nil): outcome = .refused
            case let (gold?, rows?): outcome = ResultComparison.matches(gold: gold, answer: rows, ordered: item.ordered) ? .correct : .wrong
            }
            items.append(EvalReport.Item(question: item.question, level: item.level ?? "unlevelled", outcome: outcome, goldSQL: item.sql,
                                         sql: sql, explanation: explanation, goldRows: gold, rows: rows))
        }
        progress?(cases.count, cases.count)
        let runID = RequestID.random(prefix: "eval", using: random).rawValue
        let report = EvalReport(name: name, source: source, provider: provider.name, model: provider.model, items: items,
                                previous: previous, runID: runID)
        try record(report, principal: principal)
        return report
    }

    /// Runs `body`, waiting out the org's ask rate limit (an evaluation keeps to the org's allowance).
    private func paced<T>(_ body: () async throws -> T) async throws -> T {
        var attempts = 0
        while true {
            do {
                return try await body()
            } catch BulkheadError.rateLimited(let seconds) {
                attempts += 1
                guard attempts <= 50 else { throw BulkheadError.rateLimited(retryAfterSeconds: seconds) }
                try await Task.sleep(nanoseconds: UInt64(max(0.25, min(Double(seconds), 5)) * 1_000_000_000))
            }
        }
    }

    private func previousRun(_ principal: Principal, name: String, source: String) throws -> EvalReport.PreviousRun? {
        try stores.evals.lastEvalRun(principal, name: name, source: source).map {
            EvalReport.PreviousRun(provider: $0.provider, model: $0.model, correct: $0.correct, total: $0.total, createdAt: $0.createdAt)
        }
    }

    private func record(_ report: EvalReport, principal: Principal) throws {
        let levels = Dictionary(uniqueKeysWithValues: report.byLevel.map { ($0.level, ["correct": $0.tally.correct, "total": $0.tally.total]) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let levelText = String(decoding: (try? encoder.encode(levels)) ?? Data("{}".utf8), as: UTF8.self)
        try stores.evals.insertEvalRun(principal, StoredEvalRun(
            id: report.runID, name: report.name, source: report.source, provider: report.provider, model: report.model,
            total: report.total.total, correct: report.total.correct, levels: levelText, createdBy: principal.userID.rawValue,
            createdAt: clock.now()))
    }
}
