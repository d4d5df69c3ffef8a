import BulkheadFuzzEntries
import Foundation
import Testing

/// Every fuzz target's seed corpus and every input that once made it crash, replayed through the
/// same entry points the fuzzers drive. CI runs these; it does not fuzz (see FuzzTesting/README.md).
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// `FuzzTesting/` of this checkout, found from this file (no absolute path).
    static let fuzzTesting = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FuzzTesting", isDirectory: true)

    /// The files of `FuzzTesting/<folder>/<target>/`, sorted.
    static func inputs(_ folder: String, _ target: FuzzTarget) -> [URL] {
        let directory = fuzzTesting.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test("every target has a seed corpus in the repository", arguments: FuzzTarget.allCases)
    func seeds(_ target: FuzzTarget) {
        #expect(!Self.inputs("Corpus", target).isEmpty, "FuzzTesting/Corpus/\(target.rawValue) is empty")
    }

    @Test("every seed and every kept crash input runs through its entry point", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) async throws {
        for file in Self.inputs("Corpus", target) + Self.inputs("Regressions", target) {
            await target.run(try Data(contentsOf: file))
        }
    }
}
