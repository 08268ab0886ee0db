import PCRE2
import TiquText

/// A pattern searched only where its matches can be: inside runs of at least as many characters of its
/// alphabet as its shortest match has (a label pattern such as `INLINE_LABEL`, run over every line, is
/// made of a few dozen characters, and most runs of them are one character long). Finds what
/// `Regex.forEachMatch` over the whole range finds: every match lies inside one run, lookarounds see
/// the whole subject, and a search goes on inside its run as it would. Patterns that may match the
/// empty string, or that cannot bound their starts (no `.startLimit`), are searched over the whole range.
package struct AlphabetSearch: Sendable {
    package let regex: Regex
    package let alphabet: MatchAlphabet?

    package init(_ regex: Regex) {
        self.init(regex, alphabet: MatchAlphabet.of(regex.pattern, extended: regex.options.contains(.extended)))
    }

    /// A rule's pattern, with the alphabet read when the rules loaded.
    package init(_ rule: Rule) { self.init(rule.regex, alphabet: rule.alphabet) }

    /// `alphabet`: the pattern's (`MatchAlphabet.of`).
    package init(_ regex: Regex, alphabet: MatchAlphabet?) {
        self.regex = regex
        self.alphabet = regex.minLength > 0 && regex.options.contains(.startLimit) ? alphabet : nil
    }

    package func forEachMatch(in b: [UInt8], range: Range<Int>, scratch: MatchScratch, _ body: (Match) throws -> Bool) throws {
        guard let alphabet else { return try regex.forEachMatch(in: b, range: range, scratch: scratch, body) }
        let minimum = regex.minLength  // in characters (PCRE2_INFO_MINLENGTH in UTF mode)
        let end = range.upperBound
        var going = true
        func search(_ run: Range<Int>) throws {
            try regex.forEachMatch(in: b, range: run.lowerBound..<end, startLimit: run.upperBound, scratch: scratch) { m in
                going = try body(m)
                return going
            }
        }
        var i = range.lowerBound
        var start = i
        var count = 0  // characters in the run that began at `start`
        while i < end {
            if count == 0 && minimum > 1 {
                // Outside a run, the character minimum - 1 ahead is read first: when it is not the
                // alphabet's, no run long enough starts before it, and the search jumps past it (most of
                // the text, read a lead byte a character instead of decoded).
                var k = i
                for _ in 1..<minimum where k < end { k += UTF8Scalar.length(b[k]) }
                guard k < end else { break }
                let (v, n) = UTF8Scalar.decode(b, k)
                if !alphabet.contains(v) { i = k + n; continue }
            }
            let (v, n) = UTF8Scalar.decode(b, i)
            if alphabet.contains(v) {
                if count == 0 { start = i }
                count += 1
            } else {
                if count >= minimum { try search(start..<i); guard going else { return } }
                count = 0
            }
            i += n
        }
        if count >= minimum { try search(start..<end) }
    }
}
