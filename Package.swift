// swift-tools-version:6.1
import PackageDescription

// One set of compiler settings for every target: Swift 6 language mode with
// strict concurrency is the default of tools 6; these add the upcoming checks.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "DirectorySync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dsync", targets: ["dsync"]),
        .executable(name: "directoryd", targets: ["directoryd"]),
        .library(name: "LDAP", targets: ["LDAP"]),
        .library(name: "SCIM", targets: ["SCIM"]),
        .library(name: "SyncEngine", targets: ["SyncEngine"]),
        .library(name: "SCIMClient", targets: ["SCIMClient"]),
        .library(name: "Connectors", targets: ["Connectors"]),
        .library(name: "AgentStore", targets: ["AgentStore"]),
        // libFuzzer target for the LDAP decoders; a corpus replayer unless
        // built with -DFUZZING (scripts/fuzz-ldap, docs/fuzzing.md).
        .executable(name: "ldap-fuzz", targets: ["LDAPFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
    ],
    targets: [
        .target(
            name: "BuildInfo",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LDAP",
            dependencies: [
                "NetworkFailures",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Words for the agent's and the directory's own files and folders
        // that cannot be used (missing, a file for a folder, permissions).
        .target(
            name: "FileProblems",
            swiftSettings: swiftSettings
        ),
        // Words for failed connections (refused, unresolved, timed out,
        // certificate refused), shared by the SCIM and SMTP clients.
        .target(
            name: "NetworkFailures",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // RFC 5321 SMTP client (STARTTLS, AUTH) for the agent's notifications;
        // no sync logic.
        .target(
            name: "SMTP",
            dependencies: [
                "NetworkFailures",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // RFC 7643/7644 shared by the directory and the agent; no dependencies.
        .target(
            name: "SCIM",
            swiftSettings: swiftSettings
        ),
        // The agent's pure core: conditions catalogue, configuration, model and
        // planner. Never depends on LDAP, DirectoryServer or Hummingbird; the
        // executables wire sources and targets to it.
        .target(
            name: "SyncEngine",
            dependencies: [
                "SCIM",
                "FileProblems",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The ports' implementations: sources (LDAP, Active Directory, LDIF)
        // and the SCIM target.
        .target(
            name: "Connectors",
            dependencies: [
                "SyncEngine",
                "SCIM",
                "SCIMClient",
                "LDAP",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The agent's state in SQLite: links, members written, watermarks,
        // runs and results, the retry queue, the intent journal.
        .target(
            name: "AgentStore",
            dependencies: [
                "SyncEngine",
                "FileProblems",
                "SCIM",
                "CSQLiteTuning",
                .product(name: "GRDB", package: "GRDB.swift"),
                // sqlite3_column_text for anchors read without a String (StoredAnchor).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The agent's wiring: configuration to sources, target and state;
        // one run (plan or sync). Used by dsync and the end-to-end tests.
        .target(
            name: "Agent",
            dependencies: [
                "BuildInfo",
                "FileProblems",
                "SyncEngine",
                "Connectors",
                "AgentStore",
                "SCIMClient",
                "SMTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // The cloud directory: SCIM routes, tenancy and rules, stores.
        .target(
            name: "SCIMClient",
            dependencies: [
                "SCIM",
                "NetworkFailures",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DirectoryServer",
            dependencies: [
                "SCIM",
                "NetworkFailures",
                "CSQLiteTuning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // glibc's malloc tuning (not in Swift's Glibc module), for dsync.
        .target(name: "CMallocTuning"),
        // SQLite's process-wide settings (sqlite3_config is variadic: C only),
        // for both programs' databases.
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        .executableTarget(
            name: "dsync",
            dependencies: [
                "CMallocTuning",
                "FileProblems",
                "LDAP",
                "SMTP",
                "SyncEngine",
                "Agent",
                "AgentStore",
                "Connectors",
                "SCIM",
                "SCIMClient",
                "BuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "directoryd",
            dependencies: [
                "BuildInfo",
                "DirectoryServer",
                "FileProblems",
                "NetworkFailures",
                .product(name: "GRDB", package: "GRDB.swift"),
                "SCIM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "LDAPFuzz",
            dependencies: [
                "LDAP",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Fuzz/LDAPFuzz",
            swiftSettings: swiftSettings
        ),
        // What the test targets that start server processes share.
        .target(
            name: "TestSupport",
            dependencies: [
                "SCIM",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/Support", swiftSettings: swiftSettings),
        .testTarget(
            name: "LDAPTests",
            dependencies: [
                "LDAP",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SMTPTests",
            dependencies: ["SMTP"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SCIMTests",
            dependencies: ["SCIM"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SyncEngineTests",
            dependencies: ["SyncEngine", "SCIM", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgentStoreTests",
            dependencies: ["AgentStore", "SyncEngine", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The executor, the SCIM target and the agent store together against
        // a real directoryd router on a loopback port.
        .testTarget(
            name: "SyncExecutionTests",
            dependencies: [
                "TestSupport",
                "SyncEngine",
                "Connectors",
                "AgentStore",
                "SCIMClient",
                "SCIM",
                "DirectoryServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SCIMClientTests",
            dependencies: [
                "TestSupport",
                "SCIMClient",
                "SCIM",
                "DirectoryServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgentTests",
            dependencies: [
                "TestSupport",
                "Agent",
                "AgentStore",
                "SCIMClient",
                "SMTP",
                "SyncEngine",
                "SCIM",
                "DirectoryServer",
                "LDAP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DirectoryServerTests",
            dependencies: [
                "TestSupport",
                "DirectoryServer",
                "SCIM",
                "CSQLiteTuning",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // Unit tests of the sources: filters, DNs, entries into objects, the
        // LDIF source on Samples/.
        .testTarget(
            name: "ConnectorsTests",
            dependencies: ["Connectors", "SyncEngine", "LDAP", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // The LDAP source against the real slapd scripts/test starts.
        .testTarget(
            name: "ConnectorsIntegrationTests",
            dependencies: ["Connectors", "SyncEngine", "LDAP"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LDAPIntegrationTests",
            dependencies: [
                "LDAP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
