import Foundation
import Testing
@_spi(Testing) import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadStore
import BulkheadEngine
import BulkheadPostgresKit
import BulkheadTestCluster

/// `ask` over a PostgreSQL source: Chinook loaded into the throwaway cluster beside the same
/// Chinook as a SQLite source of the same org. The offline model writes PostgreSQL's dialect for
/// the one and SQLite's for the other, and every question of the Chinook set must get the same
/// rows from both (or be refused by both).
@Suite(.serialized) struct PostgresSourceAskTests {
    static let runtime = PostgresRuntime(name: "bulkhead.assistant.tests.postgres")

    @Test func theChinookQuestionsAnswerAlikeOnSQLiteAndOnPostgreSQL() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-pg-ask-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let options = Services.Options(hasherParameters: PasswordHasher.Parameters(logN: 10, r: 8, p: 1)!,
                                       rateLimits: RateLimits(queriesPerSecond: 10_000, queryBurst: 10_000, asksPerSecond: 10_000, askBurst: 10_000))
        let services = try Services(workspace: try .init(root: scratch.appendingPathComponent("home")), options: options)
        let accounts = try await services.createDemo(force: false, credentials: CallerCredentials()).accounts
        let ada = try await services.auth.login(email: "ada@acme.test", password: accounts.first { $0.email == "ada@acme.test" }?.password ?? "")
            .principal
        let key = CallerCredentials(operatorKey: try String(contentsOf: services.workspace.privateFileURL(OperatorKey.fileName), encoding: .utf8))
        let data = scratch.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = try await services.grantFolder(data.path, to: "Acme", credentials: key)
        let file = data.appendingPathComponent("chinook.sqlite")
        try FileManager.default.copyItem(at: EvalSetsTests.fixtures.appendingPathComponent("chinook.sqlite"), to: file)
        _ = try await services.addSource(ada, name: "chinook", path: file.path)
        let loaded = try ThrowawayCluster.shared().loadedCopy(of: file.path, runtime: Self.runtime)
        _ = try await services.grantHost("\(loaded.readerURL.host):\(loaded.readerURL.port)", to: "Acme", credentials: key)
        _ = try await services.addPostgresSource(ada, name: "music", url: loaded.readerURL.description, password: loaded.readerURL.password ?? "")

        var compared = 0, mismatches: [String] = []
        for item in try EvalSetsTests.cases("chinook") {
            let onSQLite = try? await services.assistant.ask(ada, question: item.question, source: "chinook")
            let onPostgres: AskAnswer?
            do {
                onPostgres = try await services.assistant.ask(ada, question: item.question, source: "music")
            } catch let error as BulkheadError where error.code == "invalid_input" {
                onPostgres = nil
            }
            guard let onSQLite else {
                if onPostgres != nil { mismatches.append("\(item.question): refused on SQLite, answered on PostgreSQL") }
                continue
            }
            guard let onPostgres else {
                mismatches.append("\(item.question): answered on SQLite, refused on PostgreSQL")
                continue
            }
            #expect(!onPostgres.sql.contains("strftime") && !onPostgres.sql.contains("COLLATE NOCASE"), "\(onPostgres.sql)")
            let cap = QueryOptions(rowCap: 100_000)
            let expected = try services.engine.query(ada, source: "chinook", sql: onSQLite.sql, options: cap)
            let got = try services.engine.query(ada, source: "music", sql: onPostgres.sql, options: cap)
            let ordered = onSQLite.sql.uppercased().contains("ORDER BY")
            var same = ResultComparison.matches(gold: expected, answer: got, ordered: ordered)
            if !same, let cutSQLite = Self.withoutLimit(onSQLite.sql), let cutPostgres = Self.withoutLimit(onPostgres.sql) {
                // Rows tied on the ORDER BY are cut by LIMIT in whatever order each engine keeps them; the
                // engines agree when the whole ordered result (ties and all) is the same set of rows.
                same = ResultComparison.matches(gold: try services.engine.query(ada, source: "chinook", sql: cutSQLite, options: cap),
                                                answer: try services.engine.query(ada, source: "music", sql: cutPostgres, options: cap),
                                                ordered: false)
            }
            if !same {
                mismatches.append("\(item.question)\n  sqlite:   \(onSQLite.sql)\n  postgres: \(onPostgres.sql)")
            }
            compared += 1
        }
        #expect(compared >= 40, "too few questions were answered to compare")
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(compared) differ:\n\(mismatches.joined(separator: "\n"))")
        // What the prompt asks for on a PostgreSQL source.
        let record = try services.requestLog.last(for: ada)
        #expect(String(decoding: record.requestBody, as: UTF8.self).contains("read-only PostgreSQL SELECT"))
    }

    /// The statement without its final `LIMIT n`, or nil when it has none.
    static func withoutLimit(_ sql: String) -> String? {
        guard let range = sql.range(of: #" LIMIT \d+$"#, options: .regularExpression) else { return nil }
        return String(sql[..<range.lowerBound])
    }
}
