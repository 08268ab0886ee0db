// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "tiqu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tiqu", targets: ["tiqu"]),
        .library(name: "TiquCore", targets: ["TiquCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The system PCRE2 library (Debian: libpcre2-dev). Nothing but Sources/PCRE2 imports it.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // The only module with unsafe code: compile, JIT, match, typed errors.
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // The stages: Source, Clean, Segment, Rules, Match, Normalize, Emit, Pipeline.
        .target(name: "TiquCore", dependencies: ["PCRE2", .product(name: "Yams", package: "Yams")]),
        // The command line: wiring and presentation only.
        .executableTarget(
            name: "tiqu",
            dependencies: ["TiquCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "TiquCoreTests", dependencies: ["TiquCore", "PCRE2"]),
    ]
)
