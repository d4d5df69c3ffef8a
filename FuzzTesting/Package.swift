// swift-tools-version:6.1
// The fuzz targets of Bulkhead: one libFuzzer executable per entry point of BulkheadFuzzEntries.
// Build with `swift build --sanitize=fuzzer --sanitize=address` (see README.md); the normal
// `swift test` of the main package replays Corpus/ and Regressions/ without fuzzing.
import PackageDescription

let targets = [
    "FuzzTokenVerification", "FuzzCSVReader", "FuzzSandbox", "FuzzOfflinePlanner", "FuzzKeyDecoder",
    "FuzzBackupReading", "FuzzTerminalText",
]

let package = Package(
    name: "FuzzTesting",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Bulkhead", path: ".."),
    ],
    targets: targets.map { name in
        // libFuzzer brings `main`; the Swift file only defines LLVMFuzzerTestOneInput.
        .executableTarget(name: name, dependencies: [.product(name: "BulkheadFuzzEntries", package: "Bulkhead")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
