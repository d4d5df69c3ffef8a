// swift-tools-version:6.1
// Bulkhead: a multi-tenant AI data console. The module graph is described in docs/architecture.md:
// every arrow points down, and the compiler keeps it that way because each layer is a target.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let sqlite = Target.Dependency.product(name: "GRDBSQLite", package: "GRDB.swift")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let postgres = Target.Dependency.product(name: "PostgresNIO", package: "postgres-nio")
let http = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let nio = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioSSH = Target.Dependency.product(name: "NIOSSH", package: "swift-nio-ssh")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")

/// Release builds of the binaries link with lld and pack their relative relocations (DT_RELR,
/// glibc 2.36+): the loader then reads a few kilobytes at start instead of 3.8 MB of `.rela.dyn`,
/// which every console process (one per SSH session) would otherwise keep resident.
let compactRelocations: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Bulkhead",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bulkhead", targets: ["bulkhead"]),
        .executable(name: "bulkhead-bench", targets: ["bulkhead-bench"]),
        // The fuzz entry points, for the FuzzTesting subpackage (and the regression tests here).
        .library(name: "BulkheadFuzzEntries", targets: ["BulkheadFuzzEntries"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", "4.1.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // HTTP for the remote model providers and embedders (NIO, not FoundationNetworking's libcurl chain,
        // which cost every start of the binary about 16 ms of dynamic loading).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Theme files.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
    ],
    targets: [
        // C shims: thin system-library targets.
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),
        // sqlite3_db_config is variadic; this shim lets the engine's sandbox call it (defensive mode, no extensions).
        .systemLibrary(name: "CSQLiteConfig"),
        // posix_spawn's setsid flag and closefrom, and the window-size ioctl, for the SSH server's sessions (header only).
        .systemLibrary(name: "CSpawn"),
        // A prefetch hint and an SSE2 int8 dot product for the HNSW walk (header only).
        .systemLibrary(name: "CVectorKernels"),

        // Ids, Principal, provenance, safe errors, clock.
        .target(name: "BulkheadCore", swiftSettings: strict),
        // Workspace, control-plane and per-org tenant databases, backup and restore, sealed secrets.
        .target(name: "BulkheadStore", dependencies: ["BulkheadCore", grdb, sqlite, crypto, logging], swiftSettings: strict),
        // What the PostgreSQL store and PostgreSQL sources share: connection URLs, the client's lifecycle,
        // the bridge from synchronous services to postgres-nio, safe error sentences.
        .target(name: "BulkheadPostgresKit", dependencies: ["BulkheadCore", postgres, nioCore, logging], swiftSettings: strict),
        // The store on PostgreSQL: versioned migrations with row-level security, the two roles, claims per transaction.
        .target(name: "BulkheadPostgres", dependencies: ["BulkheadCore", "BulkheadStore", "BulkheadPostgresKit", postgres, grdb, logging],
                swiftSettings: strict),
        // A throwaway PostgreSQL cluster (initdb, pg_ctl on 127.0.0.1) and a SQLite-to-PostgreSQL copier, for tests and benchmarks.
        .target(name: "BulkheadTestCluster", dependencies: ["BulkheadPostgresKit", postgres, grdb, logging], swiftSettings: strict),
        // The two stores (SQLite, PostgreSQL) as a test argument, with throwaway PostgreSQL databases; tests only.
        .target(name: "BulkheadTestBackends", dependencies: ["BulkheadCore", "BulkheadStore", "BulkheadPostgres", "BulkheadPostgresKit",
                                                            "BulkheadTestCluster", postgres], swiftSettings: strict),
        // Picks the store once at start (--store, BULKHEAD_STORE): the home's SQLite files or PostgreSQL.
        .target(name: "BulkheadBackend", dependencies: ["BulkheadCore", "BulkheadStore", "BulkheadPostgres", "BulkheadPostgresKit"],
                swiftSettings: strict),
        // Passwords, tokens, lockout, revocation, SSH keys (parsed with swift-nio-ssh, fingerprinted with swift-crypto).
        .target(name: "BulkheadAuth", dependencies: ["BulkheadCore", "BulkheadStore", "COpenSSL", grdb, logging, crypto, nioSSH,
                                                     .product(name: "JWTKit", package: "jwt-kit")], swiftSettings: strict),
        // Sources, ownership-tracked pool, sandboxed execution, limits, rate limiter.
        .target(name: "BulkheadEngine", dependencies: ["BulkheadCore", "BulkheadStore", "BulkheadPostgresKit", "CSQLiteConfig",
                                                       grdb, sqlite, postgres, logging], swiftSettings: strict),
        // Per-org collections, embedders, exact and HNSW search.
        // Optimized even in debug builds: the tests build real HNSW graphs, which take minutes unoptimized.
        .target(name: "BulkheadVectors", dependencies: ["BulkheadCore", "BulkheadStore", "CVectorKernels", grdb, logging, http, nio],
                swiftSettings: strict + [.unsafeFlags(["-O"])]),
        // The demo workspace's data: two orgs' source files, notes and canaries, from a fixed seed.
        .target(name: "BulkheadDemo", dependencies: ["BulkheadCore", grdb], swiftSettings: strict),
        // Model providers: the offline planner (default), Anthropic, OpenAI-compatible; prompt rendering, prices.
        .target(name: "BulkheadModels", dependencies: ["BulkheadCore", logging, http, nio, nioPosix],
                exclude: ["Offline/WordNet.LICENSE"], swiftSettings: strict),
        // Prompt sections with provenance, token budget, context firewall, request log.
        .target(name: "BulkheadContext", dependencies: ["BulkheadCore", "BulkheadStore", "BulkheadModels", "BulkheadEngine",
                                                        "BulkheadVectors", grdb, logging], swiftSettings: strict),
        // The ask pipeline: rate limit -> context -> firewall -> model -> sandboxed execution -> answer -> log.
        .target(name: "BulkheadAssistant", dependencies: ["BulkheadCore", "BulkheadStore", "BulkheadAuth", "BulkheadModels",
                                                          "BulkheadEngine", "BulkheadVectors", "BulkheadContext", "BulkheadDemo",
                                                          grdb, logging], swiftSettings: strict),
        // The cross-tenant attack suite: two throwaway orgs in a temporary home, attacked as each other.
        .target(name: "BulkheadAudit", dependencies: ["BulkheadCore", "BulkheadStore", "BulkheadAuth", "BulkheadEngine", "BulkheadVectors",
                                                      "BulkheadModels", "BulkheadContext", "BulkheadAssistant", "BulkheadDemo", "BulkheadBackend",
                                                      "BulkheadPostgres", "BulkheadPostgresKit", postgres, "BulkheadServer",
                                                      nioSSH, nioCore, nioPosix,
                                                      grdb, sqlite, logging, crypto, .product(name: "JWTKit", package: "jwt-kit")],
                swiftSettings: strict),
        // `bulkhead serve`: SSH on swift-nio-ssh, key -> user, one child process per session on a pty.
        .target(name: "BulkheadServer", dependencies: ["BulkheadCore", "BulkheadStore", "BulkheadAuth", "CSpawn", nioSSH, nioCore, nioPosix,
                                                       logging], swiftSettings: strict),
        // The console: state, messages, update, view -> cells. No ncurses, no storage.
        .target(name: "BulkheadConsole", dependencies: ["BulkheadCore", .product(name: "TOMLKit", package: "TOMLKit")],
                swiftSettings: strict),
        // The ncurses driver.
        .target(name: "BulkheadTerminal", dependencies: ["BulkheadConsole", "CNCursesW"], swiftSettings: strict),

        // One entry point per fuzz target (FuzzTesting/), shared by the fuzzers and the regression tests.
        .target(name: "BulkheadFuzzEntries", dependencies: [
            "BulkheadCore", "BulkheadStore", "BulkheadAuth", "BulkheadEngine", "BulkheadModels", "BulkheadContext",
            "BulkheadDemo", "BulkheadConsole", "BulkheadTerminal", .product(name: "JWTKit", package: "jwt-kit"),
        ], swiftSettings: strict),

        .executableTarget(name: "bulkhead", dependencies: [
            "BulkheadCore", "BulkheadStore", "BulkheadAuth", "BulkheadEngine", "BulkheadVectors", "BulkheadAssistant", "BulkheadContext",
            "BulkheadConsole", "BulkheadTerminal", "BulkheadAudit", "BulkheadPostgres", "BulkheadPostgresKit", "BulkheadBackend",
            "BulkheadServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"), logging,
        ], swiftSettings: strict, linkerSettings: compactRelocations),
        .executableTarget(name: "bulkhead-bench", dependencies: [
            "BulkheadCore", "BulkheadStore", "BulkheadEngine", "BulkheadVectors", "BulkheadConsole", "BulkheadTerminal",
            "BulkheadAssistant", "BulkheadAuth", "BulkheadContext", "BulkheadModels", "BulkheadBackend",
            grdb, sqlite, .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        // Test support shared by several test targets: a loopback HTTP server speaking the model services' wire formats.
        .target(name: "BulkheadTestSupport", path: "Tests/BulkheadTestSupport", swiftSettings: strict),

        .testTarget(name: "BulkheadCoreTests", dependencies: ["BulkheadCore"], swiftSettings: strict),
        .testTarget(name: "BulkheadCLITests", dependencies: ["bulkhead", "bulkhead-bench", "BulkheadTestSupport", "BulkheadTestCluster",
                                                            "BulkheadTestBackends", "BulkheadPostgresKit", postgres, sqlite, grdb],
                    swiftSettings: strict),
        .testTarget(name: "BulkheadAssistantTests", dependencies: ["BulkheadAssistant", "BulkheadAuth", "BulkheadContext",
                                                                   "BulkheadModels", "BulkheadCore", "BulkheadStore", "BulkheadTestBackends", "BulkheadPostgres", "BulkheadPostgresKit", "BulkheadTestCluster", "BulkheadEngine", postgres], swiftSettings: strict),
        .testTarget(name: "BulkheadVectorsTests", dependencies: ["BulkheadVectors", "BulkheadStore", "BulkheadCore", "BulkheadTestBackends",
                                                                "BulkheadPostgres", "BulkheadPostgresKit", grdb, postgres], swiftSettings: strict),
        .testTarget(name: "BulkheadStoreTests", dependencies: ["BulkheadStore", "BulkheadCore", "BulkheadTestBackends", "BulkheadPostgres",
                                                              "BulkheadPostgresKit", grdb, postgres], swiftSettings: strict),
        .testTarget(name: "BulkheadModelsTests", dependencies: ["BulkheadModels", "BulkheadCore", "BulkheadTestSupport", sqlite], swiftSettings: strict),
        // Depends on the `bulkhead` executable so the SSH layer has a real binary to run sessions with.
        .testTarget(name: "BulkheadAuditTests", dependencies: ["BulkheadAudit", "BulkheadAssistant", "BulkheadCore", "BulkheadTestBackends",
                                                              "bulkhead", logging],
                    swiftSettings: strict),
        .testTarget(name: "BulkheadAuthTests", dependencies: ["BulkheadAuth", "BulkheadStore", "BulkheadCore", grdb, .product(name: "JWTKit", package: "jwt-kit")], swiftSettings: strict),
        .testTarget(name: "BulkheadEngineTests", dependencies: ["BulkheadEngine", "BulkheadStore", "BulkheadCore", "BulkheadTestCluster",
                                                                "BulkheadPostgresKit", grdb, sqlite, logging, postgres], swiftSettings: strict),
        .testTarget(name: "BulkheadPostgresTests", dependencies: ["BulkheadPostgres", "BulkheadPostgresKit", "BulkheadStore", "BulkheadTestCluster", "BulkheadCore",
                                                                  postgres, logging], swiftSettings: strict),
        .testTarget(name: "BulkheadServerTests", dependencies: ["BulkheadServer"], swiftSettings: strict),
        // Replays every fuzz seed and every input that once crashed (FuzzTesting/Corpus, FuzzTesting/Regressions).
        .testTarget(name: "BulkheadFuzzRegressionTests", dependencies: ["BulkheadFuzzEntries"], swiftSettings: strict),
        .testTarget(name: "BulkheadConsoleTests", dependencies: ["BulkheadConsole", "BulkheadTerminal", "BulkheadCore"], exclude: ["__Snapshots__"], swiftSettings: strict),
    ]
)
