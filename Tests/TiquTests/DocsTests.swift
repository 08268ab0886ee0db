import Foundation
import XCTest
@testable import TiquRules

/// docs/RULES.md cannot go stale: its table of sub-patterns is regenerated and compared, and every `sh`
/// block runs, in order and in one shell, in a temporary folder (with `tiqu` the built executable).
final class DocsTests: XCTestCase {
    var guide: String { get throws { try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/RULES.md"), encoding: .utf8) } }

    func testRulesGuideListsExactlyTheShippedSubPatterns() throws {
        let generated = PatternDoc.markdown(Fixtures.shipped.patterns, root: Fixtures.rulesDir)
        XCTAssertTrue(try guide.contains(generated + "\n"), "docs/RULES.md is stale: rerun `tiqu rules doc` and paste its output at the end")
        // Once: a merge that kept both sides' tables would still contain the generated one.
        XCTAssertEqual(try guide.components(separatedBy: PatternDoc.begin).count, 2, "docs/RULES.md holds the generated table more than once")
        XCTAssertTrue(generated.contains("| `SCALE` | patterns/numbers.yaml:50 | "), generated)
    }

    func testEveryCommandOfTheRulesGuideRuns() throws {
        let text = try guide
        let blocks = try NSRegularExpression(pattern: "```sh\\n(.*?)```", options: .dotMatchesLineSeparators)
            .matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
        XCTAssertGreaterThanOrEqual(blocks.count, 5)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let exeDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var exe = exeDir.appendingPathComponent("tiqu")
        if !FileManager.default.fileExists(atPath: exe.path) { exe = exeDir.deletingLastPathComponent().appendingPathComponent("tiqu") }
        let script = "set -e\nTIQU_SHIPPED_RULES='\(Fixtures.rulesDir)'\ntiqu() { '\(exe.path)' \"$@\"; }\n" + blocks.joined(separator: "\n")
        let (status, output) = try Fixtures.runProcess("/bin/sh", ["-c", script], cwd: dir)
        XCTAssertEqual(status, 0, output)
        // The walk-through ends with the new rule passing and giving its record.
        XCTAssertTrue(output.contains("  quantity.workdays chars 28..<36 «15个工作日以内»"), output)
        XCTAssertTrue(output.contains("1 rules: 2 examples, 1 counterexamples, 1 test document lines, 0 known gaps, 0 known false hits (0 fixed), 0 failures"), output)
    }
}
