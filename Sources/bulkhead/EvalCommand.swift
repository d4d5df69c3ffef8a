import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadCore
import BulkheadEngine

/// `bulkhead eval FILE [--source NAME] [--json]`: execution accuracy of the org's model.
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run questions with gold SQL (JSON lines: question, sql, optional level) through your model; report the accuracy.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "The questions file (JSON lines), or - for standard input.") var file: String
    @Option(help: "The source to ask about (optional when your org has one).") var source: String?
    @Option(help: "The name the run is recorded under (default: the file's name).") var name: String?

    func run() async throws {
        try await CommandFailure.run {
            let text: String
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file), data.count <= 16 * 1_048_576 else {
                    throw BulkheadError.invalidInput("the questions file cannot be read (or is over 16 MiB)")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            let cases = try EvalCase.parse(text)
            let runName = name ?? (file == "-" ? "stdin" : URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
            let env = try CommandEnvironment(global)
            let progress = output.json ? nil : ProgressLine(label: "asking")
            let report = try await env.services.assistant.evaluate(try await env.principal(), cases: cases, name: runName, source: source) { done, total in
                progress?.show(done, total)
            }
            progress?.finish()
            if output.json {
                Output.json(EvalOutput.json(report))
            } else {
                EvalOutput.print(report)
            }
        }
    }
}

/// How an evaluation is shown: accuracy overall and by level, the change since the last run,
/// and each miss with both results.
enum EvalOutput {
    static func percent(_ tally: EvalReport.Tally) -> String { String(format: "%.1f%%", tally.percent) }

    static func print(_ report: EvalReport) {
        let total = report.total
        Output.line("\(report.name) on \(report.source) with \(report.provider)/\(report.model): "
                    + "\(total.correct)/\(total.total) correct (\(percent(total)))")
        for level in report.byLevel {
            Output.line("  \(level.level): \(level.tally.correct)/\(level.tally.total) (\(percent(level.tally)))")
        }
        let silent = report.silentlyWrong.count
        Output.line("  answered where a refusal was due: \(silent)")
        if let previous = report.previous {
            let before = previous.total == 0 ? 0 : Double(previous.correct) * 100 / Double(previous.total)
            Output.line(String(format: "  previous run (%@/%@): %d/%d (%.1f%%); change %+.1f points",
                               previous.provider, previous.model, previous.correct, previous.total, before, total.percent - before))
        }
        for miss in report.misses {
            Output.line("")
            Output.line("MISS [\(miss.level)] \(TerminalText.escaped(miss.question)) — \(miss.outcome.rawValue.replacingOccurrences(of: "_", with: " "))")
            Output.line("  expected: " + (miss.goldSQL.map(TerminalText.escaped) ?? "a refusal"))
            if let rows = miss.goldRows { show(rows) }
            Output.line("  answered: " + (miss.sql.map(TerminalText.escaped) ?? TerminalText.escaped(miss.explanation)))
            if let rows = miss.rows { show(rows) }
        }
        Output.line("")
        Output.line("(run \(report.runID) recorded in your organization's store)")
    }

    private static func show(_ result: QueryResult) {
        let rows = result.rows.prefix(5).map { $0.map { TerminalText.escaped($0.displayText) } }
        Output.line("    \(result.columns.map(TerminalText.escaped).joined(separator: " | "))")
        for row in rows { Output.line("    " + row.joined(separator: " | ")) }
        if result.rowCount > rows.count { Output.line("    … \(result.rowCount) rows in all") }
    }

    static func json(_ report: EvalReport) -> [String: Any] {
        func rows(_ result: QueryResult?) -> Any {
            guard let result else { return NSNull() }
            return ["columns": result.columns, "rows": result.rows.prefix(20).map { $0.map(\.jsonValue) }, "row_count": result.rowCount] as [String: Any]
        }
        var object: [String: Any] = [
            "name": report.name, "source": report.source, "provider": report.provider, "model": report.model, "run_id": report.runID,
            "total": report.total.total, "correct": report.total.correct, "accuracy": report.total.percent / 100,
            "levels": Dictionary(uniqueKeysWithValues: report.byLevel.map { ($0.level, ["correct": $0.tally.correct, "total": $0.tally.total]) }),
            "answered_instead_of_refusing": report.silentlyWrong.count,
            "misses": report.misses.map { miss -> [String: Any] in
                ["question": miss.question, "level": miss.level, "outcome": miss.outcome.rawValue, "sql": miss.sql as Any,
                 "gold_sql": miss.goldSQL as Any, "explanation": miss.explanation, "rows": rows(miss.rows), "gold_rows": rows(miss.goldRows)]
            },
        ]
        if let previous = report.previous {
            object["previous"] = ["provider": previous.provider, "model": previous.model, "correct": previous.correct, "total": previous.total]
        }
        return object
    }
}
