import ArgumentParser
import Synchronization
import BulkheadVectors
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `bulkhead-bench vectors DATA_DIR [--index exact|hnsw|both] [--m M] [--ef-construction N] [--ef-search N]`
///
/// Reads a dataset folder (the format is on `Dataset`; the peer stores' bench suite writes it with
/// `make_vectors.py`), puts each tenant in its own
/// collection index (the same `CollectionIndex` type the `VectorStore` keeps in its cache, one per
/// (org, collection)), and prints one JSON line per index kind with the keys the peer scripts print,
/// so `table.py` can set them side by side. It measures like the peers: ingest timed from the
/// first insert to the last, 10 warm-up queries (the first timed as `first_query_ms`), then every
/// query timed once around the search call alone. With `--index both` (the default) each kind runs
/// in its own child process, so that `peak_rss_mb` of one is not the other's.
enum VectorBench {
    /// Runs the benchmark on the dataset in `folder` and prints JSON lines on stdout.
    static func run(folder: String, options: Options) throws {
        if options.reopen {
            let data = try Dataset(folder: URL(fileURLWithPath: folder))
            let parameters = options.parameters
            try runBlocking { try await VectorReopenBench.run(data, parameters: parameters) }
            return
        }
        if options.index == .both {
            for kind in [IndexChoice.exact, .hnsw] {
                try runChild(arguments: ["vectors", folder, "--index", kind.rawValue, "--m", "\(options.parameters.m)",
                                         "--ef-construction", "\(options.parameters.efConstruction)",
                                         "--ef-search", "\(options.parameters.efSearch)", "--threads", "\(options.threads)"] + (options.cpuTime ? ["--cpu-time"] : [])
                               + (kind == .hnsw && !options.efSweep.isEmpty ? ["--ef-sweep", options.efSweep.map(String.init).joined(separator: ",")] : []))
            }
            return
        }
        let data = try Dataset(folder: URL(fileURLWithPath: folder))
        try measure(data, options: options)
    }

