import Foundation
import Testing
import BulkheadAssistant
import BulkheadCore
import BulkheadTestBackends
import BulkheadEngine

/// The offline model, through the whole ask pipeline, on the demo workspace's own data: each
/// answer's rows are compared with a hand-written query run through the same sandbox.
@Suite struct DemoQuestionTests {
    static let acmeQuestions: [(String, String)] = [
        ("how many customers are there", "SELECT count(*) FROM customers"),
        ("how many orders are refunded", "SELECT count(*) FROM orders WHERE status = 'refunded'"),
        ("number of customers in Brazil", "SELECT count(*) FROM customers WHERE country = 'Brazil'"),
        ("top 3 products by price", "SELECT name, price FROM products ORDER BY price DESC LIMIT 3"),
        ("average price by category", "SELECT category, avg(price) FROM products GROUP BY category ORDER BY category"),
        ("total quantity per product category",
         "SELECT p.category, sum(i.quantity) FROM order_items i JOIN products p ON p.id = i.product_id GROUP BY p.category ORDER BY p.category"),
        ("how many orders in 2023", "SELECT count(*) FROM orders WHERE order_date >= '2023-01-01' AND order_date < '2024-01-01'"),
        ("max total per status", "SELECT status, max(total) FROM orders GROUP BY status ORDER BY status"),
    ]

    static let globexQuestions: [(String, String)] = [
        ("how many patients are there", "SELECT count(*) FROM patients"),
        ("how many appointments are no_show", "SELECT count(*) FROM appointments WHERE status = 'no_show'"),
        ("number of doctors per department", "SELECT department, count(*) FROM doctors GROUP BY department ORDER BY department"),
        ("total invoice amount", "SELECT sum(amount) FROM invoices"),
        ("average invoice amount by status", "SELECT status, avg(amount) FROM invoices GROUP BY status ORDER BY status"),
        ("which doctors work in cardiology", "SELECT name FROM doctors WHERE department = 'cardiology' ORDER BY name"),
    ]

    /// Rows as sorted sets of rendered values, so column names and order of rows do not matter,
    /// and reals are compared to 6 places.
    private static func normalized(_ rows: [[SQLValue]]) -> [String] {
        rows.map { row in
            row.map { value -> String in
                if case let .real(number) = value { return String(format: "%.6f", number) }
                if case let .integer(number) = value { return String(format: "%.6f", Double(number)) }
                return value.displayText
            }.joined(separator: "|")
        }.sorted()
    }

    @Test(arguments: TestBackend.allCases)
    func acmeQuestionsMatchHandWrittenSQL(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        try await check(f, f.acme, Self.acmeQuestions, source: "retail")
    }

    @Test(arguments: TestBackend.allCases)
    func globexQuestionsMatchHandWrittenSQL(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        try await check(f, f.globex, Self.globexQuestions, source: "clinic")
    }

    @Test(arguments: TestBackend.allCases)
    func aQuestionTheSchemaCannotAnswerIsRefusedNotGuessed(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        await #expect(throws: BulkheadError.self) {
            _ = try await f.services.assistant.ask(f.acme, question: "what is the weather in Paris")
        }
        let record = try f.services.requestLog.last(for: f.acme)
        #expect(record.status == "refused")
        #expect(record.sql == nil)
    }

    private func check(_ f: AssistantFixture, _ principal: Principal, _ questions: [(String, String)], source: String) async throws {
        for (question, expectedSQL) in questions {
            let answer = try await f.services.assistant.ask(principal, question: question)
            let expected = try f.services.engine.query(principal, source: source, sql: expectedSQL)
            // Compare on the answer's columns that carry the expected ones: same name first,
            // else (an aggregate the model named its own way) the answer's last unused columns.
            var chosen: [Int?] = expected.columns.map { name in
                answer.columns.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
            }
            var spare = answer.columns.indices.filter { index in !chosen.contains(index) }
            for slot in chosen.indices.reversed() where chosen[slot] == nil { chosen[slot] = spare.popLast() }
            let got = answer.rows.map { row in chosen.map { $0.map { row[$0] } ?? .null } }
            #expect(Self.normalized(got) == Self.normalized(expected.rows), "\(question): \(answer.sql)")
        }
    }
}
