import Foundation
import TiquEmit
import TiquRules
import TiquText

/// Annotated test documents beside a rule file, sharing its name (`money/money.yaml` →
/// `money/money.test.txt`), Semgrep's convention: a line `# ruleid: money.amount` says the next line must
/// give a record of that rule, `# ok: money.amount` that it must give none; `# todoruleid:` and `# todook:`
/// mark known misses and known false hits. Several ids may be listed, comma-separated, and annotation lines
/// stack. The document runs whole (annotation lines blanked, so line numbers stay), as a real one would.
struct TestDocuments {
    let checker: RuleChecker

    struct Mark {
        let kind: String  // ruleid, ok, todoruleid, todook
        let rule: String
        let line: Int     // the annotation's own line, 1-based
        let target: Int   // the line it marks
    }

    static let kinds = ["ruleid", "ok", "todoruleid", "todook"]

    static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// The test document of a rule file, if there is one.
    static func path(for ruleFile: String) -> String? {
        let base = ruleFile.hasSuffix(".yaml") ? String(ruleFile.dropLast(5)) : ruleFile.hasSuffix(".yml") ? String(ruleFile.dropLast(4)) : ruleFile
        let p = base + ".test.txt"
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// The marks of a document and its text with the annotation lines blanked.
    static func parse(_ text: String) -> (marks: [Mark], text: String) {
        var lines = text.components(separatedBy: "\n")
        var marks: [Mark] = []
        var pending: [(String, String, Int)] = []
        for (i, line) in lines.enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("#"), let colon = t.firstIndex(of: ":") {
                let kind = t.dropFirst().prefix(upTo: colon).trimmingCharacters(in: .whitespaces)
                if kinds.contains(kind) {
                    for id in t[t.index(after: colon)...].split(separator: ",") {
                        pending.append((kind, id.trimmingCharacters(in: .whitespaces), i + 1))
                    }
                    lines[i] = ""
                    continue
                }
            }
            if t.isEmpty { continue }
            marks += pending.map { Mark(kind: $0.0, rule: $0.1, line: $0.2, target: i + 1) }
            pending = []
        }
        return (marks, lines.joined(separator: "\n"))
    }

    func check(rules: [Rule], all: [Rule], into report: inout RuleChecker.Report, scratch: Scratch) {
        let selected = Set(rules.map(\.id))
        let known = Set(all.map(\.id))
        for file in Set(rules.map(\.location.file)).sorted() {
            guard let path = Self.path(for: file), let data = FileManager.default.contents(atPath: path) else { continue }
            let (marks, text) = Self.parse(String(decoding: data, as: UTF8.self))
            guard let s = checker.stages(text, scratch: scratch) else {
                report.failures.append(RuleChecker.Failure(location: SourceLocation(file: path, line: 1, column: 1), rule: "-", message: "the test document could not be processed"))
                continue
            }
            let lineStarts = [0] + text.unicodeScalars.enumerated().filter { $0.element == "\n" }.map { $0.offset + 1 }
            func line(ofChar c: Int) -> Int { (lineStarts.lastIndex { $0 <= c } ?? 0) + 1 }
            let lines = text.components(separatedBy: "\n")
            for m in marks where selected.contains(m.rule) || !known.contains(m.rule) {
                report.documentLines += 1
                let onLine = s.records.filter { line(ofChar: $0.span.char.lowerBound) == m.target }
                let got = onLine.isEmpty ? "no records" : onLine.map { "\($0.rule) «\($0.text)»" }.joined(separator: ", ")
                var details = ["line \(m.target): \(lines[m.target - 1])", "got: \(got)"]
                if (m.kind == "ruleid" || m.kind == "todoruleid"), !onLine.contains(where: { $0.rule == m.rule }),
                   let rule = all.first(where: { $0.id == m.rule }) {
                    details.append("why: " + whyNot(rule, line: m.target, lineStarts: lineStarts, in: s, scratch: scratch))
                }
                check(m, path: path, records: onLine.filter { $0.rule == m.rule }, details: details, known: known, into: &report)
            }
        }
    }

    /// Why the rule gave nothing on test-document line `line`, probing PCRE2 on that line only.
    func whyNot(_ rule: Rule, line: Int, lineStarts: [Int], in s: Pipeline.Stages, scratch: Scratch) -> String {
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] - 1 : s.decoded.scalars.count
        let chars = start..<max(start, end)
        let paragraph = s.segmentation.paragraphs.first { s.clean.map.original($0).char.overlaps(chars) }
        return Explainer(pipeline: checker.pipeline).whyNot(rule, span: chars, in: s, scratch: scratch, probe: paragraph)
    }

    func check(_ m: Mark, path: String, records: [Record], details: [String], known: Set<String>, into report: inout RuleChecker.Report) {
        let at = SourceLocation(file: path, line: m.line, column: 1)
        guard known.contains(m.rule) else {
            let ruleSet = checker.pipeline.ruleSet
            let why = ruleSet.notLoaded[m.rule] == nil ? "names no rule; " + NameSuggestion.didYouMean(m.rule, among: Array(known), listedBy: "`tiqu rules lint` lists the rules")
                : "names " + ruleSet.unknownRule(m.rule)
            report.failures.append(RuleChecker.Failure(location: at, rule: m.rule, message: "`# \(m.kind):` \(why)"))
            return
        }
        let got = records.map { "«\($0.text)»" }.joined(separator: ", ")
        let wantsRecord = m.kind == "ruleid" || m.kind == "todoruleid"
        let passes = wantsRecord ? !records.isEmpty : records.isEmpty
        let message = wantsRecord ? "line \(m.target) gives no record of this rule" : "line \(m.target) must give no record of this rule; got \(got)"
        switch (m.kind.hasPrefix("todo"), passes) {
        case (false, true): break
        case (false, false): report.failures.append(RuleChecker.Failure(location: at, rule: m.rule, message: message, details: details))
        case (true, false): report.known.append(RuleChecker.Failure(location: at, rule: m.rule, message: "known: " + message, details: details))
        case (true, true):
            report.fixed.append(RuleChecker.Failure(location: at, rule: m.rule, message: "fixed: line \(m.target) now passes; change `# \(m.kind):` to `# \(m.kind.dropFirst(4)):`"))
        }
    }
}
