import Foundation
import XCTest

/// Every fuzzing seed and every input a fuzzer once crashed on (Fuzz/regressions/TARGET/) goes through
/// the fuzz targets' checks with the normal build (`tiqu-fuzz FILE...`, Fuzz/README.md).
final class FuzzTests: XCTestCase {
    func replay(_ target: String, _ folders: [String]) throws {
        let root = Fixtures.packageRoot.appendingPathComponent("Fuzz")
        var files: [String] = []
        for f in folders {
            let dir = root.appendingPathComponent(f).path
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where !name.hasPrefix(".") {
                files.append(dir + "/" + name)
            }
        }
        guard !files.isEmpty else { return }
        let fuzz = CLITests.executable.deletingLastPathComponent().appendingPathComponent("tiqu-fuzz").path
        let (status, text) = try Fixtures.runProcess(fuzz, files.sorted(), environment: ["TIQU_FUZZ_TARGET": target, "TIQU_RULES": Fixtures.rulesDir])
        XCTAssertEqual(status, 0, "\(target): \(text)")
        XCTAssertEqual(text, "\(files.count) inputs passed the \(target) checks\n")
    }

    func testSeedsAndRegressionsPassEveryTargetsChecks() throws {
        for t in ["decode", "clean", "segment", "pipeline"] { try replay(t, ["seeds/text", "regressions/\(t)"]) }
        try replay("numerals", ["seeds/numerals", "regressions/numerals"])
        try replay("rules", ["seeds/rules", "regressions/rules"])
    }
}
