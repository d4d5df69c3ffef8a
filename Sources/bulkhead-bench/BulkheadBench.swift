import ArgumentParser
import Foundation

/// `bulkhead-bench query|vectors|context|ask|console|ssh`: benchmarks that print JSON.
///
/// Arguments are parsed by swift-argument-parser, like `bulkhead`'s, so every benchmark has
/// `--help`, and a wrong argument is a usage error (exit 2) instead of a path to open.
@main
struct BulkheadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulkhead-bench",
        abstract: "Benchmarks of Bulkhead; each prints JSON on stdout.",
        subcommands: [Query.self, Vectors.self, Context.self, Ask.self, Console.self, SSH.self])

    /// Parses and runs; a usage error exits 2, as `bulkhead`'s do.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// `bulkhead-bench query`.
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The query engine's cost over a bare sqlite3 connection, on Chinook (point query, 10,000-row scan, cursor).")
        @Option(help: "The Chinook database to copy and query.") var chinook = "Tests/Fixtures/chinook.sqlite"
        @Option(help: "Timed point queries per path.") var point = 5_000
        @Option(help: "Timed 10,000-row scans per path.") var scan = 200

        func run() throws {
            print(try QueryBench.run(chinook: chinook, pointIterations: point, scanIterations: scan))
        }
    }

    /// `bulkhead-bench vectors DATA_DIR`.
    struct Vectors: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vector ingest and search (exact and HNSW) on a dataset of make_vectors.py; one JSON line per index kind.")
        @Argument(help: ArgumentHelp("The dataset folder.", discussion: """
            meta.json (n, dim, tenants, queries, k) and little-endian arrays: vectors.f32 (n x dim), \
            tenants.u16 (n), queries.f32 (queries x dim), query_tenants.u16 (queries), truth.i32 (queries x k).
            """)) var dataDirectory: String
        @Option(help: "exact, hnsw or both (each in its own process).") var index: VectorBench.IndexChoice = .both
        @Option(help: "HNSW neighbors per node.") var m: Int?
        @Option(name: .customLong("ef-construction"), help: "HNSW candidate list while building.") var efConstruction: Int?
        @Option(name: .customLong("ef-search"), help: "HNSW candidate list while searching.") var efSearch: Int?
        @Option(help: "Threads for ingest and exact scans (default: the processor count).") var threads: Int?
        @Flag(name: .customLong("cpu-time"), help: "Time queries with the thread's CPU clock (for a busy machine).") var cpuTime = false
        @Option(name: .customLong("ef-sweep"), help: "Extra efSearch values to measure, comma-separated.") var efSweep: String?
        @Flag(help: "Measure reopening a large collection with and without its saved graph instead.") var reopen = false

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
            if let efSweep, efSweep.split(separator: ",").contains(where: { Int($0) == nil }) {
                throw ValidationError("--ef-sweep takes whole numbers separated by commas")
            }
        }

        func run() throws {
            var options = VectorBench.Options()
            options.index = index
            if let m { options.parameters.m = m }
            if let efConstruction { options.parameters.efConstruction = efConstruction }
            if let efSearch { options.parameters.efSearch = efSearch }
            if let threads { options.threads = threads }
            options.cpuTime = cpuTime
            options.efSweep = (efSweep ?? "").split(separator: ",").compactMap { Int($0) }
            options.reopen = reopen
            try VectorBench.run(folder: dataDirectory, options: options)
        }
    }

    /// `bulkhead-bench context`.
    struct Context: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The cost of assembling one prompt context (50 tables, 1,000 notes and examples, 20 turns).")
        @Option(help: "Timed context builds.") var iterations = 500
        @OptionGroup var store: StoreOptions

        func run() async throws {
            print(try await ContextBench.run(iterations: iterations, store: try store.resolve()))
        }
    }

    /// `bulkhead-bench ask`.
    struct Ask: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The whole ask pipeline with the offline model on Chinook (context, plan, sandboxed query, log).")
        @Option(help: "The Chinook database to copy and ask about.") var chinook = "Tests/Fixtures/chinook.sqlite"
        @Option(help: "Timed asks.") var iterations = 500
        @OptionGroup var store: StoreOptions

        func run() async throws {
            print(try await AskBench.run(chinook: chinook, iterations: iterations, store: try store.resolve()))
        }
    }

    /// `bulkhead-bench console`.
    struct Console: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The real binary in tmux at 120x35 with Chinook: first frame, idle memory, a million rows scrolled to the end, redraw per keypress.")
        @Option(help: "The bulkhead binary (default: the one beside this benchmark).") var binary: String?
        @Option(help: "First-frame runs.") var runs = 15
        @Option(help: "The Chinook database the logged-in user has connected.") var chinook = "Tests/Fixtures/chinook.sqlite"
        @Option(help: "Rows of the generated source scrolled to its end.") var rows = 1_000_000

        func run() async throws {
            print(try await ConsoleBench.run(binary: binary, runs: runs, chinook: chinook, rows: rows))
        }
    }

    /// `bulkhead-bench ssh`.
    struct SSH: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "bulkhead serve with the real OpenSSH client: first frame, memory per live session, shared-limit costs.")
        @Option(help: "The bulkhead binary (default: the one beside this benchmark).") var binary: String?
        @Option(help: "First-frame runs.") var runs = 20
        @Option(help: "Sessions kept live at once for the memory figures.") var sessions = 20

        func run() async throws {
            print(try await SSHBench.run(binary: binary, runs: runs, sessions: sessions))
        }
    }

    /// The store a benchmark runs on (see `BenchStore`).
    struct StoreOptions: ParsableArguments {
        @Option(help: "sqlite, or postgres://USER@HOST:PORT/DB (default: BULKHEAD_STORE, else sqlite).") var store: String?
        @Option(name: .customLong("operator-key"), help: "The operator key file, for a PostgreSQL store that has its operator already.")
        var operatorKey: String?

        func resolve() throws -> BenchStore { try BenchStore.resolve(store: store, operatorKey: operatorKey) }
    }
}
