import Foundation
import XCTest

/// The shape of the code (docs/ARCHITECTURE.md), checked so that it stays: dependencies point one way,
/// PCRE2 and unsafe code stay in their rooms, no stage reads a Chinese word from a Swift literal, and
/// files and functions stay small.
final class LayoutTests: XCTestCase {
    /// The layers in dependency order: a target may import only the ones before it.
    static let layers = ["TiquText", "TiquNumbers", "TiquRules", "TiquClean", "TiquSegment", "TiquMatch", "TiquNormalize",
                         "TiquEmit", "TiquRun", "TiquDiff", "TiquFuzz", "tiqu"]
    /// Where patterns are compiled or run: the only targets that may import PCRE2.
    static let pcre2Users: Set<String> = ["TiquRules", "TiquClean", "TiquSegment", "TiquMatch"]
    /// Files that may hold Chinese in string literals: the numeral table, generated tables, and messages
    /// and fixtures of the rule tools (examples in error texts, the checker's multi-byte prefix).
    static let chineseAllowed: Set<String> = ["Numerals.swift", "TraditionalTable.swift", "GB18030Table.swift",
                                              "RuleParser.swift", "PatternLibrary.swift", "RuleChecker.swift"]

    struct SourceFile {
        let target: String
        let name: String
        let lines: [String]
    }

    func sources() throws -> [SourceFile] {
        let root = Fixtures.packageRoot.appendingPathComponent("Sources").path
        var out: [SourceFile] = []
        for target in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            guard let e = FileManager.default.enumerator(atPath: root + "/" + target) else { continue }
            while let rel = e.nextObject() as? String {
                guard rel.hasSuffix(".swift") else { continue }
                let text = try String(contentsOfFile: root + "/" + target + "/" + rel, encoding: .utf8)
                out.append(SourceFile(target: target, name: (rel as NSString).lastPathComponent, lines: text.components(separatedBy: "\n")))
            }
        }
        XCTAssertGreaterThan(out.count, 30)
        return out
    }

    func imports(_ f: SourceFile) -> [String] {
        f.lines.compactMap { l in l.hasPrefix("import ") ? String(l.dropFirst(7)).trimmingCharacters(in: .whitespaces) : nil }
    }

    func testDependenciesPointOneWay() throws {
        for f in try sources() {
            guard let level = Self.layers.firstIndex(of: f.target) else { continue }
            for m in imports(f) where m.hasPrefix("Tiqu") {
                let l = Self.layers.firstIndex(of: m)
                XCTAssertTrue(l.map { $0 < level } ?? false, "\(f.target)/\(f.name) imports \(m), which is not below it")
            }
        }
    }

    func testPCRE2AndUnsafeCodeStayInTheirRooms() throws {
        for f in try sources() {
            let imported = imports(f)
            if imported.contains("CPCRE2") { XCTAssertEqual(f.target, "PCRE2", "\(f.name) imports CPCRE2") }
            if imported.contains("CVectorscan") { XCTAssertEqual(f.target, "PCRE2", "\(f.name) imports CVectorscan") }
            if imported.contains("PCRE2") { XCTAssertTrue(Self.pcre2Users.contains(f.target), "\(f.target)/\(f.name) imports PCRE2") }
            // libFuzzer's entry point takes a pointer; it is copied into an array at once.
            if f.target != "PCRE2" && !(f.target == "TiquFuzz" && f.name == "Entry.swift") {
                XCTAssertFalse(f.lines.contains { $0.contains("Unsafe") }, "\(f.target)/\(f.name) holds unsafe code")
            }
        }
    }

    /// Cue words live in rules/: a Chinese character in a string literal of stage code is a word an author
    /// cannot extend.
    func testNoChineseWordsInStageCode() throws {
        let literal = try NSRegularExpression(pattern: #""(?:[^"\\]|\\.)*""#)
        for f in try sources() where !Self.chineseAllowed.contains(f.name) {
            for (i, line) in f.lines.enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? "" : line
                let ns = code as NSString
                for m in literal.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
                    let s = ns.substring(with: m.range)
                    XCTAssertFalse(s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value) },
                                   "\(f.target)/\(f.name):\(i + 1): \(s) - put the word in a list in rules/")
                }
            }
        }
    }

    func testFilesAndFunctionsStaySmall() throws {
        for f in try sources() where !f.name.hasSuffix("Table.swift") {
            XCTAssertLessThanOrEqual(f.lines.count, 300, "\(f.target)/\(f.name) has \(f.lines.count) lines")
            for (i, line) in f.lines.enumerated() where Self.opensFunction(line) {
                let n = Self.bodyLength(f.lines, from: i)
                XCTAssertLessThanOrEqual(n, 60, "\(f.target)/\(f.name):\(i + 1): a function of \(n) lines")
            }
        }
    }

    static func opensFunction(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        let words = t.split(separator: " ").map(String.init)
        let modifiers: Set<String> = ["public", "package", "private", "fileprivate", "internal", "static", "mutating", "final",
                                      "override", "@inlinable", "@inline(__always)"]
        guard let head = words.first(where: { !modifiers.contains($0) }) else { return false }
        return head == "func" || head.hasPrefix("init(") || head.hasPrefix("init?(") || head.hasPrefix("init<")
    }

    /// Lines from a declaration to the brace that closes its body (strings and comments ignored).
    static func bodyLength(_ lines: [String], from start: Int) -> Int {
        var depth = 0
        var opened = false
        for j in start..<lines.count {
            var inString = false
            var escaped = false
            var previous: Character = " "
            for c in lines[j] {
                defer { previous = c }
                if inString {
                    if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                    continue
                }
                if c == "\"" { inString = true; continue }
                if c == "/" && previous == "/" { break }
                if c == "{" { depth += 1; opened = true }
                if c == "}" { depth -= 1 }
            }
            if opened && depth <= 0 { return j - start + 1 }
        }
        return lines.count - start
    }
}
