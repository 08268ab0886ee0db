/// What the sentence prefilter keys a rule on: the whole words of its `prefilter_words:` (a sentence
/// counts when one of them ends in it), else the characters of its `prefilter:`; nil when it has neither
/// (or they reach beyond the BMP, which the prefilter's tables do not hold): the rule runs everywhere.
/// The sentence prefilter (`Prefilter`, TiquMatch) and the candidate pass read it from here, so both mark
/// the same sentences.
package enum PrefilterKey: Equatable, Sendable {
    case words([String])
    case chars(Set<Unicode.Scalar>)

    package static func of(_ rule: Rule) -> PrefilterKey? {
        if let w = rule.prefilterWords.map({ Array(Set($0)).sorted() }), !w.contains(where: \.isEmpty),
           w.allSatisfy({ $0.unicodeScalars.last!.value < 0x10000 }) {
            return .words(w)
        }
        guard let p = rule.prefilter, p.allSatisfy({ $0.value < 0x10000 }) else { return nil }
        return .chars(p)
    }

    /// A Vectorscan expression matching exactly the key's characters (or words), each written `\x{H}`: its
    /// match ends are where the sentence prefilter would mark a sentence (the one holding the byte before).
    var expression: String {
        func hex(_ c: Unicode.Scalar) -> String { "\\x{" + String(c.value, radix: 16) + "}" }
        switch self {
        case .chars(let set): return "[" + set.sorted { $0.value < $1.value }.map(hex).joined() + "]"
        case .words(let words): return "(?:" + words.map { $0.unicodeScalars.map(hex).joined() }.joined(separator: "|") + ")"
        }
    }
}

extension CandidatePass {
    /// The literal patterns added to a pass: one for each distinct prefilter key of a rule the pass does
    /// not take (a rule taken relaxed finds its windows from its own candidate ends), so that the
    /// sentences such a rule runs over come out of the same scan rather than a second pass over every
    /// character. Returns
    /// the expressions and, for each rule, the index among them of its key's (nil: none).
    static func literals(keys: [PrefilterKey?], unbounded: (Int) -> Bool) -> (expressions: [String], of: [Int?]) {
        var expressions: [String] = []
        var of = [Int?](repeating: nil, count: keys.count)
        for (i, key) in keys.enumerated() {
            guard let key, unbounded(i) else { continue }
            let e = key.expression
            if let k = expressions.firstIndex(of: e) { of[i] = k; continue }
            expressions.append(e)
            of[i] = expressions.count - 1
        }
        return (expressions, of)
    }

    /// The window of the sentences `first...last` (indices into `sentences`), as (subject range, first byte
    /// a match may start at). The subject ends after the last sentence's line break, so lookaheads see what
    /// they would see in the whole text (lookbehinds see everything before), and starts one character
    /// early, on the line break, space or sentence end before the window: \G (which chains list items from
    /// the previous match) then cannot match at the window's first character, as it cannot over the whole
    /// text; matches starting before the window are skipped (none start on such a character).
    package static func window(_ sentences: ArraySlice<Range<Int>>, _ first: Int, _ last: Int, bytes: [UInt8]) -> (Range<Int>, Int) {
        let start = sentences[first].lowerBound
        var end = sentences[last].upperBound
        if end < bytes.count && bytes[end] == 0x0A { end += 1 }
        var early = start
        if early > 0 {
            early -= 1
            while early > 0, bytes[early] & 0xC0 == 0x80 { early -= 1 }
        }
        return (early..<end, start)
    }

    /// The sentence windows of rule `index` from the ends of its prefilter literal (`literal`, nil when the
    /// pass has none for it): runs of consecutive sentences holding one, each as (subject range, first byte
    /// a match may start at), exactly as `Prefilter.windows` gives them from its sentence masks.
    package func literalWindows(rule index: Int, ends: [[Int]], sentences: ArraySlice<Range<Int>>, bytes: [UInt8]) -> [(Range<Int>, Int)]? {
        guard let p = literal[index] else { return nil }
        var out: [(Range<Int>, Int)] = []
        var run: (first: Int, last: Int)?  // sentence indices
        func close() {
            guard let r = run else { return }
            out.append(Self.window(sentences, r.first, r.last, bytes: bytes))
        }
        var k = sentences.startIndex
        for e in ends[p] {
            // The sentence holding byte e - 1, the key's last character: lowerBound < e <= upperBound.
            if let r = run, r.last == k, sentences[k].lowerBound < e, e <= sentences[k].upperBound { continue }
            var lo = k, hi = sentences.endIndex
            while lo < hi {
                let mid = (lo + hi) / 2
                if sentences[mid].upperBound < e { lo = mid + 1 } else { hi = mid }
            }
            k = lo
            guard k < sentences.endIndex else { break }
            guard sentences[k].lowerBound < e else { continue }
            if let r = run, r.last + 1 == k { run = (r.first, k); continue }
            close()
            run = (k, k)
        }
        close()
        return out
    }
}
