import PCRE2
import TiquClean
import TiquRules
import TiquSegment

/// Why each match a rule's pattern finds stands or falls, for the rule tools (`tiqu explain`, the checker's
/// failure messages): every rule runs over the whole text, and each candidate says whether the prefilter
/// lets its sentence through, whether it lies outside its scope, lost an overlap (to which match) or
/// overlaps damage. The match stage's own output is not changed by any of this.
public struct MatchTrace: Sendable {
    public enum Fate: Sendable {
        case kept
        /// The prefilter skips its sentence: it holds none of the rule's `prefilter:` characters.
        case prefilterSkips
        /// Outside the rule's `inside:`/`outside:` scope.
        case outOfScope
        case lostOverlap(to: RuleMatch)
        /// It overlaps a place the damage rule `flag` flagged.
        case overDamage(flag: String)
    }
    public struct Candidate: Sendable {
        public let match: RuleMatch
        public let fate: Fate
    }
    public let candidates: [Candidate]
    /// Matches PCRE2 stopped on (a limit), as messages.
    public let stopped: [String]
}

extension Matcher {
    public func trace(in text: CleanText, segmentation: Segmentation, scratch: Scratch) -> MatchTrace {
        let sentences = segmentation.sentences[...]
        let masks = prefilter.sentenceMasks(text.bytes, sentences: sentences)
        var raw: [(RuleMatch, Fate: MatchTrace.Fate?)] = []
        var stopped: [String] = []
        for (index, rule) in rules.enumerated() {
            do {
                try rule.regex.forEachMatch(in: text.bytes, scratch: scratch.pcre2) { m in
                    guard !m.range.isEmpty else { return true }
                    var groups: [String: Range<Int>] = [:]
                    for (name, number) in groupNames[index] { if let g = m.groups[number] { groups[name] = g } }
                    let match = RuleMatch(rule: rule, order: index, range: m.range, groups: groups)
                    if !passes(index, at: m.range.lowerBound, masks: masks, segmentation: segmentation) {
                        raw.append((match, .prefilterSkips))
                    } else if rule.inside != nil || rule.outside != nil, try !inScope(rule, m.range, text: text, segmentation: segmentation, scratch: scratch) {
                        raw.append((match, .outOfScope))
                    } else {
                        raw.append((match, nil))
                    }
                    return true
                }
            } catch {
                stopped.append("rule `\(rule.id)`: \(error)")
            }
        }
        let live = raw.filter { $0.1 == nil }.map(\.0)
        let kept = Overlaps.resolve(live.filter { $0.rule.kind != .project }) + Overlaps.resolve(live.filter { $0.rule.kind == .project })
        let candidates = raw.map { (m, fate) -> MatchTrace.Candidate in
            if let fate { return MatchTrace.Candidate(match: m, fate: fate) }
            guard kept.contains(where: { $0.order == m.order && $0.range == m.range }) else {
                let winner = kept.first { $0.range.overlaps(m.range) && ($0.rule.kind == .project) == (m.rule.kind == .project) }
                return MatchTrace.Candidate(match: m, fate: winner.map { .lostOverlap(to: $0) } ?? .outOfScope)
            }
            if let flag = text.flags.first(where: { $0.range.overlaps(m.range) && !$0.allows.contains(m.rule.kind) }) {
                return MatchTrace.Candidate(match: m, fate: .overDamage(flag: flag.rule))
            }
            return MatchTrace.Candidate(match: m, fate: .kept)
        }
        return MatchTrace(candidates: candidates.sorted { ($0.match.range.lowerBound, $0.match.order) < ($1.match.range.lowerBound, $1.match.order) },
                          stopped: stopped)
    }

    /// Whether the prefilter lets rule `index` run over the sentence holding `byte` (plain mode: always).
    func passes(_ index: Int, at byte: Int, masks: [UInt64], segmentation: Segmentation) -> Bool {
        guard !plain, let bit = prefilter.bits[index] else { return true }
        guard let k = segmentation.sentences.firstIndex(where: { $0.contains(byte) }) else { return true }
        return masks[k] & (1 << UInt64(bit)) != 0
    }
}

extension MatchTrace.Fate: Equatable {
    public static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.kept, .kept), (.prefilterSkips, .prefilterSkips), (.outOfScope, .outOfScope): return true
        case (.lostOverlap(let x), .lostOverlap(let y)): return x.order == y.order && x.range == y.range
        case (.overDamage(let x), .overDamage(let y)): return x == y
        default: return false
        }
    }
}

/// How far a rule's pattern gets in a stretch of text when it matches nowhere there: PCRE2's partial
/// matching (PCRE2_PARTIAL_HARD) over ever longer prefixes finds the longest stretch that could still begin
/// a match; the character after it is where pattern and text part ways.
public struct PartialProbe: Sendable, Equatable {
    /// The stretch that could begin a match, in cleaned bytes.
    public let matched: Range<Int>
    /// True when a whole match was found (the pattern does match here).
    public let complete: Bool

    public static func probe(_ rule: Rule, bytes: [UInt8], in range: Range<Int>, scratch: Scratch) -> PartialProbe? {
        var best: PartialProbe?
        var end = range.lowerBound
        while end <= range.upperBound {
            switch (try? rule.regex.partialMatch(in: bytes, from: range.lowerBound, to: end, scratch: scratch.pcre2)) ?? .none {
            case .complete(let m): return PartialProbe(matched: m.range, complete: true)
            case .partial(let r) where !r.isEmpty: best = PartialProbe(matched: r, complete: false)
            default: break
            }
            guard end < range.upperBound else { break }
            end += 1
            while end < range.upperBound, bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        return best
    }
}
