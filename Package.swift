// swift-tools-version: 6.2
import PackageDescription

/// Every Swift target: Swift 6 language mode (strict concurrency) and warnings as errors.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "Shuniu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shuniu", targets: ["shuniu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        /// librdkafka (>= 2.1), found with pkg-config. Only ShuniuKafka imports it.
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka",
                       providers: [.apt(["librdkafka-dev"]), .brew(["librdkafka"])]),
        /// A plain C produce/consume loop: the raw librdkafka baseline for `shuniu bench kafka`.
        .target(name: "RawKafkaBench", dependencies: ["CRdKafka"]),
        /// The Swift layer over librdkafka: producer, consumer, admin, transactions, errors.
        .target(name: "ShuniuKafka",
                dependencies: ["CRdKafka", .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        /// OpenSSL's libcrypto (SHA-256, HMAC-SHA-256), found with pkg-config.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        /// Catalogue, change-event envelope, identifiers (GB 11643 / GB 32100), validation,
        /// grants and their workflow, signing identities (Ed25519, swift-crypto). Pure: no Kafka, no clock.
        .target(name: "ShuniuModel",
                dependencies: ["CCrypto", .product(name: "Yams", package: "Yams"),
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        /// The model on Kafka: change events as records, the topic plan applied, the grant log.
        .target(name: "ShuniuStreams", dependencies: ["ShuniuKafka", "ShuniuModel"], swiftSettings: strict),
        /// Share-by-function routing: decide(), masking, the audit chain, the router service.
        .target(name: "ShuniuRouter",
                dependencies: ["ShuniuModel", "ShuniuStreams", "ShuniuKafka",
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        /// The projected libraries: the base person and legal-entity libraries (and later the
        /// credit library), their store, the projector service, quality report and queries.
        .target(name: "ShuniuLibraries",
                dependencies: ["ShuniuModel", "ShuniuStreams", "ShuniuKafka", "ShuniuSQLite",
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        /// The credit subject library (信用主体库): credit records by subject and class from the
        /// credit-relevant themes, double publicity, objections on `ctl.credit-objections`.
        .target(name: "ShuniuCredit",
                dependencies: ["ShuniuLibraries", "ShuniuModel", "ShuniuSQLite", "ShuniuKafka", "ShuniuStreams",
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        /// Audit for ops: the access audit (`audit.access`), chain verification, who-received,
        /// replay of routing decisions, department evaluation.
        .target(name: "ShuniuAudit",
                dependencies: ["ShuniuModel", "ShuniuStreams", "ShuniuKafka", "ShuniuRouter"],
                swiftSettings: strict),
        /// The HTTP query API (`shuniu serve`): departments read the libraries under their grants,
        /// every read written to the access audit; API keys; catalogue, grants, stats, metrics.
        .target(name: "ShuniuAPI",
                dependencies: ["ShuniuModel", "ShuniuStreams", "ShuniuKafka", "ShuniuRouter", "ShuniuSQLite",
                               "ShuniuAudit", "ShuniuLibraries", "ShuniuCredit", "ShuniuOpenData",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                               .product(name: "Logging", package: "swift-log")],
                resources: [.embedInCode("Resources/openapi.json")],
                swiftSettings: strict),
        /// The synthetic city: persons, entities and their change histories, per department.
        .target(name: "ShuniuCity", dependencies: ["ShuniuModel"], swiftSettings: strict),
        /// Department adapters: publish exports (JSON Lines, CSV), watch a department's SQLite
        /// table with a durable spool.
        .target(name: "ShuniuAdapters",
                dependencies: ["ShuniuModel", "ShuniuStreams", "ShuniuKafka", "ShuniuSQLite",
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        /// A department's subscriber: checks deliveries, dedupes, writes JSONL/CSV or an SQLite
        /// mirror per theme with its positions in the same durable step.
        .target(name: "ShuniuSubscriber",
                dependencies: ["ShuniuModel", "ShuniuStreams", "ShuniuKafka", "ShuniuSQLite",
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        /// Household economic-status verification on the check centre's subscriber mirror.
        .target(name: "ShuniuAssistance",
                dependencies: ["ShuniuModel", "ShuniuSQLite", "ShuniuAudit", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        /// Broker access control: the ACL plan derived from the catalogue and the grants.
        .target(name: "ShuniuAccess", dependencies: ["ShuniuModel", "ShuniuKafka"], swiftSettings: strict),
        /// SQLite 3 from the system (libsqlite3-dev), found with pkg-config.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        /// A small SQLite layer: connections in WAL mode, cached prepared statements, transactions.
        .target(name: "ShuniuSQLite", dependencies: ["CSQLite"], swiftSettings: strict),
        /// Open-data snapshots behind a disclosure-control gate: datasets, negative list, gate,
        /// versioned DCAT-AP snapshots, the source reading src.<theme>, the refreshing service.
        .target(name: "ShuniuOpenData",
                dependencies: ["ShuniuModel", "ShuniuStreams", "ShuniuKafka",
                               .product(name: "Yams", package: "Yams"),
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        /// The `shuniu` command line.
        .executableTarget(name: "shuniu",
                          dependencies: [
                              "ShuniuKafka", "ShuniuModel", "ShuniuStreams", "ShuniuRouter", "ShuniuSQLite",
                              "ShuniuCity", "ShuniuAdapters", "ShuniuAudit", "ShuniuLibraries", "ShuniuOpenData", "ShuniuCredit", "RawKafkaBench",
                              "ShuniuSubscriber", "ShuniuAssistance", "ShuniuAccess", "ShuniuAPI",
                              .product(name: "ArgumentParser", package: "swift-argument-parser"),
                              .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                              .product(name: "Logging", package: "swift-log"),
                          ],
                          swiftSettings: strict),
        .testTarget(name: "ShuniuCityTests", dependencies: ["ShuniuCity", "ShuniuModel"], swiftSettings: strict),
        .testTarget(name: "ShuniuRouterTests", dependencies: ["ShuniuRouter", "ShuniuModel"], swiftSettings: strict),
        .testTarget(name: "ShuniuLibrariesTests", dependencies: ["ShuniuLibraries", "ShuniuModel", "ShuniuSQLite", "ShuniuCity"],
                    swiftSettings: strict),
        .testTarget(name: "ShuniuCreditTests", dependencies: ["ShuniuCredit", "ShuniuLibraries", "ShuniuModel", "ShuniuSQLite", "ShuniuCity"],
                    swiftSettings: strict),
        .testTarget(name: "ShuniuAuditTests", dependencies: ["ShuniuAudit", "ShuniuRouter", "ShuniuModel"], swiftSettings: strict),
        .testTarget(name: "ShuniuAPITests", dependencies: ["ShuniuAPI", "ShuniuAudit", "ShuniuLibraries", "ShuniuModel"], swiftSettings: strict),
        .testTarget(name: "ShuniuSQLiteTests", dependencies: ["ShuniuSQLite"], swiftSettings: strict),
        .testTarget(name: "ShuniuOpenDataTests", dependencies: ["ShuniuOpenData", "ShuniuModel", "ShuniuCity"], swiftSettings: strict),
        .testTarget(name: "ShuniuSubscriberTests",
                    dependencies: ["ShuniuSubscriber", "ShuniuModel", "ShuniuKafka", "ShuniuStreams", "ShuniuSQLite"],
                    swiftSettings: strict),
        .testTarget(name: "ShuniuAssistanceTests", dependencies: ["ShuniuAssistance", "ShuniuModel"], swiftSettings: strict),
        .testTarget(name: "ShuniuAccessTests", dependencies: ["ShuniuAccess", "ShuniuModel", "ShuniuKafka"], swiftSettings: strict),
        .testTarget(name: "ShuniuKafkaTests", dependencies: ["ShuniuKafka"], swiftSettings: strict),
        .testTarget(name: "ShuniuModelTests", dependencies: ["ShuniuModel"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "IntegrationTests",
                    dependencies: ["ShuniuKafka", "ShuniuModel", "ShuniuStreams", "ShuniuRouter", "ShuniuAdapters",
                                   "ShuniuSQLite", "ShuniuCity", "ShuniuAudit", "ShuniuLibraries", "ShuniuOpenData", "ShuniuCredit",
                                   "ShuniuSubscriber", "ShuniuAssistance", "ShuniuAccess", "ShuniuAPI",
                                   .product(name: "HummingbirdTesting", package: "hummingbird")],
                    // Data the tests read from their source paths (schemathesis settings and hooks,
                    // the DCAT-AP SHACL shapes and the pyshacl driver), not resources of the bundle.
                    exclude: ["Schemathesis", "Standards"],
                    swiftSettings: strict),
    ]
)

// Fuzz targets (libFuzzer), in the manifest only when SHUNIU_FUZZ=1: `ops/fuzz.sh` builds them
// with `-sanitize=fuzzer` into `.build-fuzz/`. They are never part of `swift build`, the tests
// or the `shuniu` product. Sources and seed corpora under `Fuzz/` (docs/bounds.md).
if Context.environment["SHUNIU_FUZZ"] == "1" {
    package.targets.append(.target(name: "CFuzzer", path: "Fuzz/Sources/CFuzzer"))
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["CFuzzer", "ShuniuModel"], path: "Fuzz/Sources/FuzzSupport"))
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzRow", ["ShuniuModel"]),
        ("FuzzEvent", ["ShuniuModel", "ShuniuRouter"]),
        ("FuzzGrantEvent", ["ShuniuModel", "ShuniuRouter"]),
        ("FuzzObjectionEvent", ["ShuniuModel", "ShuniuCredit"]),
        ("FuzzAuditRecord", ["ShuniuModel", "ShuniuRouter", "ShuniuAudit"]),
        ("FuzzMaskRule", ["ShuniuModel"]),
        ("FuzzCSV", ["ShuniuModel", "ShuniuAdapters"]),
        ("FuzzLicence", ["ShuniuModel"]),
    ]
    for target in fuzzTargets {
        package.targets.append(.executableTarget(name: target.name, dependencies: ["FuzzSupport"] + target.dependencies,
                                                 path: "Fuzz/Sources/\(target.name)"))
    }
}

// Micro-benchmarks (package-benchmark: allocations and CPU time per operation, which machine
// load does not blur), in the manifest only when SHUNIU_BENCH=1: `ops/microbench.sh` builds
// and runs them in `.build-bench/`. Never part of `swift build`, the tests or the product.
if Context.environment["SHUNIU_BENCH"] == "1" {
    package.dependencies.append(.package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(.executableTarget(
        name: "ShuniuMicro",
        dependencies: ["ShuniuModel", "ShuniuRouter", .product(name: "Benchmark", package: "benchmark")],
        path: "Benchmarks/ShuniuMicro",
        swiftSettings: strict,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
}
