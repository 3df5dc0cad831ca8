// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "movierec",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "movierec", targets: ["movierec"]),
        // Libraries for the benchmark package in Benchmarks/, which measures them in isolation.
        .library(name: "HTTP", targets: ["HTTP"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Ratings", targets: ["Ratings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // System-library shims: a header and a link line, nothing else.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),

        .target(name: "Threads"),
        .target(name: "Linalg", dependencies: ["CBLAS", "Threads"]),
        .target(name: "Ratings", dependencies: ["Linalg"]),
        .target(name: "Store", dependencies: ["Ratings", "CSQLite", "CLibPQ"]),
        .target(name: "Models", dependencies: ["Threads", "Linalg", "Ratings"]),
        .target(name: "Recommender", dependencies: ["Models", "Linalg", "Ratings"]),
        .target(name: "HTTP", dependencies: ["CEpoll", "Threads", .product(name: "Logging", package: "swift-log")]),
        // The API contract is compiled into the server (GET /openapi.yaml), from the one
        // copy at the top level (Contract/openapi.yaml links to it).
        .target(name: "Service", dependencies: [
            "HTTP", "Recommender", "Models", "Store", "Ratings", "Linalg", "Threads",
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.embedInCode("Contract/openapi.yaml")]),
        .executableTarget(name: "movierec", dependencies: [
            "Service", "Recommender", "Models", "Store", "Ratings", "Linalg", "HTTP",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "ThreadsTests", dependencies: ["Threads"]),
        .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
        .testTarget(name: "RatingsTests", dependencies: ["Ratings"]),
        .target(name: "PostgresTestSupport", path: "Tests/PostgresTestSupport"),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Ratings", "Linalg", "PostgresTestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Linalg", "Ratings"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "RecommenderTests", dependencies: ["Recommender", "Models", "Linalg", "Ratings"]),
        .target(name: "HTTPTestSupport", path: "Tests/HTTPTestSupport"),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "HTTPTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ServiceTests", dependencies: ["Service", "Recommender", "HTTP", "HTTPTestSupport", "Models", "Store", "Ratings",
                                                        "PostgresTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "MovierecTests", dependencies: ["movierec", "HTTP"]),
    ],
    swiftLanguageModes: [.v5]
)
