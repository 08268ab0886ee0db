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

    /// For prefiltered rules, the bit of their character set; the BMP table maps a scalar to the bits of
    /// every set holding it. Sets beyond 64 fall back to running over the whole text.
    private let prefilterBit: [Int?]
    private let prefilterTable: [UInt64]
    /// Run every rule over every byte (the plain path), for checking the prefilter gives identical output.
    public var plain = false

    public init(rules: [Rule]) {
        self.rules = rules
        groupNames = rules.map { $0.regex.groupNumbers.sorted { $0.value < $1.value }.map { ($0.key, $0.value) } }
        var sets: [Set<Unicode.Scalar>] = []
        var bits: [Int?] = []
        for r in rules {
            guard let p = r.prefilter, p.allSatisfy({ $0.value < 0x10000 }) else { bits.append(nil); continue }
            if let i = sets.firstIndex(of: p) { bits.append(i); continue }
            guard sets.count < 64 else { bits.append(nil); continue }
            sets.append(p)
            bits.append(sets.count - 1)
        }
        var table = [UInt64](repeating: 0, count: sets.isEmpty ? 0 : 0x10000)
        for (i, set) in sets.enumerated() { for c in set { table[Int(c.value)] |= 1 << UInt64(i) } }
        prefilterBit = bits
        prefilterTable = table
    }

    /// Which prefilter sets each sentence holds a character of: one pass over the cleaned bytes.
    func sentenceMasks(_ b: [UInt8], sentences: [Range<Int>]) -> [UInt64] {
        guard !prefilterTable.isEmpty else { return [] }
        var masks = [UInt64](repeating: 0, count: sentences.count)
        for (k, s) in sentences.enumerated() {
            var m: UInt64 = 0
            var i = s.lowerBound
            let end = s.upperBound
            while i < end {
                let (v, n) = UTF8Scalar.decode(b, i)
                i += n
                if v < 0x10000 { m |= prefilterTable[Int(v)] }
            }
            masks[k] = m
        }
        return masks
    }

    /// A rule that hit a PCRE2 limit on this document: the document goes on without it.
    public struct LimitHit: Error, Sendable {
        public let rule: String
        public let error: PCRE2Error
        public let offset: Int
    }

    /// Matches in the whole document, or (`part`, a range of sentence indices) in one part of it: a large
    /// document is matched part by part in parallel, parts split between paragraphs.
    public func matches(in text: CleanText, segmentation: Segmentation, part: Range<Int>? = nil, scratch: MatchScratch,
                        limitHits: inout [LimitHit]) -> [RuleMatch] {
        var found: [RuleMatch] = []
        let sentences = part.map { Array(segmentation.sentences[$0]) } ?? segmentation.sentences
        // A part's extent: from its first sentence to the line break after its last.
        var extent = 0..<text.bytes.count
        if part != nil {
            guard let first = sentences.first, let last = sentences.last else { return [] }
            var end = last.upperBound
            if end < text.bytes.count && text.bytes[end] == 0x0A { end += 1 }
            extent = first.lowerBound..<end
        }
        let masks = plain ? [] : sentenceMasks(text.bytes, sentences: sentences)
        for (index, rule) in rules.enumerated() {
            var searching = 0  // where the search that may hit a limit began
            // The places to search: the whole text, or (prefiltered rules) runs of consecutive sentences that
            // hold one of the rule's characters. A run's subject ends after the sentence's line break, so
            // lookaheads see what they would see in the whole text; lookbehinds see everything before.
            var windows: [Range<Int>] = []
            var windowStarts: [Int] = []
            if let bit = prefilterBit[index], !plain {
                let flag: UInt64 = 1 << UInt64(bit)
                var k = 0
                while k < sentences.count {
                    guard masks[k] & flag != 0 else { k += 1; continue }
                    let start = sentences[k].lowerBound
                    var end = sentences[k].upperBound
                    k += 1
                    while k < sentences.count, masks[k] & flag != 0 { end = sentences[k].upperBound; k += 1 }
                    if end < text.bytes.count && text.bytes[end] == 0x0A { end += 1 }
                    // The search starts one character early, on the line break, space or sentence end before
                    // the window: \G (which chains list items from the previous match) then cannot match at
                    // the window's first character, as it cannot over the whole text; matches starting before
                    // the window are skipped (none start on such a character).
                    var early = start
                    if early > 0 {
                        early -= 1
                        while early > 0, text.bytes[early] & 0xC0 == 0x80 { early -= 1 }
                    }
                    windows.append(early..<end)
                    windowStarts.append(start)
                }
            } else {
                windows = [extent]
                windowStarts = [extent.lowerBound]
            }
            do {
                for (window, windowStart) in zip(windows, windowStarts) {
                searching = window.lowerBound
                try rule.regex.forEachMatch(in: text.bytes, range: window, scratch: scratch) { m in
                    guard !m.range.isEmpty, m.range.lowerBound >= windowStart else { return true }
                    if rule.inside != nil || rule.outside != nil,
                       try !inScope(rule, m.range, text: text, segmentation: segmentation, scratch: scratch) { return true }
                    var groups: [String: Range<Int>] = [:]
                    for (name, number) in groupNames[index] {
                        if let g = m.groups[number] { groups[name] = g }
                    }
                    found.append(RuleMatch(ruleIndex: index, range: m.range, groups: groups))
                    return true
                }
                }
            } catch let e as PCRE2Error {
                limitHits.append(LimitHit(rule: rule.id, error: e, offset: searching))
            } catch {
                // forEachMatch rethrows only what its body throws, and the body throws only PCRE2Error.
                assertionFailure("unexpected error \(error)")
            }
        }
        // Names (projects) and numbers are separate layers: a project name may hold a number
        // (“百千万工程”, 广汽丰田五线) and both records stand.
        let names = found.filter { rules[$0.ruleIndex].kind == .project }
        let numbers = found.filter { rules[$0.ruleIndex].kind != .project }
        return (resolveOverlaps(numbers) + resolveOverlaps(names)).sorted { ($0.range.lowerBound, $0.ruleIndex) < ($1.range.lowerBound, $1.ruleIndex) }
    }

    /// Whether a match of a scoped rule stands under a heading its `inside:` pattern matches (and under
    /// none its `outside:` pattern matches).
    /// A scope pattern that hits a PCRE2 limit throws, and the rule stops on this document like any rule.
    func inScope(_ rule: Rule, _ range: Range<Int>, text: CleanText, segmentation: Segmentation, scratch: MatchScratch) throws -> Bool {
        let headings = segmentation.headings(containing: range)
        func any(_ r: Regex) throws -> Bool {
            try headings.contains { h in try r.firstMatch(in: text.bytes, from: h.lowerBound, to: h.upperBound, scratch: scratch) != nil }
        }
        if let inside = rule.inside, try !any(inside) { return false }
        if let outside = rule.outside, try any(outside) { return false }
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
