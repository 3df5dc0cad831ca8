// swift-tools-version:6.0
// movierec's fuzz targets, a package of their own so that movierec's build and tests never pay
// for the sanitizer build. scripts/fuzz.sh builds and runs them with libFuzzer.
import PackageDescription

let package = Package(
    name: "movierec-fuzz",
    dependencies: [
        .package(name: "movierec", path: ".."),
    ],
    targets: [
        .target(name: "FuzzerDriver", path: "FuzzerDriver"),
        .executableTarget(
            name: "movierec-fuzz-request-parser",
            dependencies: [.product(name: "HTTP", package: "movierec"), "FuzzerDriver"],
            path: "RequestParserFuzz"),
    ],
    swiftLanguageModes: [.v5]
)