    /// Which index kinds to measure.
    enum IndexChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
        case exact, hnsw, both
    }

    struct Options {
        var index = IndexChoice.both
        var parameters = HNSWParameters()
        var threads = ProcessInfo.processInfo.activeProcessorCount
        /// Times queries with the thread's CPU clock instead of the wall clock (for a busy machine).
        var cpuTime = false
        /// Also measure opening a large collection through the store, with and without its saved graph.
        var reopen = false
        /// Extra efSearch values to measure on the same graphs after the main line (one line each).
        var efSweep: [Int] = []
    }

    struct BenchFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs async work to completion from this synchronous command.
    private static func runBlocking(_ work: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = Mutex<(any Error)?>(nil)
        Task {
            do { try await work() } catch { failure.withLock { $0 = error } }
            done.signal()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Runs this executable again with `arguments`, passing its stdout through.
    private static func runChild(arguments: [String]) throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = arguments
        try child.run()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else { throw BenchFailure("child benchmark failed") }
    }

    private static func measure(_ data: Dataset, options: Options) throws {
        let useGraph = options.index == .hnsw
        let configuration = VectorIndexConfiguration(hnswThreshold: useGraph ? 1 : Int.max, hnsw: options.parameters)
        let dim = data.dim
        // Each tenant's rows, in arrival order; the store would get them as separate `add` calls.
        var tenantRows = [[Int]](repeating: [], count: data.tenants)
        for row in 0..<data.n { tenantRows[Int(data.vectorTenants[row])].append(row) }
        let rowsOfTenant = tenantRows

        let ingestStart = ContinuousClock.now
        let boxes = (0..<data.tenants).map { _ in IndexBox(CollectionIndex(dimension: dim, configuration: configuration)) }
        // Tenants are independent collections with their own locks in the store, so they load in parallel.
        let workers = min(options.threads, data.tenants)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var tenant = worker
            while tenant < data.tenants {
                data.vectors.withUnsafeBufferPointer { buffer in
                    for row in rowsOfTenant[tenant] {
                        let slice = UnsafeBufferPointer(rebasing: buffer[(row * dim)..<((row + 1) * dim)])
                        boxes[tenant].index.upsert(id: String(row), text: "", metadata: [:], vector: slice)
                    }
                }
                tenant += workers
            }
        }
        let ingestSeconds = seconds(since: ingestStart)

        for ef in [nil] + (useGraph ? options.efSweep.map { Optional($0) } : []) {
            report(data, options: options, boxes: boxes, ef: ef, ingestSeconds: ingestSeconds, workers: workers)
        }
    }

    private static func report(_ data: Dataset, options: Options, boxes: [IndexBox], ef: Int?, ingestSeconds: Double, workers: Int) {
        let useGraph = options.index == .hnsw
        let dim = data.dim
        var latencies: [Double] = []
        var cpuLatencies: [Double] = []
        var results: [[Int]] = []
        var scored: [Double] = []
        func search(_ query: Int) -> [Int] {
            let box = boxes[Int(data.queryTenants[query])]
            let hits = data.queryVectors.withUnsafeBufferPointer { buffer in
                box.index.search(buffer.baseAddress! + query * dim, k: data.k, ef: ef).hits
            }
            return hits.map { Int(box.index.row($0.row).id)! }
        }
        let firstStart = ContinuousClock.now
        _ = search(0)
        let firstMs = seconds(since: firstStart) * 1000
        for query in 1..<min(10, data.queries) { _ = search(query) }
        for query in 0..<data.queries {
            let start = ContinuousClock.now
            let cpuStart = threadCPUSeconds()
            let ids = search(query)
            let searched = boxes[Int(data.queryTenants[query])].index
            scored.append(Double(useGraph ? searched.lastGraphScored : searched.lastBoundedSurvivors))
            let cpuMs = (threadCPUSeconds() - cpuStart) * 1000
            latencies.append(options.cpuTime ? cpuMs : seconds(since: start) * 1000)
            cpuLatencies.append(cpuMs)
            results.append(ids)
        }

        var hits = 0
        var cross = 0
        for (query, ids) in results.enumerated() {
            let truth = Set(data.truth[(query * data.k)..<((query + 1) * data.k)].map(Int.init))
            hits += Set(ids.prefix(data.k)).intersection(truth).count
            cross += ids.filter { data.vectorTenants[$0] != data.queryTenants[query] }.count
        }
        if cross > 0 { FileHandle.standardError.write(Data("error: \(cross) results came from another tenant\n".utf8)) }
        let sorted = latencies.sorted()
        var fields: [(String, String)] = [
            ("peer", json(useGraph ? "bulkhead-hnsw" : "bulkhead-exact")),
            ("version", json("swift-index")),
            ("index", json(useGraph ? "hnsw" : "exact")),
            ("n", "\(data.n)"), ("dim", "\(dim)"), ("tenants", "\(data.tenants)"),
            ("queries", "\(data.queries)"), ("k", "\(data.k)"),
            ("ingest_s", fixed(ingestSeconds, 3)),
            ("ingest_per_s", fixed(Double(data.n) / ingestSeconds, 1)),
            ("first_query_ms", fixed(firstMs, 3)),
            ("p50_ms", fixed(BenchStats.percentile(sorted, 0.50), 4)),
            ("p95_ms", fixed(BenchStats.percentile(sorted, 0.95), 4)),
            ("p99_ms", fixed(BenchStats.percentile(sorted, 0.99), 4)),
            ("recall_at_10", fixed(Double(hits) / Double(data.queries * data.k), 4)),
            ("cross_tenant_results", "\(cross)"),
            ("peak_rss_mb", fixed(peakRSSMegabytes(), 1)),
            ("rss_after_load_mb", fixed(data.rssAfterLoadMB, 1)),
            ("ingest_threads", "\(workers)"),
            ("clock", json(options.cpuTime ? "thread-cpu" : "wall")),
            ("cpu_p50_ms", fixed(BenchStats.percentile(cpuLatencies.sorted(), 0.50), 4)),
            ("cpu_p99_ms", fixed(BenchStats.percentile(cpuLatencies.sorted(), 0.99), 4)),
        ]
        if !useGraph {
            fields += [("rescored_p50", fixed(BenchStats.percentile(scored.sorted(), 0.50), 0))]
        }
        if useGraph {
            fields += [("m", "\(options.parameters.m)"), ("ef_construction", "\(options.parameters.efConstruction)"),
                       ("ef_search", "\(ef ?? options.parameters.efSearch)"),
                       ("scored_p50", fixed(BenchStats.percentile(scored.sorted(), 0.50), 0))]
        }
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }

    /// A tenant's index, shared by reference with the ingest worker that owns it.
    final class IndexBox: @unchecked Sendable {
        var index: CollectionIndex
        init(_ index: CollectionIndex) { self.index = index }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    static func json(_ text: String) -> String { "\"\(text)\"" }

    /// The dataset files of one folder: `meta.json` (`n`, `dim`, `tenants`, `queries`, `k`), then raw
    /// little-endian arrays: `vectors.f32` (n × dim), `tenants.u16` (n), `queries.f32` (queries × dim),
    /// `query_tenants.u16` (queries) and `truth.i32` (queries × k, the exact top k within the query's tenant).
    struct Dataset: Sendable {
        let n: Int, dim: Int, tenants: Int, queries: Int, k: Int
        let vectors: [Float]
        let vectorTenants: [UInt16]
        let queryVectors: [Float]
        let queryTenants: [UInt16]
        let truth: [Int32]
        let rssAfterLoadMB: Double


        init(folder: URL) throws {
            let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("meta.json"))) as? [String: Any] ?? [:]
            func number(_ key: String) throws -> Int {
                guard let value = meta[key] as? Int else { throw BenchFailure("meta.json: missing \(key)") }
                return value
            }
            n = try number("n"); dim = try number("dim"); tenants = try number("tenants")
            queries = try number("queries"); k = try number("k")
            func load<T>(_ name: String, _ type: T.Type, count: Int) throws -> [T] {
                let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
                guard bytes.count == count * MemoryLayout<T>.stride else { throw BenchFailure("\(name): unexpected size") }
                return bytes.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
            }
            vectors = try load("vectors.f32", Float.self, count: n * dim)
            vectorTenants = try load("tenants.u16", UInt16.self, count: n)
            queryVectors = try load("queries.f32", Float.self, count: queries * dim)
            queryTenants = try load("query_tenants.u16", UInt16.self, count: queries)
            truth = try load("truth.i32", Int32.self, count: queries * k)
            rssAfterLoadMB = VectorBench.peakRSSMegabytes()
        }
    }
}
