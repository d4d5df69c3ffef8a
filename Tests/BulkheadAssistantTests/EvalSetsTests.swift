import Foundation
import Testing
@_spi(Testing) import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadEngine
import BulkheadStore

/// The project's own question sets, run through the whole ask pipeline with the offline model
/// and scored by execution accuracy, as `bulkhead eval` scores them.
@Suite(.serialized) struct EvalSetsTests {
    static let fixtures: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures")
    }()

    /// The demo, plus Chinook and the flights database as sources of Acme, with room for many asks.
    static func makeServices() async throws -> (services: Services, acme: Principal, globex: Principal, home: URL) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-eval-\(UUID().uuidString)")
        let home = scratch.appendingPathComponent("home")
        var options = Services.Options(hasherParameters: PasswordHasher.Parameters(logN: 10, r: 8, p: 1)!,
                                       rateLimits: RateLimits(queriesPerSecond: 10_000, queryBurst: 10_000, asksPerSecond: 10_000, askBurst: 10_000))
        options.contextLimits.budget = 8_000
        let services = try Services(workspace: try .init(root: home), options: options)
        let accounts = try await services.createDemo(force: false, credentials: CallerCredentials()).accounts
        func login(_ email: String) async throws -> Principal {
            try await services.auth.login(email: email, password: accounts.first { $0.email == email }?.password ?? "").principal
        }
        let acme = try await login("ada@acme.test")
        let globex = try await login("gus@globex.test")
        let data = scratch.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = try String(contentsOf: services.workspace.privateFileURL(OperatorKey.fileName), encoding: .utf8)
        _ = try await services.grantFolder(data.path, to: "Acme", credentials: CallerCredentials(operatorKey: key))
        for name in ["chinook", "flights", "movies", "elements", "heldout/baseball", "heldout/world", "heldout/penguins", "heldout/pizzeria", "hotels", "registrar", "wholesale", "bikeshare", "charity", "carrental", "tracker", "fitness", "courier", "theatre", "utility", "farmcoop", "transit"] {
            let copy = data.appendingPathComponent("\(name.split(separator: "/").last!).sqlite")
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("\(name).sqlite"), to: copy)
            _ = try await services.addSource(acme, name: String(name.split(separator: "/").last!), path: copy.path)
        }
        return (services, acme, globex, scratch)
    }

    static func cases(_ name: String) throws -> [EvalCase] {
        // A set named with its folder ("heldout/world") is read from there; others from questions/.
        let path = name.contains("/") ? "\(name).jsonl" : "questions/\(name).jsonl"
        return try EvalCase.parse(String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8))
    }

    static func describe(_ report: EvalReport) -> String {
        var lines = ["\(report.name) on \(report.source): \(report.total.correct)/\(report.total.total) "
                     + String(format: "(%.1f%%)", report.total.percent)
                     + " " + report.byLevel.map { "\($0.level) \($0.tally.correct)/\($0.tally.total)" }.joined(separator: ", ")
                     + "; silently wrong where a refusal was due: \(report.silentlyWrong.count)"]
        for miss in report.misses {
            lines.append("  MISS [\(miss.level)] \(miss.question) -> \(miss.outcome.rawValue)")
            lines.append("     sql:  \(miss.sql ?? "-")")
            lines.append("     gold: \(miss.goldSQL ?? "(refusal)")")
            if miss.sql == nil { lines.append("     why:  \(miss.explanation)") }
        }
        return lines.joined(separator: "\n")
    }

    @Test func everySetMeetsItsBar() async throws {
        let (services, acme, globex, home) = try await Self.makeServices()
        defer { try? FileManager.default.removeItem(at: home) }
        let runs: [(set: String, source: String, principal: Principal)] = [
            ("chinook", "chinook", acme), ("flights", "flights", acme), ("retail", "retail", acme), ("clinic", "clinic", globex),
            ("movies", "movies", acme), ("elements", "elements", acme), ("movies-2", "movies", acme), ("elements-2", "elements", acme),
            ("chinook-2", "chinook", acme), ("chinook-3", "chinook", acme), ("movies-3", "movies", acme),
            ("elements-3", "elements", acme), ("flights-2", "flights", acme), ("chinook-4", "chinook", acme), ("world-2", "world", acme),
            ("baseball-2", "baseball", acme), ("flights-3", "flights", acme), ("movies-4", "movies", acme), ("elements-4", "elements", acme),
            ("chinook-5", "chinook", acme),
            // Round 5 (answers9): refusals of other rows' attributes, weekdays, two columns of a row, money net of discount.
            ("round5-relations-chinook", "chinook", acme), ("round5-relations-flights", "flights", acme),
            ("round5-relations-movies", "movies", acme), ("round5-relations-hotels", "hotels", acme),
            ("round5-relations-registrar", "registrar", acme), ("round5-relations-wholesale", "wholesale", acme),
            ("round5-rows-movies", "movies", acme), ("round5-rows-world", "world", acme), ("round5-rows-flights", "flights", acme),
            ("round5-rows-elements", "elements", acme), ("round5-rows-retail", "retail", acme),
            ("compound-movies", "movies", acme), ("compound-elements", "elements", acme), ("compound-world", "world", acme),
            ("round5-hard-movies", "movies", acme), ("round5-hard-world", "world", acme), ("round5-hard-penguins", "penguins", acme),
            ("round5-hard-elements", "elements", acme), ("round5-hard-flights", "flights", acme), ("round5-hard-chinook", "chinook", acme),
            // Round 6 (answers10): words and linking: roots, generic head nouns, empty phrases, units.
            ("round6-words-chinook", "chinook", acme), ("round6-words-movies", "movies", acme),
            ("round6-words-elements", "elements", acme), ("round6-words-world", "world", acme),
            ("round6-words-flights", "flights", acme), ("round6-words-baseball", "baseball", acme),
            ("round6-words-retail", "retail", acme), ("round6-words-clinic", "clinic", globex), ("round6-words-hotels", "hotels", acme),
            // Round 6 (answers11): per-row aggregates against their average, a set operation over two dates, a share per group, a ranked row's manager.
            ("round6-nested-movies", "movies", acme), ("round6-nested-penguins", "penguins", acme), ("round6-nested-flights", "flights", acme),
            ("round6-except-movies", "movies", acme), ("round6-except-flights", "flights", acme),
            ("round6-share-penguins", "penguins", acme), ("round6-share-movies", "movies", acme), ("round6-share-flights", "flights", acme),
            ("round6-managers-wholesale", "wholesale", acme), ("round6-managers-hotels", "hotels", acme),
            ("round6-both-chinook", "chinook", acme), ("round6-both-movies", "movies", acme),
            ("round6-money-wholesale", "wholesale", acme), ("round6-money-hotels", "hotels", acme),
            ("round6-units-wholesale", "wholesale", acme), ("round6-units-pizzeria", "pizzeria", acme),
            ("round6-pairs-world", "world", acme), ("round6-pairs-registrar", "registrar", acme), ("round6-owner-world", "world", acme),
            ("round6-permanager-hotels", "hotels", acme), ("round6-permanager-chinook", "chinook", acme),
            ("round6-possessor-flights", "flights", acme), ("round6-possessor-hotels", "hotels", acme),
            // Round 6 (answers12): "whose" columns, role keys, top-N with listed columns, "X's name", "how many each has",
            // follow-up comparisons, cents; each mechanism on databases other than the one its miss came from.
            ("round6-reading-chinook", "chinook", acme), ("round6-reading-flights", "flights", acme),
            ("round6-reading-hotels", "hotels", acme), ("round6-reading-registrar", "registrar", acme),
            ("round6-reading-wholesale", "wholesale", acme), ("round6-reading-pizzeria", "pizzeria", acme),
            ("round6-reading-world", "world", acme), ("round6-reading-movies", "movies", acme),
            // Round 7: idioms that carry no condition ("on file", "the word X", "a single" after a negation,
            // "address" after a column, "separate"), on databases other than the blind sets'.
            ("round7-words-wholesale", "wholesale", acme), ("round7-words-hotels", "hotels", acme),
            ("round7-words-movies", "movies", acme), ("round7-words-chinook", "chinook", acme),
            ("round7-words-charity", "charity", acme), ("round7-words-penguins", "penguins", acme),
            // Round 7 (answers15): hard compositions read from the schema's structure (a table met twice through its key to itself).
            ("round7-hard-hotels", "hotels", acme), ("round7-hard-wholesale", "wholesale", acme), ("round7-hard-movies", "movies", acme),
            ("round7-hard-penguins", "penguins", acme), ("round7-hard-pizzeria", "pizzeria", acme),
            // Round 7 (answers14): lists of aggregates in any order, orderings by a verb's column, events named by a verb.
            ("round7-relations-hotels", "hotels", acme), ("round7-relations-wholesale", "wholesale", acme),
            ("round7-relations-flights", "flights", acme), ("round7-relations-movies", "movies", acme),
            ("round7-relations-elements", "elements", acme),
            // Round 8: events the schema does not record ("how many times has X been played", "the release year of X").
            ("round8-unrecorded-hotels", "hotels", acme), ("round8-unrecorded-movies", "movies", acme),
            ("round8-unrecorded-wholesale", "wholesale", acme), ("round8-unrecorded-registrar", "registrar", acme),
            // Round 8: guards against silently wrong readings (a function word of a column's name abbreviating a word,
            // an unknown verb over one key, "how much" of a text column, a money verb read as its noun synonym).
            ("round8-guards-bikeshare", "bikeshare", acme), ("round8-guards-registrar", "registrar", acme),
            ("round8-guards-wholesale", "wholesale", acme),
            // Round 8 (answers18): date ranges with one shared year, rate words ("monthly fee"), durations between two dates.
            ("round8-ranges-hotels", "hotels", acme), ("round8-ranges-wholesale", "wholesale", acme),
            ("round8-ranges-charity", "charity", acme), ("round8-ranges-bikeshare", "bikeshare", acme),
            ("round8-durations-hotels", "hotels", acme), ("round8-durations-wholesale", "wholesale", acme),
            ("round8-durations-charity", "charity", acme), ("round8-durations-bikeshare", "bikeshare", acme),
            ("round8-shares-hotels", "hotels", acme), ("round8-shares-wholesale", "wholesale", acme), ("round8-shares-charity", "charity", acme),
            // Round 8 (answers17): verbs that choose a key among several to the same table ("started at", "returned to",
            // "assigned to"), a date column ("checked out", "picked up", "resolved"), the money of gifts ("raised"),
            // or the rows of the table a verb names, counted ("booked more than 3 times").
            ("round8-verbs-bikeshare", "bikeshare", acme), ("round8-verbs-carrental", "carrental", acme),
            ("round8-verbs-tracker", "tracker", acme), ("round8-verbs-hotels", "hotels", acme),
            ("round8-verbs-wholesale", "wholesale", acme), ("round8-verbs-charity", "charity", acme),
            // Round 8 (answers16): nouns and phrases placed on an unseen schema (WordNet compounds, "-age" measures, staff and
            // people read from a table's structure, "who" through the rows' key, "the company", "right now", "put out", "mentions a X",
            // a text sought in the rows' own column, a modifier that is a distant table's value refused), none on its miss's database.
            ("round8-nouns-chinook", "chinook", acme), ("round8-nouns-hotels", "hotels", acme), ("round8-nouns-bikeshare", "bikeshare", acme),
            ("round8-nouns-charity", "charity", acme), ("round8-nouns-tracker", "tracker", acme), ("round8-nouns-carrental", "carrental", acme),
            ("round8-nouns-movies", "movies", acme), ("round8-nouns-flights", "flights", acme), ("round8-nouns-wholesale", "wholesale", acme),
            // Round 10 (lead): a place after a verb of an event the schema holds no place for ("born in France") is refused.
            ("round10-eventplaces-hotels", "hotels", acme), ("round10-eventplaces-wholesale", "wholesale", acme),
            ("round10-eventplaces-courier", "courier", acme),
            // Round 10 (lead): "How many X does <name> have?" names the owner of the X, not an X of the same name.
            ("round10-owner-world", "world", acme), ("round10-owner-chinook", "chinook", acme),
            // Round 10 (lead): guards found by probing: "id" abbreviates no word ("insured"), a request verb's past form is an
            // event ("returned"), and a verb whose object is a time ("injured during a class") is no link between two tables.
            ("round10-guards-courier", "courier", acme), ("round10-guards-charity", "charity", acme), ("round10-guards-carrental", "carrental", acme),
            // Round 10 (lead): after "a", a verb's form is a noun the schema must hold ("left a review", "got a raise").
            ("round10-nouns-hotels", "hotels", acme), ("round10-nouns-fitness", "fitness", acme), ("round10-nouns-tracker", "tracker", acme),
            // Round 10 (lead): a person noun beside its table's own name is a kind of it ("members are students"); "sold out" refuses.
            ("round10-kinds-fitness", "fitness", acme), ("round10-kinds-tracker", "tracker", acme), ("round10-kinds-charity", "charity", acme),
            // Round 10 (lead): a weekly schedule ("open on Sundays", "work weekends"), an amount no condition took ("open 24 hours"),
            // and a verb's plain form after a preposition ("on credit") refuse.
            ("round10-schedules-hotels", "hotels", acme), ("round10-schedules-fitness", "fitness", acme),
            // Round 10 (lead): "how many <amount in a unit>" adds it up ("how many hours were logged"); a superlative that closes
            // with "first" sorts the list ("highest salary first"); an ordinal before a column of positions ("the third floor").
            ("round10-amounts-utility", "utility", acme), ("round10-amounts-bikeshare", "bikeshare", acme),
            ("round10-order-wholesale", "wholesale", acme), ("round10-order-carrental", "carrental", acme), ("round10-ordinals-hotels", "hotels", acme),
            // Round 9 (answers21): "both X and Y" beside another value, "who has <verb>ed both", "at some point but never on Y".
            ("round9-hard-hotels", "hotels", acme), ("round9-hard-carrental", "carrental", acme),
            ("round9-hard-chinook", "chinook", acme), ("round9-hard-movies", "movies", acme),
            // Round 9 (answers20): conditions a wrong answer dropped: a sum of money with no comparison word ("priced at $1.99"),
            // a state column's value said as a verb or after "be" ("lost", "are done"), "never <verb> a single <table>".
            ("round9-medium-pizzeria", "pizzeria", acme), ("round9-medium-hotels", "hotels", acme),
            ("round9-medium-wholesale", "wholesale", acme), ("round9-medium-carrental", "carrental", acme),
            ("round9-medium-tracker", "tracker", acme), ("round9-medium-charity", "charity", acme),
            // Round 9 (answers19): ordinary words without a condition ("they're", "at some point", "someone else" where a key to
            // the same table is named), "X somewhere in the name", "the busiest"/"quietest" (a count), "Rank … from cheapest to priciest".
            ("round9-words-hotels", "hotels", acme), ("round9-words-wholesale", "wholesale", acme), ("round9-words-registrar", "registrar", acme),
            ("round9-words-charity", "charity", acme), ("round9-words-bikeshare", "bikeshare", acme),
            // Round 10 (answers24): words that wrap a question without changing it (discourse openers, request verbs,
            // politeness, emphasis before a superlative) and dates as people write them (quarters, halves, day-first
            // ranges, "onwards", a directive naming the date column), with relative dates refused.
            ("round10-requests-hotels", "hotels", acme), ("round10-requests-wholesale", "wholesale", acme),
            ("round10-requests-charity", "charity", acme), ("round10-requests-bikeshare", "bikeshare", acme),
            ("round10-requests-carrental", "carrental", acme),
            ("round10-dates-hotels", "hotels", acme), ("round10-dates-wholesale", "wholesale", acme),
            ("round10-dates-charity", "charity", acme), ("round10-dates-carrental", "carrental", acme),
            ("round10-requests-registrar", "registrar", acme), ("round10-requests-movies", "movies", acme),
            ("round10-dates-pizzeria", "pizzeria", acme), ("round10-dates-bikeshare", "bikeshare", acme),
            ("round10-requests-tracker", "tracker", acme),
            // Round 10 (answers22): nouns placed through WordNet's senses: a synonym of a table's or column's one-word name
            // ("pupils", "velocity", "telephone number"), a broader word for people than the name ("workers" for employees,
            // "educators" for instructors), and narrower words refused ("clerks", "lecturers", "philanthropists").
            ("round10-senses-chinook", "chinook", acme), ("round10-senses-registrar", "registrar", acme),
            ("round10-senses-hotels", "hotels", acme), ("round10-senses-tracker", "tracker", acme),
            ("round10-senses-charity", "charity", acme), ("round10-senses-wholesale", "wholesale", acme),
            ("round10-senses-carrental", "carrental", acme), ("round10-senses-flights", "flights", acme), ("round10-senses-bikeshare", "bikeshare", acme),
            // Round 10 (answers23): rows left out or kept in ("excluding", "apart from", "not counting", "refunds included",
            // "or not"), "(names, not ids)", "still" / "no longer" before a state, "still in service" as a removal date left empty,
            // and "total" in a list of columns; none on the misses' databases (theatre, utility).
            ("round10-exclusions-hotels", "hotels", acme), ("round10-exclusions-carrental", "carrental", acme),
            ("round10-exclusions-wholesale", "wholesale", acme), ("round10-exclusions-bikeshare", "bikeshare", acme),
            ("round10-exclusions-tracker", "tracker", acme), ("round10-exclusions-chinook", "chinook", acme),
            // Held out until their first runs (recorded in the fixtures' READMEs), development sets since.
            ("heldout/world", "world", acme), ("heldout/chinook", "chinook", acme),
            ("heldout/chinook-3", "chinook", acme), ("heldout/penguins", "penguins", acme),
        ]
        var total = 0
        var correct = 0
        for run in runs {
            let report = try await services.assistant.evaluate(run.principal, cases: try Self.cases(run.set), name: run.set, source: run.source)
            print(Self.describe(report))
            total += report.total.total
            correct += report.total.correct
            #expect(report.total.percent >= Self.bars[run.set, default: 80], "\(run.set): \(report.total.correct)/\(report.total.total)")
            #expect(report.silentlyWrong.isEmpty, "\(run.set) answered where a refusal was due: \(report.silentlyWrong.map(\.question))")
        }
        print(String(format: "all sets: %d/%d (%.1f%%)", correct, total, Double(correct) * 100 / Double(max(total, 1))))
        #expect(total >= 150)
    }
}

