import TiquClean
import TiquEmit
import TiquMatch
import TiquNumbers
import TiquRules
import TiquText

/// What the pipeline made of one text, for a rule's author (`tiqu explain`): the cleaned text and what
/// cleaning changed, every match with its rule, span, groups, value and context, the matches that fell
/// (lost an overlap and to whom, skipped by the prefilter, over damage), and for a rule that does not match
/// how far its pattern got (PCRE2 partial matching).
public struct Explainer {
    public let pipeline: Pipeline
    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    /// ANSI colours for a terminal; none when printing to a file or a pipe.
    public struct Style {
        public let on: Bool
        public init(color: Bool) { on = color }
        func hi(_ s: String) -> String { on ? "\u{1B}[1;33m" + s + "\u{1B}[0m" : s }
        func rule(_ s: String) -> String { on ? "\u{1B}[36m" + s + "\u{1B}[0m" : s }
        func bad(_ s: String) -> String { on ? "\u{1B}[31m" + s + "\u{1B}[0m" : s }
    }

    public func explain(_ doc: SourceDocument, rule focus: Rule?, style: Style, scratch: Scratch = Scratch()) throws -> [String] {
        let s = try pipeline.run(doc, scratch: scratch)
        let trace = pipeline.matcher.trace(in: s.clean, segmentation: s.segmentation, scratch: scratch)
        let kept = trace.candidates.filter { $0.fate == .kept }
        var out = ["cleaned text:", "  " + highlighted(s.clean, kept.map(\.match.range), style)]
        out += changes(s)
        out.append(kept.isEmpty ? "matches: none" : "matches:")
        for c in kept { out += describe(c.match, in: s, style: style) }
        let fallen = trace.candidates.filter { $0.fate != .kept && (focus == nil || $0.match.rule.id == focus!.id) }
        if !fallen.isEmpty { out.append("matches that fell:") }
        for c in fallen {
            out.append("  \(style.rule(c.match.rule.id)) \(span(c.match.range, s)) «\(s.clean.string(c.match.range))»: \(Self.fate(c.fate, s))")
        }
        out += trace.stopped.map { "stopped: " + $0 }
        if let focus, !kept.contains(where: { $0.match.rule.id == focus.id }) { out += probe(focus, in: s, scratch: scratch, style: style) }
        return out
    }

    func highlighted(_ clean: CleanText, _ ranges: [Range<Int>], _ style: Style) -> String {
        guard style.on else { return clean.string.replacingOccurrences(of: "\n", with: "\n  ") }
        var out = ""
        var at = 0
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where r.lowerBound >= at {
            out += clean.string(at..<r.lowerBound) + style.hi(clean.string(r))
            at = r.upperBound
        }
        return (out + clean.string(at..<clean.bytes.count)).replacingOccurrences(of: "\n", with: "\n  ")
    }

    /// What cleaning removed and what it folded, sentence by sentence.
    func changes(_ s: Pipeline.Stages) -> [String] {
        var out: [String] = []
        for r in s.clean.removals { out.append("  removed «\(s.decoded.text(r.original.char))» (chars \(r.original.char)) by \(r.rule)") }
        for p in s.segmentation.sentences {
            let o = s.clean.map.original(p)
            let original = s.decoded.text(o.char), cleaned = s.clean.string(p)
            if original != cleaned { out.append("  folded «\(original)» → «\(cleaned)» (chars \(o.char))") }
        }
        for f in s.clean.flags { out.append("  damage «\(s.clean.string(f.range))» flagged by \(f.rule)") }
        return out.isEmpty ? ["cleaning changed nothing"] : ["cleaning changed:"] + out
    }

    func span(_ r: Range<Int>, _ s: Pipeline.Stages) -> String {
        let o = s.clean.map.original(r)
        return "chars \(o.char.lowerBound)..<\(o.char.upperBound)"
    }

    func describe(_ m: RuleMatch, in s: Pipeline.Stages, style: Style) -> [String] {
        var out = ["  \(style.rule(m.rule.id)) \(span(m.range, s)) «\(style.hi(s.clean.string(m.range)))»  (\(m.rule.location))"]
        let groups = m.groups.sorted { $0.value.lowerBound < $1.value.lowerBound }.map { "\($0.key) «\(s.clean.string($0.value))»" }
        if !groups.isEmpty { out.append("    groups: " + groups.joined(separator: ", ")) }
        let o = s.clean.map.original(m.range).char
        if let r = s.records.first(where: { $0.rule == m.rule.id && $0.span.char == o }) {
            let fields = Expectations.actual(r).filter { $0.value != nil && $0.key != "kind" }.sorted { $0.key < $1.key }
            out.append("    " + fields.map { "\($0.key): \($0.value!)" }.joined(separator: ", "))
        }
        return out
    }

    static func fate(_ f: MatchTrace.Fate, _ s: Pipeline.Stages) -> String {
        switch f {
        case .kept: return "kept"
        case .prefilterSkips: return "the prefilter skips its sentence (it holds none of the rule's `prefilter:` characters)"
        case .outOfScope: return "outside the rule's `inside:`/`outside:` scope"
        case .lostOverlap(let w): return "lost the overlap to \(w.rule.id) «\(s.clean.string(w.range))»"
        case .overDamage(let flag): return "overlaps damage flagged by \(flag)"
        }
    }

