// swift-tools-version:5.9
import PackageDescription

// One target per layer; dependencies point one way (docs/ARCHITECTURE.md):
//   TiquText → TiquNumbers → TiquRules → TiquClean → TiquSegment → TiquMatch → TiquNormalize → TiquEmit → TiquRun → TiquDiff → tiqu
// Only PCRE2 imports CPCRE2 and holds unsafe code; only TiquRules, TiquClean, TiquSegment and TiquMatch
// import PCRE2 (where patterns are compiled and run).
let package = Package(
    name: "tiqu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tiqu", targets: ["tiqu"]),
        .library(name: "TiquRun", targets: ["TiquRun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The system PCRE2 library (Debian: libpcre2-dev). Nothing but Sources/PCRE2 imports it.
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        // Vectorscan (Debian: libvectorscan-dev), the candidate pass of the match stage. Nothing but Sources/PCRE2 imports it.
        .systemLibrary(name: "CVectorscan", pkgConfig: "libhs", providers: [.apt(["libvectorscan-dev"])]),
        // The only module with unsafe code: compile, JIT, match, typed errors; Vectorscan's candidate pass.
        .target(name: "PCRE2", dependencies: ["CPCRE2", "CVectorscan"]),
        // System calls Swift's Glibc module does not expose (malloc_trim): declarations only, no code.
        .target(name: "CSystem"),
        // A file's bytes, decoding, the offset map (the one place offsets change units), diagnostics.
        .target(name: "TiquText"),
        // Numbers as written, read exactly: ExactDecimal, Chinese and Arabic numerals.
        .target(name: "TiquNumbers"),
        // Rule files: the pattern library, word lists (lexicon and vocabularies), compiled rules.
        .target(name: "TiquRules", dependencies: ["TiquText", "TiquNumbers", "PCRE2", .product(name: "Yams", package: "Yams")]),
        // Stage 1: decoded text → CleanText (debris removed, folded, damage flagged).
        .target(name: "TiquClean", dependencies: ["TiquText", "TiquRules", "PCRE2"]),
        // Stage 2: CleanText → Segmentation (paragraphs, sentences, the tree of points).
        .target(name: "TiquSegment", dependencies: ["TiquText", "TiquNumbers", "TiquRules", "TiquClean", "PCRE2"]),
        // Stage 3: CleanText + Segmentation → [RuleMatch].
        .target(name: "TiquMatch", dependencies: ["TiquText", "TiquRules", "TiquClean", "TiquSegment", "PCRE2"]),
        // Stage 4: [RuleMatch] → [Extraction] (values, units, qualifiers, change, context).
        .target(name: "TiquNormalize", dependencies: ["TiquText", "TiquNumbers", "TiquRules", "TiquClean", "TiquSegment", "TiquMatch"]),
        // Stage 5: [Extraction] → [Record] with original offsets; JSON Lines; outlines.
        .target(name: "TiquEmit", dependencies: ["TiquText", "TiquNumbers", "TiquRules", "TiquClean", "TiquSegment", "TiquMatch", "TiquNormalize"]),
        // The driver: wires the stages for one document, runs many documents on many threads, checks rule examples.
        .target(name: "TiquRun", dependencies: ["CSystem", "TiquText", "TiquNumbers", "TiquRules", "TiquClean", "TiquSegment", "TiquMatch", "TiquNormalize", "TiquEmit"]),
        // Records read back: diffs of two sets (pairing by span, moved boundaries), golden checks, HTML pages.
        .target(name: "TiquDiff", dependencies: ["TiquText", "TiquRules", "TiquEmit", "TiquRun"]),
        // The command line: wiring and presentation only.
        .executableTarget(name: "tiqu", dependencies: ["TiquText", "TiquRules", "TiquRun", "TiquDiff", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // libFuzzer targets (make fuzz) and, built normally, a replayer of saved inputs.
        .target(name: "TiquFuzzMain"),
        .executableTarget(name: "tiqu-fuzz", dependencies: ["TiquFuzzMain", "TiquText", "TiquNumbers", "TiquRules", "TiquClean", "TiquSegment", "TiquRun"],
                          path: "Sources/TiquFuzz"),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "TiquTests", dependencies: ["PCRE2", "TiquText", "TiquNumbers", "TiquRules", "TiquClean", "TiquSegment", "TiquMatch",
                                                     "TiquNormalize", "TiquEmit", "TiquRun", "TiquDiff"],
                    // The help texts the CLI tests compare against, read by path: no resources to bundle.
                    exclude: ["golden"]),
    ]
)
