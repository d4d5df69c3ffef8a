import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadEngine
import BulkheadStore
import Dispatch
import Foundation

/// `bulkhead-bench ask`: one whole offline ask on Chinook, as a user's question takes it.
///
/// Each timed call is `Assistant.ask`: the rate limiter, the context (schema, value index,
/// retrieval of notes and examples), the firewall, the request log written before the model is
/// called, the offline planner, the statement in the sandbox, and the log written again. The
/// questions cycle through counts, filters on values, groupings, superlatives over aggregates,
/// dates and negations. Arguments: `[--chinook PATH] [--iterations N]`.
enum AskBench {
    static let questions = [
        "How many tracks are there?",
        "How many customers live in Brazil?",
        "Which genre has the most tracks?",
        "Which customer has spent the most in total?",
        "Total invoice amount per year",
        "Which tracks have never been sold?",
        "Average track length per album",
        "How many invoices were issued in 2022?",
        "List the albums by Led Zeppelin",
        "Which artists have more than 10 albums?",
    ]

    static func run(chinook: String, iterations: Int, store: BenchStore) async throws -> String {
        guard FileManager.default.fileExists(atPath: chinook) else {
            throw BulkheadError.invalidInput("Chinook not found at \(chinook); pass --chinook PATH")
        }
        let limits = RateLimits(queriesPerSecond: 1_000_000, queryBurst: 1_000_000, asksPerSecond: 1_000_000, askBurst: 1_000_000)
        let home = try await BenchHome(label: "ask", options: .init(hasherParameters: PasswordHasher.Parameters(logN: 10, r: 8, p: 1)!,
                                                                    rateLimits: limits), store: store)
        defer { home.remove() }
        let services = home.services, principal = home.principal
        let copy = home.data.appendingPathComponent("chinook.sqlite")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: chinook), to: copy)
        _ = try await services.addSource(principal, name: "chinook", path: copy.path)

        // The first ask also builds the source's value index; it is timed apart.
        let firstStart = DispatchTime.now()
        _ = try await services.assistant.ask(principal, question: questions[0], source: "chinook")
        let firstMs = Double(DispatchTime.now().uptimeNanoseconds - firstStart.uptimeNanoseconds) / 1e6
        for question in questions { _ = try await services.assistant.ask(principal, question: question, source: "chinook") }

        var timings: [Double] = []
        var modelMs: [Double] = []
        for index in 0..<iterations {
            let start = DispatchTime.now()
            let answer = try await services.assistant.ask(principal, question: questions[index % questions.count], source: "chinook")
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
            if index < 50 { modelMs.append(try services.requestLog.record(answer.requestID.rawValue, for: principal).timings.modelMs) }
        }
        timings.sort()
        modelMs.sort()
        let result: [String: Any] = [
            "bench": "ask",
            "store": store.label,
            "source": "chinook",
            "questions": questions.count,
            "iterations": iterations,
            "p50_ms": BenchStats.round3(BenchStats.percentile(timings, 0.5)),
            "p99_ms": BenchStats.round3(BenchStats.percentile(timings, 0.99)),
            "mean_ms": BenchStats.round3(timings.reduce(0, +) / Double(max(timings.count, 1))),
            "planner_p50_ms": BenchStats.round3(BenchStats.percentile(modelMs, 0.5)),
            "first_ask_ms": BenchStats.round3(firstMs),
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }
}
