import PCRE2
import TiquClean
import TiquRules
import TiquSegment
import TiquText

/// The match stage: `CleanText` + `Segmentation` → `MatchResult`. Runs the extraction rules (PCRE2 JIT)
/// over the sentences their prefilter lets through, drops matches over damage the clean stage flagged,
/// and keeps, where matches overlap, the longest (then the higher priority, then the smaller rule id).
/// Names (projects) and numbers are separate layers: a project name may hold a number (“百千万工程”).
public struct Matcher: Sendable {
    public let rules: [Rule]
    /// Named groups of each rule, by number, resolved once.
    let groupNames: [[(String, Int)]]
    let prefilter: Prefilter
    /// Each rule's pattern searched only inside runs of the characters its matches are made of, for the
    /// searches no candidate end bounds (the sentence windows of rules the candidate pass does not take).
    let alphabetSearches: [AlphabetSearch]
    /// Run every rule over every byte (the plain path), for checking the prefilter gives identical output.
    public var plain = false
    /// The Vectorscan candidate pass (`CandidatePass.load`); nil: the sentence prefilter alone.
    public var candidates: CandidatePass?

    public init(rules: [Rule]) {
        self.rules = rules
        groupNames = rules.map { $0.regex.groupNumbers.sorted { $0.value < $1.value }.map { ($0.key, $0.value) } }
        prefilter = Prefilter(rules: rules)
        alphabetSearches = rules.map { AlphabetSearch($0) }
    }

    /// Matches in the whole document, or (`part`, a range of sentence indices) in one part of it.
    public func matches(in text: CleanText, segmentation: Segmentation, part: Range<Int>? = nil, scratch: Scratch) -> MatchResult {
        let sentences = segmentation.sentences[part ?? segmentation.sentences.indices]
        guard let extent = Self.extent(of: sentences, part: part != nil, bytes: text.bytes) else { return MatchResult(matches: [], diagnostics: []) }
        let ends = plain ? nil : candidates?.scan(text.bytes, range: extent, scratch: scratch)
        // The pass of every character for the sentence prefilter, only when a rule needs sentence windows
        // the candidate scan does not give (with the pass, it gives them for every rule that has a key).
        let masks = plain || !needsMasks(ends != nil) ? [] : prefilter.sentenceMasks(text.bytes, sentences: sentences)
        var found: [RuleMatch] = []
        var diagnostics: [Diagnostic] = []
        for (index, rule) in rules.enumerated() {
            var searching = extent.lowerBound  // where the search that may hit a limit began
            do {
                for (window, windowStart, limit) in searches(rule: index, ends: ends, extent: extent, masks: masks, sentences: sentences, bytes: text.bytes) {
                    searching = window.lowerBound
                    func search(_ body: (Match) throws -> Bool) throws {
                        guard plain || limit != nil else {
                            return try alphabetSearches[index].forEachMatch(in: text.bytes, range: window, scratch: scratch.pcre2, body)
                        }
                        try rule.regex.forEachMatch(in: text.bytes, range: window, startLimit: limit, scratch: scratch.pcre2, body)
                    }
                    try search { m in
                        guard !m.range.isEmpty, m.range.lowerBound >= windowStart else { return true }
                        if rule.inside != nil || rule.outside != nil,
                           try !inScope(rule, m.range, text: text, segmentation: segmentation, scratch: scratch) { return true }
                        var groups: [String: Range<Int>] = [:]
                        for (name, number) in groupNames[index] {
                            if let g = m.groups[number] { groups[name] = g }
                        }
                        found.append(RuleMatch(rule: rule, order: index, range: m.range, groups: groups))
                        return true
                    }
                }
            } catch let e as PCRE2Error {
                diagnostics.append(Diagnostic(.error, offset: text.map.originalByte(searching), PatternStop(e).stoppedMessage(rule: rule)))
            } catch {
                fatalError("forEachMatch rethrows only what its body throws, and the body throws only PCRE2Error: \(error)")
            }
        }
        let names = found.filter { $0.rule.kind == .project }
        let numbers = found.filter { $0.rule.kind != .project }
        // Overlaps are resolved first: a match over damage still wins its overlap, and then gives nothing.
        // A number that overlaps damage (X亿元, 規?;a業) is never turned into a value; a damage rule may allow
        // some kinds (a project name may hold a redaction mark: 《**方案》 is still a document).
        let kept = (Overlaps.resolve(numbers) + Overlaps.resolve(names))
            .filter { m in !text.flags.contains { $0.range.overlaps(m.range) && !$0.allows.contains(m.rule.kind) } }
            .sorted { ($0.range.lowerBound, $0.order) < ($1.range.lowerBound, $1.order) }
        return MatchResult(matches: kept, diagnostics: diagnostics)
    }