    /// For a rule that matches nowhere: does the prefilter let each sentence through, and how far PCRE2 got.
    func probe(_ rule: Rule, in s: Pipeline.Stages, scratch: Scratch, style: Style) -> [String] {
        var out = ["rule \(style.rule(rule.id)) gives no match here (\(rule.location)):"]
        let b = s.clean.bytes
        if let words = rule.prefilterWords {
            let through = s.segmentation.sentences.filter { r in words.contains { s.clean.string(r).contains($0) } }
            out.append("  prefilter_words: let \(through.count) of \(s.segmentation.sentences.count) sentences through" +
                       (through.isEmpty ? "; the text holds none of them (\(words.prefix(24).joined(separator: " ")))" : ""))
        } else if let pre = rule.prefilter {
            let through = s.segmentation.sentences.filter { r in s.clean.string(r).unicodeScalars.contains { pre.contains($0) } }
            out.append("  prefilter: lets \(through.count) of \(s.segmentation.sentences.count) sentences through" +
                       (through.isEmpty ? "; the text holds none of its characters (\(String(String.UnicodeScalarView(pre.sorted { $0.value < $1.value }.prefix(24)))))" : ""))
        } else {
            out.append("  prefilter: none (the rule runs over every sentence)")
        }
        let probes = s.segmentation.sentences.compactMap { sentence in PartialProbe.probe(rule, bytes: b, in: sentence, scratch: scratch).map { ($0, sentence) } }
        guard let (best, sentence) = probes.max(by: { $0.0.matched.count < $1.0.matched.count }) else {
            out.append("  PCRE2: the pattern cannot even begin a match anywhere in the text")
            return out
        }
        if best.complete {
            out.append("  PCRE2: the pattern matches «\(s.clean.string(best.matched))» (\(span(best.matched, s))), but the match fell (see above)")
            return out
        }
        let after = best.matched.upperBound < sentence.upperBound ? "«\(style.bad(Self.nextCharacter(b, at: best.matched.upperBound)))»" : "the end of the sentence"
        out.append("  PCRE2 got as far as «\(style.hi(s.clean.string(best.matched)))» (\(span(best.matched, s))); pattern and text part ways at \(after)")
        return out
    }

    /// The pattern matches, but in a sentence that holds none of the prefilter's characters: which ones
    /// the sentence lacks, and the characters of the match that would let it through.
    static func prefilterSkips(_ m: RuleMatch, in s: Pipeline.Stages) -> String {
        let sentence = s.segmentation.sentences.first { $0.contains(m.range.lowerBound) }.map { s.clean.string($0) } ?? ""
        if let words = m.rule.prefilterWords {
            let shown = words.prefix(24).joined(separator: " ")
            return "the pattern matches «\(s.clean.string(m.range))», but the prefilter skips its sentence: «\(sentence)» holds none of the `prefilter_words:` (\(shown)); add a word of the match to them"
        }
        let pre = String(String.UnicodeScalarView((m.rule.prefilter ?? []).sorted { $0.value < $1.value }.prefix(24)))
        var add: [Unicode.Scalar] = []
        for c in s.clean.string(m.range).unicodeScalars where c.properties.isIdeographic && !Numerals.isChineseNumeral(c) && !add.contains(c) { add.append(c) }
        let hint = add.isEmpty ? "" : "; add one of «\(String(String.UnicodeScalarView(add)))» to `prefilter:`"
        return "the pattern matches «\(s.clean.string(m.range))», but the prefilter skips its sentence: «\(sentence)» holds none of «\(pre)»\(hint)"
    }

    static func nextCharacter(_ b: [UInt8], at i: Int) -> String {
        var j = i + 1
        while j < b.count, b[j] & 0xC0 == 0x80 { j += 1 }
        return String(decoding: b[i..<j], as: UTF8.self)
    }

    /// One line for the checker: why the rule gave no record at the expected span (original chars).
    /// Why `rule` gave no record at original chars `want`: the prefilter, a lost overlap, scope, damage, or
    /// how far PCRE2 got (searched in `probe`, cleaned bytes; the whole text by default).
    func whyNot(_ rule: Rule, span want: Range<Int>, in s: Pipeline.Stages, scratch: Scratch, probe: Range<Int>? = nil) -> String {
        let trace = pipeline.matcher.trace(in: s.clean, segmentation: s.segmentation, scratch: scratch)
        let mine = trace.candidates.filter { $0.match.rule.id == rule.id }
        if let c = mine.first(where: { s.clean.map.original($0.match.range).char == want }) {
            if c.fate == .prefilterSkips { return Self.prefilterSkips(c.match, in: s) }
            if c.fate == .kept { return "its match was kept, but the normalizer made no record of it" }
            return "its match " + (c.fate == .outOfScope ? "lies " : "") + Self.fate(c.fate, s)
        }
        if let c = mine.first(where: { s.clean.map.original($0.match.range).char.overlaps(want) }) {
            return "the pattern matched «\(s.clean.string(c.match.range))» instead (\(Self.fate(c.fate, s)))"
        }
        guard let p = PartialProbe.probe(rule, bytes: s.clean.bytes, in: probe ?? 0..<s.clean.bytes.count, scratch: scratch) else {
            return "the pattern cannot even begin a match here"
        }
        let end = p.matched.upperBound
        let after = end < s.clean.bytes.count ? "«\(Self.nextCharacter(s.clean.bytes, at: end))»" : "the end of the text"
        return "the pattern does not match here: PCRE2 got as far as «\(s.clean.string(p.matched))» and parts ways with the text at \(after)"
    }
}
