import TiquClean
import TiquMatch
import TiquRules
import TiquText

/// Runs every rule's own examples through the whole pipeline (all rules, overlaps resolved), the way a
/// document would be processed: each must-match example must give a record of that rule at exactly the
/// marked span with the expected meaning; each `not:` example must give none. Every example runs a second
/// time behind a multi-byte prefix, so an offset that is off by one character fails at once. Known misses
/// (`gaps:`) and known false hits (`todo_not:`) run too and are reported, failing nothing, or as fixed once
/// they pass; annotated test documents beside the rule files (`TestDocuments`) run last.
public struct RuleChecker {
    public struct Failure: Sendable, CustomStringConvertible {
        public let location: SourceLocation
        public let rule: String
        public let message: String
        /// The example, what was expected, what matched, and why (one line each).
        public var details: [String] = []
        public var description: String {
            (["\(location.file):\(location.line): \(rule): \(message)"] + details.map { "    " + $0 }).joined(separator: "\n")
        }
    }
    public struct Report: Sendable {
        public var examples = 0
        public var counterexamples = 0
        public var gaps = 0
        public var falseHits = 0
        public var documentLines = 0
        public var failures: [Failure] = []
        /// Gaps still missed and false hits still hit: listed, not failing.
        public var known: [Failure] = []
        /// Gaps that now pass and false hits that no longer hit: move them to `examples:` / `not:`.
        public var fixed: [Failure] = []
    }

    public let pipeline: Pipeline
    static let prefix = "前文。\n"

    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    /// The rule ids that `args` (ids, rule files or folders) select, and the arguments that name nothing.
    public static func select(_ args: [String], in ruleSet: RuleSet) -> (ids: Set<String>, unknown: [String]) {
        var ids = Set<String>()
        var unknown: [String] = []
        for a in args {
            if ruleSet.all.contains(where: { $0.id == a }) { ids.insert(a); continue }
            let path = TestDocuments.standardized(a)
            let inFile = ruleSet.all.filter { let f = TestDocuments.standardized($0.location.file); return f == path || f.hasPrefix(path + "/") }
            if inFile.isEmpty { unknown.append(a) } else { ids.formUnion(inFile.map(\.id)) }
        }
        return (ids, unknown)
    }

    public func check(only ids: Set<String>? = nil) -> Report {
        var report = Report()
        let scratch = Scratch()
        let rules = pipeline.ruleSet.all.filter { ids == nil || ids!.contains($0.id) }
        for rule in rules {
            for ex in rule.examples {
                report.examples += 1
                for prefix in ["", Self.prefix] {
                    if var f = checkExample(ex, rule: rule, prefix: prefix, scratch: scratch) {
                        if !prefix.isEmpty { f.details.insert("(behind a multi-byte prefix: the example passes alone)", at: 0) }
                        report.failures.append(f)
                        break
                    }
                }
            }
            for ex in rule.counterexamples {
                report.counterexamples += 1
                if let f = checkCounterexample(ex, rule: rule, scratch: scratch) { report.failures.append(f) }
            }
            for gap in rule.gaps {
                report.gaps += 1
                if var f = checkExample(gap, rule: rule, prefix: "", scratch: scratch) {
                    f = Failure(location: f.location, rule: f.rule, message: "known miss: " + f.message, details: f.details)
                    report.known.append(f)
                } else {
                    report.fixed.append(Failure(location: gap.location, rule: rule.id, message: "fixed: this gap now passes; move it to `examples:`"))
                }
            }
            for hit in rule.falseHits {
                report.falseHits += 1
                if let f = checkCounterexample(hit, rule: rule, scratch: scratch) {
                    report.known.append(Failure(location: f.location, rule: f.rule, message: "known false hit: " + f.message, details: f.details))
                } else {
                    report.fixed.append(Failure(location: hit.location, rule: rule.id, message: "fixed: no longer matches here; move it to `not:`"))
                }
            }
        }
        TestDocuments(checker: self).check(rules: rules, all: pipeline.ruleSet.all, into: &report, scratch: scratch)
        return report
    }

    func stages(_ text: String, scratch: Scratch) -> Pipeline.Stages? {
        try? pipeline.run(SourceDocument(path: "example", bytes: Array(text.utf8)), scratch: scratch)
    }

    func failure(_ ex: RuleExample, _ rule: Rule, _ message: String, _ details: [String]) -> Failure {
        Failure(location: ex.location, rule: rule.id, message: message, details: ["example: \(ex.text)"] + details + (ex.note.map { ["note: \($0)"] } ?? []))
    }

    func checkExample(_ ex: RuleExample, rule: Rule, prefix: String, scratch: Scratch) -> Failure? {
        let shift = prefix.unicodeScalars.count
        let want = (ex.span.lowerBound + shift)..<(ex.span.upperBound + shift)
        let expectedText = String(String.UnicodeScalarView(ex.text.unicodeScalars.dropFirst(ex.span.lowerBound).prefix(ex.span.count)))
        guard let s = stages(prefix + ex.text, scratch: scratch) else { return failure(ex, rule, "the example could not be processed", []) }
        if rule.kind == .remove {
            let removed = s.clean.removals.filter { $0.rule == rule.id }
            let covered = want.allSatisfy { c in removed.contains { $0.original.char.contains(c) } }
            return covered ? nil : failure(ex, rule, "expected «\(expectedText)» to be removed", ["removed: \(removed.map { s.decoded.text($0.original.char) })"])
        }
        if rule.kind == .flag {
            let flagged = s.clean.flags.filter { $0.rule == rule.id }.map { s.clean.map.original($0.range).char }
            return flagged.contains(want) ? nil : failure(ex, rule, "expected «\(expectedText)» to be flagged", ["flagged: \(flagged.map { s.decoded.text($0) })"])
        }
        guard let r = s.records.first(where: { $0.rule == rule.id && $0.span.char == want }) else {
            let got = s.records.map { "\($0.rule) «\($0.text)»" }.joined(separator: ", ")
            return failure(ex, rule, "expected a match «\(expectedText)»",
                           ["got: \(got.isEmpty ? "no records" : got)", "why: " + Explainer(pipeline: pipeline).whyNot(rule, span: want, in: s, scratch: scratch)])
        }
        let problems = Expectations.compare(ex.expect, r)
        return problems.isEmpty ? nil : failure(ex, rule, "«\(r.text)»: " + problems.joined(separator: "; "), [])
    }

    func checkCounterexample(_ ex: RuleCounterexample, rule: Rule, scratch: Scratch) -> Failure? {
        let details = ["example: \(ex.text)"] + (ex.note.map { ["note: \($0)"] } ?? [])
        guard let s = stages(ex.text, scratch: scratch) else {
            return Failure(location: ex.location, rule: rule.id, message: "the example could not be processed", details: details)
        }
        var hit: String?
        switch rule.kind {
        case .remove: hit = s.clean.removals.first { $0.rule == rule.id }.map { "must not remove anything here; removed «\(s.decoded.text($0.original.char))»" }
        case .flag: hit = s.clean.flags.first { $0.rule == rule.id }.map { "must not flag anything here; flagged «\(s.clean.string($0.range))»" }
        default:
            let mine = s.records.filter { $0.rule == rule.id }
            hit = mine.isEmpty ? nil : "must not match here; matched «\(mine.map(\.text).joined(separator: "», «"))»"
        }
        return hit.map { Failure(location: ex.location, rule: rule.id, message: $0, details: details) }
    }
}
