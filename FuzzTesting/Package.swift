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
    targets: [
        // libFuzzer's hooks (LLVMFuzzerInitialize, LLVMFuzzerTestOneInput); the executable's name picks the target.
        .target(name: "FuzzEntryPoint", dependencies: [.product(name: "BulkheadFuzzEntries", package: "Bulkhead")]),
    ] + targets.map { name in
        // libFuzzer brings `main`; the executable only links the hooks in.
        .executableTarget(name: name, dependencies: ["FuzzEntryPoint"], swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
