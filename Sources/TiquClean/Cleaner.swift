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
    /// result is the folded text with its map to the original. Reads the text as UTF-8 (a UTF-8 file's own
    /// bytes) and copies each run of unchanged scalars at once: most characters are.
    func fold(_ text: DecodedText) -> OffsetMap {
        let (src, start) = text.utf8
        let n = src.count
        var out = FoldOutput(capacity: n - start + 16)
        var i = start  // the original byte and scalar read
        var k = 0
        var run = start  // where the unchanged scalars not yet copied start
        var previous: UInt32 = 0x0A
        let bmp = Fold.bmp  // read once: a static's access check and retain per character cost a tenth of cleaning
        while i < n {
            let (v, len) = UTF8Scalar.decode(src, i)
            var folded = v
            if v == 0x0D {
                // CRLF → LF (the CR maps to nothing); a lone CR is a line end too.
                if i + 1 < n && src[i + 1] == 0x0A { out.copy(src, run..<i); i += 1; k += 1; run = i; continue }
                folded = 0x0A
            } else if v >= 0x80 {
                guard let f = Fold.fold(v, bmp) else {  // zero-width characters vanish
                    out.copy(src, run..<i); i += len; k += 1; run = i; continue
                }
                folded = f
            }
            if (folded == 0x20 || folded == 0x09 || folded == 0x0A) && Fold.canContinueNumber(previous),
               let next = layoutSpaceInsideNumber(src, from: i, before: previous) {
                out.copy(src, run..<i); i = next.end; k += next.scalars; run = i
                continue
            }
            previous = folded
            out.kept(origin: k, at: out.bytes.count + i - run)
            if folded != v {
                out.copy(src, run..<i)
                Self.appendUTF8(folded, to: &out.bytes)
                run = i + len
            }
            i += len
            k += 1
            // The unchanged characters that follow, up to the next checkpoint, at once (same delta).
            let same = Self.unchanged(src, from: i, upTo: out.scalars & 63 == 0 ? 0 : 64 - out.scalars & 63, bmp)
            if same.count > 0 {
                i = same.end
                k += same.count
                out.scalars += same.count
                previous = same.last
            }
        }
        out.copy(src, run..<n)
        return OffsetMap(originalByteOffsets: text.byteOffsets, bytes: out.bytes, scalars: out.scalars, jumpAt: out.jumpAt, jumpDelta: out.jumpDelta, checkpoints: out.checkpoints)
    }
    /// How many characters from byte `i` on (at most `room`) the fold leaves as they are, where they end
    /// and the last one: printable ASCII and three-byte characters the table does not fold (most of a
    /// Chinese text). Neither a line end, a space nor a dropped character is taken.
    @inline(__always)
    static func unchanged(_ src: [UInt8], from i: Int, upTo room: Int, _ bmp: [UInt32]) -> (count: Int, end: Int, last: UInt32) {
        var j = i
        var count = 0
        var last: UInt32 = 0
        let n = src.count
        while count < room && j < n {
            let b0 = src[j]
            if b0 > 0x20 && b0 < 0x80 {
                last = UInt32(b0)
                j += 1
            } else if b0 >= 0xE0 && b0 < 0xF0 && j + 2 < n {
                let v = UInt32(b0 & 0x0F) << 12 | UInt32(src[j + 1] & 0x3F) << 6 | UInt32(src[j + 2] & 0x3F)
                guard bmp[Int(v)] == 0 else { break }
                last = v
                j += 3
            } else {
                break
            }
            count += 1
        }
        return (count, j, last)
    }
    /// Where the run of layout whitespace at byte `i` ends (and how many scalars it has), when it sits
    /// inside a number or unit (as web pages break them) and is dropped; nil when it stays. Scanned only
    /// after a digit, a letter or a point, so a long run of blanks is read once.
    func layoutSpaceInsideNumber(_ src: [UInt8], from i: Int, before previous: UInt32) -> (end: Int, scalars: Int)? {
        let n = src.count
        let (first, length) = UTF8Scalar.decode(src, i)
        var j = i + length
        var count = 1
        var newlines = first == 0x0A || first == 0x0D ? 1 : 0
        var next: UInt32 = 0
        while j < n {
            let (w, l) = UTF8Scalar.decode(src, j)
            let f = w < 0x80 ? w : (Fold.fold(w) ?? 0x20)
            j += l
            count += 1
            if f == 0x20 || f == 0x09 { continue }
            // A lone CR ends a line like LF does; in CRLF only the LF counts.
            if f == 0x0A || (f == 0x0D && !(j < n && src[j] == 0x0A)) { newlines += 1; continue }
            if f == 0x0D { continue }
            j -= l
            count -= 1
            next = f
            break
        }
        guard next != 0, newlines <= 1,
              Fold.isInsideNumber(before: previous, after: next, newline: newlines == 1, continues: words.numberContinues) else { return nil }
        return (j, count)
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

    @inline(__always) @discardableResult
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

/// The fold's output while it is built: the cleaned bytes, how many scalars they hold, and where the
/// cleaned scalar's origin stops being a fixed distance ahead (after every dropped character).
struct FoldOutput {
    var bytes: [UInt8] = []
    var scalars = 0
    var jumpAt: [Int32] = [0]
    var jumpDelta: [Int32] = [0]
    /// The cleaned byte of every 64th cleaned scalar.
    var checkpoints: [Int32] = []
    private var delta = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        checkpoints.reserveCapacity(capacity / 64 + 1)
    }

    /// Copies the unchanged scalars `src[range]` (already counted by `kept`).
    @inline(__always)
    mutating func copy(_ src: [UInt8], _ range: Range<Int>) {
        if !range.isEmpty { bytes.append(contentsOf: src[range]) }
    }

    /// The next cleaned scalar, at cleaned byte `at`, stands for original scalar `origin`.
    @inline(__always)
    mutating func kept(origin: Int, at: Int) {
        if scalars & 63 == 0 { checkpoints.append(Int32(at)) }
        if origin - scalars != delta {
            delta = origin - scalars
            if scalars == 0 { jumpDelta[0] = Int32(delta) } else { jumpAt.append(Int32(scalars)); jumpDelta.append(Int32(delta)) }
        }
        scalars += 1
    }
}
