import PCRE2

/// The checks of `tiqu rules lint` that read one compiled rule (they also run whenever rules load):
/// group names the normalizer does not read, patterns that can match nothing at all, prefilters that
/// exclude an example, rules without examples, and nested quantifiers that may backtrack without end.
enum Lint {
    /// A named group the normalizer does not read in a rule of this kind (`(?<nmu>…)` in a money rule gives
    /// `value: null`): an error at the group's name, with the nearest known name.
    static func unknownGroup(_ regex: Regex, kind: ExtractionKind, expansion: PatternLibrary.Expansion, rule id: String,
                             fallback: SourceLocation) -> RuleError? {
        let known = GroupName.known(for: kind)
        guard kind.isExtraction, let name = regex.groupNumbers.keys.sorted().first(where: { !known.contains($0) }) else { return nil }
        let at = groupOffset(name, in: expansion.bytes).flatMap { expansion.location(ofByte: $0) } ?? fallback
        let near = NameSuggestion.nearest(name, among: known)
        let hint = near.isEmpty ? "" : "did you mean `\(near[0])`? "
        return RuleError(at, "rule `\(id)`: the normalizer reads no group `\(name)` in a \(kind.rawValue) rule; \(hint)(\(kind.rawValue) rules read: \(known.joined(separator: ", "))); use `(?:…)` for a group it need not read")
    }

    /// The byte offset of a named group's name in a pattern: `(?<name>`, `(?P<name>` or `(?'name'`.
    static func groupOffset(_ name: String, in bytes: [UInt8]) -> Int? {
        for (open, close) in [("(?<", ">"), ("(?P<", ">"), ("(?'", "'")] {
            let needle = Array((open + name + close).utf8)
            guard needle.count <= bytes.count else { continue }
            for i in 0...(bytes.count - needle.count) where bytes[i..<(i + needle.count)].elementsEqual(needle) { return i + open.utf8.count }
        }
        return nil
    }

    /// The warnings and errors of one loaded rule.
    static func check(_ rule: Rule, expansion: PatternLibrary.Expansion, lexicon: Lexicon, warnings: Bool = true) -> [RuleError] {
        var out: [RuleError] = []
        if let pre = rule.prefilter { out += prefilterExcludes(rule, pre, lexicon: lexicon) }
        if let words = rule.prefilterWords { out += prefilterWordsExclude(rule, words, lexicon: lexicon) }
        guard warnings else { return out }
        if rule.examples.isEmpty {
            let gaps = rule.gaps.isEmpty ? "" : " (its \(rule.gaps.count) gap(s) do not count)"
            out.append(RuleError(rule.location, "rule `\(rule.id)` has no `examples:`\(gaps); show at least one text it must match, with the span marked [[…]]", severity: .warning))
        }
        if rule.regex.minLength == 0 {
            out.append(RuleError(rule.location, "rule `\(rule.id)`: the pattern can match the empty string (every part is optional); make the number or the unit required", severity: .warning))
        }
        out += nested(expansion, what: "rule `\(rule.id)`", fallback: rule.location)
        out += candidateMisses(rule)
        return out
    }

    /// Examples whose sentence holds none of the prefilter's characters: the rule would never run there.
    static func prefilterExcludes(_ rule: Rule, _ pre: Set<Unicode.Scalar>, lexicon: Lexicon) -> [RuleError] {
        var out: [RuleError] = []
        for ex in rule.examples {
            let sentence = exampleSentence(ex, lexicon: lexicon)
            guard !sentence.contains(where: { pre.contains($0) || pre.contains(folded($0)) }) else { continue }
            let listed = pre.sorted { $0.value < $1.value }
            let shown = listed.prefix(24).map { String($0) }.joined(separator: " ") + (listed.count > 24 ? " …" : "")
            out.append(RuleError(ex.location, "rule `\(rule.id)`: the `prefilter:` excludes this example: its sentence «\(String(String.UnicodeScalarView(sentence)))» holds none of the prefilter's characters (\(shown)), so the rule never runs there; add a character the sentence holds to `prefilter:`"))
        }
        return out
    }

    /// Examples whose sentence holds none of the `prefilter_words:` whole: the rule would never run there.
    static func prefilterWordsExclude(_ rule: Rule, _ words: [String], lexicon: Lexicon) -> [RuleError] {
        var out: [RuleError] = []
        for ex in rule.examples {
            let sentence = String(String.UnicodeScalarView(exampleSentence(ex, lexicon: lexicon).map(folded)))
            guard !words.contains(where: { sentence.contains($0) }) else { continue }
            let shown = words.prefix(24).joined(separator: " ") + (words.count > 24 ? " …" : "")
            out.append(RuleError(ex.location, "rule `\(rule.id)`: the `prefilter_words:` exclude this example: its sentence «\(sentence)» holds none of the words (\(shown)), so the rule never runs there; add a word the sentence holds to `prefilter_words:`"))
        }
        return out
    }

    /// The sentence of an example's marked span, as the segmenter would cut it (to a `sentence_end`).
    static func exampleSentence(_ ex: RuleExample, lexicon: Lexicon) -> ArraySlice<Unicode.Scalar> {
        let ends = Set(lexicon.words(in: "sentence_end").compactMap(\.unicodeScalars.first))
        let s = Array(ex.text.unicodeScalars)
        var start = min(ex.span.lowerBound, s.count), end = min(ex.span.upperBound, s.count)
        while start > 0, !ends.contains(s[start - 1]) { start -= 1 }
        while end < s.count, !ends.contains(s[end]) { end += 1 }
        if end < s.count { end += 1 }
        return s[start..<end]
    }

    /// Full-width ASCII as the clean stage folds it.
    static func folded(_ c: Unicode.Scalar) -> Unicode.Scalar { (0xFF01...0xFF5E).contains(c.value) ? Unicode.Scalar(c.value - 0xFEE0)! : c }

    /// Nested quantifiers in an expanded pattern, each a warning at the inner quantifier (in the file that
    /// writes it) that names where the outer one stands.
    static func nested(_ expansion: PatternLibrary.Expansion, what: String, fallback: SourceLocation) -> [RuleError] {
        NestedQuantifiers.find(expansion.text).map { spot in
            let inner = expansion.location(ofByte: spot.inner) ?? fallback
            let outer = expansion.location(ofByte: spot.outer) ?? fallback
            let q = String(decoding: expansion.bytes[spot.inner...].prefix { "*+?{},0123456789".utf8.contains($0) }, as: UTF8.self)
            return RuleError(inner, "\(what): nested quantifiers may backtrack without end: `\(q)` repeats inside a group that is itself repeated (at \(outer)), like `(a+)+`; make the inner part possessive (`a++`) or atomic (`(?>…)`), or require a separator in each repetition", severity: .warning)
        }
    }
}
