import BulkheadAssistant
import BulkheadAuth
import BulkheadContext
import BulkheadCore
import BulkheadModels
import Dispatch
import Foundation
import GRDB

/// `bulkhead-bench context`: the cost of assembling one prompt context.
///
/// The org has a source of 50 tables (so retrieval, not "all tables", picks the schema), 1,000
/// notes, 1,000 question→SQL examples and a 20-turn conversation. Each timed call is the whole
/// `ContextBuilder.build`: embedding the question, schema from the engine's cache, vector
/// retrieval of tables, examples and notes, the history read with its ownership check, and the
/// budget fit. Arguments (see `bulkhead-bench context --help`): `[--iterations N]`.
enum ContextBench {
    static func run(iterations: Int, store: BenchStore) async throws -> String {
        let home = try await BenchHome(label: "context", options: .init(hasherParameters: PasswordHasher.Parameters(logN: 10, r: 8, p: 1)!), store: store)
        defer { home.remove() }
        let services = home.services, principal = home.principal
        let source = home.data.appendingPathComponent("wide.sqlite")
        try makeWideSource(at: source)
        _ = try await services.addSource(principal, name: "wide", path: source.path)

        let setupStart = DispatchTime.now()
        let topics = ["revenue", "churn", "inventory", "shipping", "refunds", "loyalty", "regions", "suppliers", "pricing", "returns"]
        for index in 0..<1_000 {
            let topic = topics[index % topics.count]
            try await services.notes.add(principal, text: "Note \(index): \(topic) is measured per \(topics[(index * 7) % topics.count]) each quarter.")
            try await services.knowledge.indexExample(principal, id: "ex-\(index)", question: "what is the \(topic) of table_\(index % 50)",
                                                      sql: "SELECT sum(amount) FROM table_\(index % 50)", source: "wide")
        }
        let conversation = try services.conversations.start(principal)
        for turn in 0..<20 {
            try services.conversations.append(principal, conversation, requestID: RequestID(rawValue: "req-\(turn)")!,
                                              turn: Turn(question: "question \(turn) about \(topics[turn % topics.count])",
                                                         sql: "SELECT count(*) FROM table_\(turn)", summary: "\(turn) rows"))
        }
        let setupSeconds = Double(DispatchTime.now().uptimeNanoseconds - setupStart.uptimeNanoseconds) / 1e9

        let builder = ContextBuilder(engine: services.engine, knowledge: services.knowledge, conversations: services.conversations,
                                     stores: services.stores, clock: services.clock)
        let questions = (0..<20).map { "what is the total \(topics[$0 % topics.count]) per region in table_\($0 * 2)" }
        for warm in 0..<10 {
            _ = try await builder.build(principal, question: questions[warm % questions.count], source: "wide",
                                        conversation: conversation, requestID: RequestID(rawValue: "req-warm")!)
        }
        var timings: [Double] = []
        var tokens = 0
        for index in 0..<iterations {
            let start = DispatchTime.now()
            let context = try await builder.build(principal, question: questions[index % questions.count], source: "wide",
                                                  conversation: conversation, requestID: RequestID(rawValue: "req-bench")!)
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
            tokens = context.totalTokens
        }
        timings.sort()
        let result: [String: Any] = [
            "bench": "context",
            "store": store.label,
            "tables": 50, "notes": 1_000, "examples": 1_000, "history_turns": 20,
            "iterations": iterations,
            "p50_ms": BenchStats.round3(BenchStats.percentile(timings, 0.5)),
            "p99_ms": BenchStats.round3(BenchStats.percentile(timings, 0.99)),
            "mean_ms": BenchStats.round3(timings.reduce(0, +) / Double(max(timings.count, 1))),
            "tokens_per_context": tokens,
            "setup_s": BenchStats.round3(setupSeconds),
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    /// A source with 50 tables of a few columns and keys between them.
    private static func makeWideSource(at url: URL) throws {
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            for table in 0..<50 {
                let parent = table > 0 ? ", parent_id INTEGER REFERENCES table_\(table - 1)(id)" : ""
                try db.execute(sql: "CREATE TABLE table_\(table) (id INTEGER PRIMARY KEY, name TEXT, region TEXT, amount REAL, created_at TEXT\(parent))")
                for row in 0..<20 {
                    try db.execute(sql: "INSERT INTO table_\(table) (id, name, region, amount, created_at) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [row, "item \(row)", ["north", "south"][row % 2], Double(row) * 1.5, "2024-01-\(row % 28 + 1)"])
                }
            }
        }
        try queue.close()
    }
}