    /// Where to search for rule `index`, each as (subject range, first byte a match may start at, last
    /// byte it may start at): from the candidate pass when it covers the rule (the subject is the whole
    /// extent, so lookarounds see what they see in the plain path), else the sentence prefilter's windows,
    /// else the whole extent.
    func searches(rule index: Int, ends: [[Int]]?, extent: Range<Int>, masks: [UInt64],
                  sentences: ArraySlice<Range<Int>>, bytes: [UInt8]) -> [(Range<Int>, Int, Int?)] {
        if let ends, let pass = candidates, let width = pass.database.widths[index], !pass.database.relaxed[index] {
            // Bounded by its own candidate ends, the rule needs no sentence windows (they cut its searches
            // by under 1% on the corpus, and cost a walk over every sentence for every rule).
            return CandidatePass.stretches(ends: ends[index], width: width, floor: extent.lowerBound, windows: nil,
                                           alphabet: pass.alphabets[index], bytes: bytes)
                .map { (low, last) in (low..<extent.upperBound, low, last) }
        }
        let windows = plain ? nil : sentenceWindows(rule: index, ends: ends, masks: masks, sentences: sentences, bytes: bytes)
        if let ends, let pass = candidates, pass.database.widths[index] != nil {  // taken relaxed (\G, \K)
            guard let windows else { return [(extent, extent.lowerBound, ends[index].last)].filter { $0.2 != nil } }
            return CandidatePass.windows(windows, ends: ends[index])
        }
        return (windows ?? [(extent, extent.lowerBound)]).map { ($0.0, $0.1, nil) }
    }

    /// The sentence windows of rule `index`: for a rule the pass takes relaxed, those around its candidate
    /// ends (the only ones it keeps); for one it does not take, from the scan's ends of its prefilter
    /// literal when the pass holds one; else from the sentence prefilter's masks (nil: no prefilter).
    func sentenceWindows(rule index: Int, ends: [[Int]]?, masks: [UInt64], sentences: ArraySlice<Range<Int>>, bytes: [UInt8]) -> [(Range<Int>, Int)]? {
        guard prefilter.bits[index] != nil else { return nil }
        if let ends, let pass = candidates {
            if pass.database.widths[index] != nil { return prefilter.windows(rule: index, around: ends[index], sentences: sentences, bytes: bytes) }
            if let w = pass.literalWindows(rule: index, ends: ends, sentences: sentences, bytes: bytes) { return w }
        }
        return prefilter.windows(rule: index, masks: masks, sentences: sentences, bytes: bytes)
    }

    /// Whether a document needs the sentence prefilter's masks: without candidate ends when any rule has a
    /// prefilter; with them, only for a rule the scan does not take and gives no literal for.
    func needsMasks(_ scanned: Bool) -> Bool {
        guard scanned, let pass = candidates else { return !prefilter.table.isEmpty }
        return rules.indices.contains { i in prefilter.bits[i] != nil && pass.literal[i] == nil && pass.database.widths[i] == nil }
    }

    /// The bytes a part covers: from its first sentence to the line break after its last; the whole text
    /// when not matching a part. Nil for an empty part.
    static func extent(of sentences: ArraySlice<Range<Int>>, part: Bool, bytes: [UInt8]) -> Range<Int>? {
        guard part else { return 0..<bytes.count }
        guard let first = sentences.first, let last = sentences.last else { return nil }
        var end = last.upperBound
        if end < bytes.count && bytes[end] == 0x0A { end += 1 }
        return first.lowerBound..<end
    }

    /// Whether a match of a scoped rule stands under a heading its `inside:` pattern matches (and under
    /// none its `outside:` pattern matches). A scope pattern that hits a PCRE2 limit throws, and the rule
    /// stops on this document like any rule.
    func inScope(_ rule: Rule, _ range: Range<Int>, text: CleanText, segmentation: Segmentation, scratch: Scratch) throws -> Bool {
        let headings = segmentation.headings(containing: range)
        func any(_ r: Regex) throws -> Bool {
            try headings.contains { h in try r.firstMatch(in: text.bytes, from: h.lowerBound, to: h.upperBound, scratch: scratch.pcre2) != nil }
        }
        if let inside = rule.inside, try !any(inside) { return false }
        if let outside = rule.outside, try any(outside) { return false }
        return true
    }
}

/// Where matches of one layer overlap, which one stands.
enum Overlaps {
    static func resolve(_ matches: [RuleMatch]) -> [RuleMatch] {
        let ordered = matches.sorted { a, b in
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            if a.rule.priority != b.rule.priority { return a.rule.priority > b.rule.priority }
            return a.order < b.order
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
