import PCRE2

extension Lint {
    /// Examples where a match of the rule ends at a place its `candidate:` pattern does not (in Vectorscan's
    /// prefilter mode, as the candidate pass scans for it): the pass would never let PCRE2 find that match.
    /// Every example (and gap) is searched whole with the rule's own pattern; each match end must be one of
    /// the candidate's. Only `tiqu rules lint` and the tests run it (it compiles a database per rule).
    static func candidateMisses(_ rule: Rule) -> [RuleError] {
        guard let candidate = rule.candidate else { return [] }
        guard let db = CandidateDatabase(patterns: [(text: candidate, options: rule.regex.options)]), db.widths[0] != nil else {
            return [RuleError(rule.location, "rule `\(rule.id)`: Vectorscan does not take the `candidate:` pattern (even in prefilter mode), so the candidate pass cannot use it; simplify it")]
        }
        var out: [RuleError] = []
        let scratch = MatchScratch(), scan = CandidateScratch()
        for ex in rule.examples + rule.gaps {
            let bytes = Array(String(String.UnicodeScalarView(ex.text.unicodeScalars.map(folded))).utf8)
            let ends = Set(db.scan(bytes, range: bytes.indices, scratch: scan)[0])
            var missed: [Int] = []
            _ = try? rule.regex.forEachMatch(in: bytes, scratch: scratch) { m in
                if !m.range.isEmpty, !ends.contains(m.range.upperBound) { missed.append(m.range.upperBound) }
                return true
            }
            guard let end = missed.first else { continue }
            let before = String(decoding: bytes[..<end], as: UTF8.self)
            out.append(RuleError(ex.location, "rule `\(rule.id)`: the `candidate:` pattern does not match where a match of the rule ends in this example (after «\(before)»), so the candidate pass would miss it; widen `candidate:`"))
        }
        return out
    }
}