extension EvalSetsTests {
    /// The sets measured without a bar: the Baseball Databank set, and the latest blind sets while
    /// a round of planner work uses them. Only their totals are printed unless
    /// `BULKHEAD_SHOW_HELDOUT_MISSES` is set, so a blind set's first run can be read without its misses.
    @Test(arguments: [("heldout/baseball", "baseball"), ("heldout/chinook-final", "chinook"), ("heldout/pizzeria", "pizzeria"),
                      ("questions/chinook-dev5", "chinook"), ("questions/chinook-r6", "chinook"), ("questions/bikeshare", "bikeshare"), ("questions/charity", "charity"), ("questions/chinook-r7", "chinook"), ("questions/carrental", "carrental"), ("questions/tracker", "tracker"), ("questions/chinook-r8", "chinook"), ("questions/fitness", "fitness"), ("questions/courier", "courier"), ("questions/chinook-r9", "chinook"), ("questions/theatre", "theatre"), ("questions/utility", "utility"), ("questions/chinook-r10", "chinook"), ("questions/farmcoop", "farmcoop"), ("questions/transit", "transit"), ("questions/hotels", "hotels"),
                      ("questions/registrar", "registrar"), ("questions/wholesale", "wholesale")])
    func theHeldOutSetIsMeasured(set: String, source: String) async throws {
        let (services, acme, _, home) = try await Self.makeServices()
        defer { try? FileManager.default.removeItem(at: home) }
        let cases = try EvalCase.parse(String(contentsOf: Self.fixtures.appendingPathComponent("\(set).jsonl"), encoding: .utf8))
        let report = try await services.assistant.evaluate(acme, cases: cases, name: "measured-\(set.split(separator: "/").last!)", source: source)
        print("measured \(set): \(report.total.correct)/\(report.total.total) " + String(format: "(%.1f%%) ", report.total.percent)
              + report.byLevel.map { "\($0.level) \($0.tally.correct)/\($0.tally.total)" }.joined(separator: ", ")
              + "; silently wrong where a refusal was due: \(report.silentlyWrong.count)")
        if ProcessInfo.processInfo.environment["BULKHEAD_SHOW_HELDOUT_MISSES"] != nil { print(Self.describe(report)) }
        #expect(report.total.total == cases.count)
    }
}
