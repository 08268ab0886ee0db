import PCRE2

/// One rule's match in the cleaned text: its range and its named groups, in cleaned UTF-8 bytes.
public struct RuleMatch: Sendable, Equatable {
    public let ruleIndex: Int
    public let range: Range<Int>
    public let groups: [String: Range<Int>]
}

/// Runs the extraction rules over a cleaned document and keeps, where matches overlap, the longest
/// (then the higher priority, then the smaller rule id), so each stretch of text gives one record.
public struct Matcher: Sendable {
    public let rules: [Rule]
    /// Named groups of each rule, by number, resolved once.
    private let groupNames: [[(String, Int)]]

    public init(rules: [Rule]) {
        self.rules = rules
        groupNames = rules.map { $0.regex.groupNumbers.sorted { $0.value < $1.value }.map { ($0.key, $0.value) } }
    }

    /// A rule that hit a PCRE2 limit on this document: the document goes on without it.
    public struct LimitHit: Error, Sendable {
        public let rule: String
        public let error: PCRE2Error
        public let offset: Int
    }

    public func matches(in text: CleanText, segmentation: Segmentation, scratch: MatchScratch, limitHits: inout [LimitHit]) -> [RuleMatch] {
        var found: [RuleMatch] = []
        for (index, rule) in rules.enumerated() {
            var lastStart = 0
            do {
                try rule.regex.forEachMatch(in: text.bytes, scratch: scratch) { m in
                    lastStart = m.range.lowerBound
                    guard !m.range.isEmpty else { return true }
                    if rule.inside != nil || rule.outside != nil,
                       !inScope(rule, m.range, text: text, segmentation: segmentation, scratch: scratch) { return true }
                    var groups: [String: Range<Int>] = [:]
                    for (name, number) in groupNames[index] {
                        if let g = m.groups[number] { groups[name] = g }
                    }
                    found.append(RuleMatch(ruleIndex: index, range: m.range, groups: groups))
                    return true
                }
            } catch let e as PCRE2Error {
                limitHits.append(LimitHit(rule: rule.id, error: e, offset: lastStart))
            } catch {}
        }
        // Names (projects) and numbers are separate layers: a project name may hold a number
        // (“百千万工程”, 广汽丰田五线) and both records stand.
        let names = found.filter { rules[$0.ruleIndex].kind == .project }
        let numbers = found.filter { rules[$0.ruleIndex].kind != .project }
        return (resolveOverlaps(numbers) + resolveOverlaps(names)).sorted { ($0.range.lowerBound, $0.ruleIndex) < ($1.range.lowerBound, $1.ruleIndex) }
    }

    /// Whether a match of a scoped rule stands under a heading its `inside:` pattern matches (and under
    /// none its `outside:` pattern matches).
    func inScope(_ rule: Rule, _ range: Range<Int>, text: CleanText, segmentation: Segmentation, scratch: MatchScratch) -> Bool {
        let headings = segmentation.headings(containing: range)
        func any(_ r: Regex) -> Bool {
            headings.contains { h in ((try? r.firstMatch(in: text.bytes, from: h.lowerBound, to: h.upperBound, scratch: scratch)) ?? nil) != nil }
        }
        if let inside = rule.inside, !any(inside) { return false }
        if let outside = rule.outside, any(outside) { return false }
        return true
    }

    func resolveOverlaps(_ matches: [RuleMatch]) -> [RuleMatch] {
        let ordered = matches.sorted { a, b in
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            let pa = rules[a.ruleIndex].priority, pb = rules[b.ruleIndex].priority
            if pa != pb { return pa > pb }
            return rules[a.ruleIndex].id < rules[b.ruleIndex].id
        }
        // Greedy by start; a later, longer match that overlaps a kept one replaces it only when it is
        // strictly longer and starts inside it (`近三成` after `三成`): keep the longest cover.
        var kept: [RuleMatch] = []
        for m in ordered {
            if let last = kept.last, m.range.lowerBound < last.range.upperBound {
                if m.range.count > last.range.count && m.range.upperBound > last.range.upperBound {
                    kept.removeLast()
                    kept.append(m)
                }
                continue
            }
            kept.append(m)
        }
        return kept
    }
}
