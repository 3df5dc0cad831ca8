// swift-tools-version:6.0
// movierec's benchmarks, a package of their own so that movierec's build and tests never
// pay for them. Each executable measures one part in a release build; the scripts beside
// them compare it with a peer (nginx, PyTorch, Surprise) in the same run.
import PackageDescription

let package = Package(
    name: "movierec-benchmarks",
    dependencies: [
        .package(name: "movierec", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "movierec-http-bench",
            dependencies: [.product(name: "HTTP", package: "movierec")],
            path: "http/HTTPBench"),
        .executableTarget(
            name: "movierec-transformer-inference-bench",
            dependencies: [.product(name: "Models", package: "movierec")],
            path: "transformer/InferenceBench"),
    ],
    swiftLanguageModes: [.v5]
)
