import PCRE2
import TiquRules
import TiquText

/// The clean stage: decoded text → `CleanText`. Folds width, line ends and Traditional characters one
/// scalar to one, drops layout spaces inside numbers, removes web debris (`rules/clean/`, kind `remove`)
/// and flags damage (kind `flag`), recording every change in the offset map. Rules downstream are written
/// once, in Simplified Chinese with ASCII digits and punctuation.
public struct Cleaner: Sendable {
    public let removalRules: [Rule]
    public let flagRules: [Rule]
    public let words: CleanWords
    /// The candidate passes of the debris and the damage rules (`CandidatePass.load`); nil: every rule
    /// runs over the whole text (same result).
    public var removalCandidates: CandidatePass?
    public var flagCandidates: CandidatePass?

    public init(removalRules: [Rule] = [], flagRules: [Rule] = [], words: CleanWords) {
        self.removalRules = removalRules
        self.flagRules = flagRules
        self.words = words
    }

    public init(ruleSet: RuleSet) {
        self.init(removalRules: ruleSet.removalRules, flagRules: ruleSet.flagRules,
                  words: ruleSet.clean ?? CleanWords(numberContinues: ScalarSet([String]())))
    }

    /// Never fails: a debris rule that hits a PCRE2 limit leaves the document folded but not cleaned, and
    /// says so; a damage rule that does leaves its places unflagged, and says so.
    public func clean(_ text: DecodedText, scratch: Scratch) -> CleanText {
        var map = fold(text)
        var diagnostics: [Diagnostic] = []
        var removed: [(rule: String, range: Range<Int>)] = []
        do {
            removed = try findRemovals(map.cleanBytes, scratch: scratch)
        } catch {
            diagnostics.append(Diagnostic(.error, "a clean rule hit a PCRE2 limit (\(error.message)); the document was not cleaned"))
        }
        let removals = removed.isEmpty ? [] : remove(removed, from: &map)
        let damage = DamageScanner(rules: flagRules, candidates: flagCandidates).scan(map.cleanBytes, map: map, decoded: text, scratch: scratch)
        return CleanText(bytes: map.cleanBytes, map: map, removals: removals, flags: damage.flags, diagnostics: diagnostics + damage.diagnostics)
    }

    /// Pass 1: every scalar folded one to one (or dropped), layout spaces inside numbers dropped. Debris
    /// rules match this folded text, so they are written once in plain forms, like extraction rules. The
    /// result is the folded text with its map to the original.
    func fold(_ text: DecodedText) -> OffsetMap {
        let scalars = text.scalars
        let n = scalars.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n * 3)
        var map = OffsetMap(originalByteOffsets: text.byteOffsets, capacity: n)
        var i = 0
        var previous: UInt32 = 0x0A
        let bmp = Fold.bmp  // read once: a static's access check and retain per character cost a tenth of cleaning
        while i < n {
            let v = scalars[i].value
            var folded = v
            if v == 0x0D {
                // CRLF → LF (the CR maps to nothing); a lone CR is a line end too.
                if i + 1 < n && scalars[i + 1].value == 0x0A { i += 1; continue }
                folded = 0x0A
            } else if v >= 0x80 {
                guard let f = Fold.fold(v, bmp) else { i += 1; continue }  // zero-width characters vanish
                folded = f
            }
            if (folded == 0x20 || folded == 0x09 || folded == 0x0A) && Fold.canContinueNumber(previous),
               let next = layoutSpaceInsideNumber(scalars, from: i, before: previous) {
                i = next
                continue
            }
            previous = folded
            map.append(utf8Length: Self.appendUTF8(folded, to: &bytes), origin: i)
            i += 1
        }
        map.finish(bytes)
        return map
    }

    /// Where the run of layout whitespace at `i` ends, when it sits inside a number or unit (as web pages
    /// break them) and is dropped; nil when it stays. Scanned only after a digit, a letter or a point, so a
    /// long run of blanks is read once.
    func layoutSpaceInsideNumber(_ scalars: [Unicode.Scalar], from i: Int, before previous: UInt32) -> Int? {
        let n = scalars.count
        var j = i + 1
        var newlines = scalars[i].value == 0x0A || scalars[i].value == 0x0D ? 1 : 0
        var next: UInt32 = 0
        while j < n {
            let w = scalars[j].value
            let f = w < 0x80 ? w : (Fold.fold(w) ?? 0x20)
            if f == 0x20 || f == 0x09 { j += 1; continue }
            // A lone CR ends a line like LF does; in CRLF only the LF counts.
            if f == 0x0A || (f == 0x0D && !(j + 1 < n && scalars[j + 1].value == 0x0A)) { newlines += 1; j += 1; continue }
            if f == 0x0D { j += 1; continue }
            next = f
            break
        }
        guard next != 0, newlines <= 1,
              Fold.isInsideNumber(before: previous, after: next, newline: newlines == 1, continues: words.numberContinues) else { return nil }
        return j
    }

    /// Pass 2a: the removal rules over the folded text: what they remove, in folded bytes.
    func findRemovals(_ utf8: [UInt8], scratch: Scratch) throws(PatternStop) -> [(rule: String, range: Range<Int>)] {
        var result: [(rule: String, range: Range<Int>)] = []
        let ends = removalCandidates?.scan(utf8, range: utf8.indices, scratch: scratch)
        for (index, rule) in removalRules.enumerated() {
            do {
                for (subject, _, limit) in CandidatePass.searches(removalCandidates, index, ends: ends, range: utf8.indices) {
                    try rule.regex.forEachMatch(in: utf8, range: subject, startLimit: limit, scratch: scratch.pcre2) { m in
                        if !m.range.isEmpty { result.append((rule.id, m.range)) }
                        return true
                    }
                }
            } catch let e as PCRE2Error {
                throw PatternStop(e)
            } catch {
                fatalError("forEachMatch throws only PCRE2Error: \(error)")
            }
        }
        result.sort { ($0.range.lowerBound, $0.range.upperBound, $0.rule) < ($1.range.lowerBound, $1.range.upperBound, $1.rule) }
        return result
    }

    /// Pass 2b: the folded text without the removed stretches (compacted in place), with its map, and
    /// each removal with the cleaned byte where it stood and its original span.
    func remove(_ removed: [(rule: String, range: Range<Int>)], from map: inout OffsetMap) -> [CleanText.Removal] {
        // Removed stretches merged into disjoint runs, sorted by start.
        var runs: [Range<Int>] = []
        for r in removed {
            if let last = runs.last, r.range.lowerBound <= last.upperBound {
                runs[runs.count - 1] = last.lowerBound..<max(last.upperBound, r.range.upperBound)
            } else {
                runs.append(r.range)
            }
        }
        // Original spans first: they are read from the folded map, which the compaction replaces.
        let spans = removed.map { map.original($0.range) }
        let at = map.remove(runs)
        return removed.indices.map { i -> CleanText.Removal in
            let run = Search.first(runs.count) { runs[$0].upperBound > removed[i].range.lowerBound }
            return CleanText.Removal(rule: removed[i].rule, at: at[run], original: spans[i])
        }
    }

    @inline(__always)
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) -> Int {
        if v < 0x80 {
            out.append(UInt8(v)); return 1
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F)); return 2
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F)); return 3
        } else {
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F)); return 4
        }
    }
}
