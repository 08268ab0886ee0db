import TiquClean
import TiquRules
import TiquText

/// Runs every rule's own examples through the whole pipeline (all rules, overlaps resolved), the way a
/// document would be processed: each must-match example must give a record of that rule at exactly the
/// marked span with the expected meaning; each `not:` example must give none. Every example runs a second
/// time behind a multi-byte prefix, so an offset that is off by one character fails at once.
public struct RuleChecker {
    public struct Failure: Sendable, CustomStringConvertible {
        public let location: SourceLocation
        public let rule: String
        public let message: String
        public var description: String { "\(location): \(rule): \(message)" }
    }
    public struct Report: Sendable {
        public var examples = 0
        public var counterexamples = 0
        public var gaps = 0
        public var failures: [Failure] = []
    }

    public let pipeline: Pipeline
    static let prefix = "前文。\n"

    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    public func check(only ids: Set<String>? = nil) -> Report {
        var report = Report()
        let scratch = Scratch()
        for rule in pipeline.ruleSet.all where ids == nil || ids!.contains(rule.id) {
            for ex in rule.examples {
                report.examples += 1
                for prefix in ["", Self.prefix] {
                    if let msg = checkExample(ex, rule: rule, prefix: prefix, scratch: scratch) {
                        report.failures.append(Failure(location: ex.location, rule: rule.id,
                                                       message: prefix.isEmpty ? msg : msg + " (behind a multi-byte prefix)"))
                        break
                    }
                }
            }
            for ex in rule.counterexamples {
                report.counterexamples += 1
                if let msg = checkCounterexample(ex, rule: rule, scratch: scratch) {
                    report.failures.append(Failure(location: ex.location, rule: rule.id, message: msg))
                }
            }
            report.gaps += rule.gaps.count
        }
        return report
    }

    private func stages(_ text: String, scratch: Scratch) -> Pipeline.Stages? {
        try? pipeline.run(SourceDocument(path: "example", bytes: Array(text.utf8)), scratch: scratch)
    }

    func checkExample(_ ex: RuleExample, rule: Rule, prefix: String, scratch: Scratch) -> String? {
        let shift = prefix.unicodeScalars.count
        let want = (ex.span.lowerBound + shift)..<(ex.span.upperBound + shift)
        let expectedText = String(String.UnicodeScalarView(ex.text.unicodeScalars.dropFirst(ex.span.lowerBound).prefix(ex.span.count)))
        guard let s = stages(prefix + ex.text, scratch: scratch) else { return "the example could not be processed" }
        if rule.kind == .remove {
            let removed = s.clean.removals.filter { $0.rule == rule.id }
            let covered = want.allSatisfy { c in removed.contains { $0.original.char.contains(c) } }
            return covered ? nil : "expected «\(expectedText)» to be removed; removed: \(removed.map { s.decoded.text($0.original.char) })"
        }
        if rule.kind == .flag {
            let flagged = s.clean.flags.filter { $0.rule == rule.id }.map { s.clean.map.original($0.range).char }
            return flagged.contains(want) ? nil : "expected «\(expectedText)» to be flagged; flagged: \(flagged.map { s.decoded.text($0) })"
        }
        let mine = s.records.filter { $0.rule == rule.id }
        guard let r = mine.first(where: { $0.span.char == want }) else {
            let got = s.records.map { "\($0.rule) «\($0.text)»" }.joined(separator: ", ")
            return "expected a match «\(expectedText)»; got \(got.isEmpty ? "no records" : got)"
        }
        var problems: [String] = []
        if let pre = rule.prefilter, let sentence = r.sentence,
           !s.decoded.text(sentence.char).unicodeScalars.contains(where: { pre.contains($0) || pre.contains(Fold.fold($0.value).flatMap(Unicode.Scalar.init) ?? $0) }) {
            problems.append("its sentence holds none of the rule's `prefilter:` characters, so the prefilter would skip it")
        }
        let actual: [String: String?] = [
            "value": r.value?.canonical, "unit": r.unit, "unit_text": r.unitText, "qualifier": r.qualifier,
            "change": r.change, "yoy": String(r.yoy), "inferred": String(r.inferred), "kind": r.kind.rawValue,
            "subtype": r.subtype, "indicator": r.indicator, "modality": r.modality, "period": r.period,
        ]
        for (key, expected) in ex.expect.sorted(by: { $0.key < $1.key }) {
            let got = actual[key] ?? nil
            if got != (expected == "null" ? nil : expected) { problems.append("\(key): expected \(expected), got \(got ?? "null")") }
        }
        return problems.isEmpty ? nil : "«\(r.text)»: " + problems.joined(separator: "; ")
    }

    func checkCounterexample(_ ex: RuleCounterexample, rule: Rule, scratch: Scratch) -> String? {
        guard let s = stages(ex.text, scratch: scratch) else { return nil }
        if rule.kind == .remove {
            let removed = s.clean.removals.filter { $0.rule == rule.id }
            return removed.isEmpty ? nil : "must not remove anything here; removed «\(s.decoded.text(removed[0].original.char))»"
        }
        if rule.kind == .flag {
            let flagged = s.clean.flags.filter { $0.rule == rule.id }
            return flagged.isEmpty ? nil : "must not flag anything here; flagged «\(s.clean.string(flagged[0].range))»"
        }
        let mine = s.records.filter { $0.rule == rule.id }
        return mine.isEmpty ? nil : "must not match here; matched «\(mine.map(\.text).joined(separator: "», «"))»"
    }
}
