// swift-tools-version:6.1
// Bulkhead: a multi-tenant AI data console. The module graph mirrors ../shared/DESIGN.md:
// every arrow points down, and the compiler keeps it that way because each layer is a target.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Bulkhead",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bulkhead", targets: ["bulkhead"]),
        .executable(name: "bulkhead-bench", targets: ["bulkhead-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", "4.1.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // C shims: thin system-library targets.
        .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Ids, Principal, provenance, safe errors, clock.
        .target(name: "BulkheadCore", swiftSettings: strict),
        .testTarget(name: "BulkheadCoreTests", dependencies: ["BulkheadCore"], swiftSettings: strict),
    ]
)
