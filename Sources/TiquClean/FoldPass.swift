import TiquRules
import TiquText

/// Pass 1 of cleaning: every scalar folded one to one (or dropped), layout spaces inside numbers dropped.
/// Debris rules match this folded text, so they are written once in plain forms, like extraction rules.
/// The result is the folded text with its map to the original. Reads the text as UTF-8 (a UTF-8 file's
/// own bytes) and copies each run of unchanged scalars at once: most characters are.
extension Cleaner {
    /// The fold of a decoded text (its UTF-8 is valid, whatever the file's encoding).
    func fold(_ text: DecodedText) -> OffsetMap {
        let (src, start) = text.utf8
        var pass = FoldPass(src, from: start, validating: false)
        let valid = pass.run(continues: words.numberContinues)
        precondition(valid, "a decoded text's UTF-8 is valid")
        return pass.map(originalByteOffsets: text.byteOffsets)
    }

    /// Decoding and folding in one pass, for a file read as UTF-8 from byte `start` on: its decoded text
    /// and fold, as `Decoder.decode` and `fold` give them; nil at the first byte that is not valid UTF-8
    /// (the caller decodes the file then, with the encoding detected).
    func foldValidating(_ bytes: [UInt8], from start: Int, bom: Bool) -> (DecodedText, OffsetMap)? {
        var pass = FoldPass(bytes, from: start, validating: true)
        guard pass.run(continues: words.numberContinues) else { return nil }
        let offsets = ByteOffsets(utf8: bytes, checkpoints: pass.origin, count: pass.k + 1)
        return (DecodedText(utf8: bytes, byteOffsets: offsets, hadBOM: bom), pass.map(originalByteOffsets: offsets))
    }
}

/// The fold's state over one text. While `validating`, each scalar is checked before it is read and the
/// byte of every 16th original scalar is kept (`origin`: the file's ByteOffsets), as Decoder.validUTF8 does.
struct FoldPass {
    let src: [UInt8]
    let n: Int
    let validating: Bool
    var out: FoldOutput
    /// The byte of every 16th original scalar (kept only while validating).
    var origin: [Int32] = []
    var i: Int  // the original byte read
    var k = 0  // the original scalar read
    var run: Int  // where the unchanged scalars not yet copied start
    var previous: UInt32 = 0x0A
    let bmp = Fold.bmp  // read once: a static's access check and retain per character cost a tenth of cleaning
    let unchanged = Fold.unchangedThreeByte
    /// Whether runs of simple characters are taken at once (`simpleRun`); false only in tests, where every
    /// scalar then takes the general path, the reference the runs are checked against.
    var runs = true

    init(_ src: [UInt8], from start: Int, validating: Bool) {
        self.src = src
        n = src.count
        self.validating = validating
        out = FoldOutput(capacity: n - start + 16)
        i = start
        run = start
        if validating { origin.reserveCapacity((n - start) / 16 + 2) }
    }

    func map(originalByteOffsets: ByteOffsets) -> OffsetMap {
        OffsetMap(originalByteOffsets: originalByteOffsets, bytes: out.bytes, scalars: out.scalars, jumpAt: out.jumpAt,
                  jumpDelta: out.jumpDelta, checkpoints: out.checkpoints)
    }

    /// Folds the whole text; false (only while validating) at the first byte that is not valid UTF-8.
    mutating func run(continues: ScalarSet) -> Bool {
        while i < n {
            if validating {
                if k & 15 == 0 { origin.append(Int32(i)) }
                if src[i] >= 0x80 && UTF8Scalar.validLength(src, i) == 0 { return false }
            }
            let (v, len) = UTF8Scalar.decode(src, i)
            var folded = v
            if v == 0x0D {
                // CRLF → LF (the CR maps to nothing); a lone CR is a line end too.
                if i + 1 < n && src[i + 1] == 0x0A { skip(to: i + 1, scalars: 1); continue }
                folded = 0x0A
            } else if v >= 0x80 {
                guard let f = Fold.fold(v, bmp) else { skip(to: i + len, scalars: 1); continue }  // zero-width characters vanish
                folded = f
            }
            if (folded == 0x20 || folded == 0x09 || folded == 0x0A) && Fold.canContinueNumber(previous) {
                switch Self.layoutSpaceInsideNumber(src, from: i, before: previous, continues: continues) {
                case .invalid: return false
                case .dropped(let end, let scalars): skip(to: end, scalars: scalars); continue
                case .stays: break
                }
            }
            previous = folded
            out.kept(origin: k, at: out.bytes.count + i - run)
            if folded != v {
                out.copy(src, run..<i)
                Cleaner.appendUTF8(folded, to: &out.bytes)
                run = i + len
            }
            i += len
            k += 1
            if runs { simpleRun() }
        }
        out.copy(src, run..<n)
        if validating && k & 15 == 0 { origin.append(Int32(n)) }
        return true
    }

    /// Drops the original scalars from byte `i` to `end` (`scalars` of them, already checked).
    @inline(__always)
    mutating func skip(to end: Int, scalars: Int) {
        out.copy(src, run..<i)
        if validating {  // the 16th scalars among them, after the first (kept already)
            var j = i
            for s in k + 1..<k + scalars {
                j += UTF8Scalar.length(src[j])
                if s & 15 == 0 { origin.append(Int32(j)) }
            }
        }
        i = end
        k += scalars
        run = i
    }

    /// The characters from byte `i` on that fold without the general path, taken at once: ASCII but CR,
    /// and valid three-byte characters the table leaves or folds to another character (most of a Chinese
    /// text: full-width punctuation folds to ASCII, a Traditional character to a Simplified one), each fold
    /// written where it stands and the unchanged bytes between copied at once. Not taken: a dropped
    /// character, a space, tab or line end after what may continue a number (the layout check), and every
    /// other character. No character is dropped in a run, so the cleaned checkpoints it crosses are its
    /// only change to the map (same delta).
    mutating func simpleRun() {
        // The count at the next cleaned checkpoint (every 64th cleaned scalar), and at the next original
        // scalar whose byte is kept (every 16th, while validating).
        var room = out.scalars & 63 == 0 ? 0 : 64 - out.scalars & 63
        var mark = validating ? (16 - k & 15) & 15 : Int.max
        let n = src.count
        var j = i
        var count = 0
        var last = previous
        while j < n {
            if count == room {
                // Taken back below if the run stops here: the general path then keeps it.
                out.checkpoints.append(Int32(out.bytes.count + j - run))
                room += 64
            }
            let from = j
            j = threeByteCharacters(from: j, to: min(j + 3 * (room - count), n - 2), last: &last)
            if j > from {
                if mark != Int.max {
                    // The kept bytes among them, every 16th character (all three bytes long).
                    var at = from + 3 * (mark - count)
                    while at < j { origin.append(Int32(at)); at += 48 }
                    mark = count + (at - from) / 3
                }
                count += (j - from) / 3
            }
            guard count < room && j < n else { continue }
            guard let (f, length, changed) = simpleCharacter(at: j, after: last) else { break }
            if changed {
                out.copy(src, run..<j)
                Cleaner.appendUTF8(f, to: &out.bytes)
                run = j + length
            }
            if count == mark {
                origin.append(Int32(j))
                mark += 16
            }
            last = f
            j += length
            count += 1
        }
        if count == room - 64 { out.checkpoints.removeLast() }
        guard count > 0 else { return }
        i = j
        k += count
        out.scalars += count
        previous = last
    }

    /// The valid three-byte characters from byte `start` on, before byte `limit` (at most the text's
    /// length less 2), that the table leaves or folds to another character: where they end, with the last
    /// one's fold in `last` as far as a number cares. Those it leaves (nearly all) are passed over by a
    /// loop that only reads, one table bit each; a fold is written where it stands, after the unchanged
    /// bytes before it.
    @inline(__always)
    mutating func threeByteCharacters(from start: Int, to limit: Int, last: inout UInt32) -> Int {
        let src = self.src
        var j = start
        while j < limit {
            let end = Self.unchangedThreeByteEnd(src, unchanged, from: j, to: limit)
            // Which character it was does not matter: none of them goes on a number (`canContinueNumber`).
            if end != j { last = 0x3000 }
            j = end
            guard j < limit else { break }
            let b0 = src[j], b1 = src[j + 1], b2 = src[j + 2]
            guard b0 &- 0xE1 < 15 && b0 != 0xED && b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 else { break }
            // A drop or a fold to a space or control takes the general path.
            let t = bmp[Int(UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F))]
            guard t != Fold.drop && t > 0x20 else { break }
            out.copy(src, run..<j)
            Cleaner.appendUTF8(t, to: &out.bytes)
            last = t
            j += 3
            run = j
        }
        return j
    }

    /// Where the valid three-byte characters the fold leaves end, from byte `start` of `src` on, before
    /// `limit` (`unchanged`: `Fold.unchangedThreeByte`).
    @inline(never)  // on its own, the bounds checked once hold: about 15 instructions a character
    static func unchangedThreeByteEnd(_ src: [UInt8], _ unchanged: [UInt64], from start: Int, to limit: Int) -> Int {
        precondition(start >= 0 && limit <= src.count - 2 && unchanged.count == 0x10000)
        var j = start
        while j < limit {
            let b2 = src[j + 2], word = unchanged[Int(src[j]) &<< 8 | Int(src[j + 1])]
            guard Int8(bitPattern: b2) < -64, word &>> UInt64(b2) & 1 != 0 else { break }
            j += 3
        }
        return j
    }

    /// The character at byte `j` when a run may take it (after `last`): its fold (itself when unchanged),
    /// its length and whether it changed; nil when the general path must read it.
    @inline(__always)
    func simpleCharacter(at j: Int, after last: UInt32) -> (UInt32, Int, Bool)? {
        let b0 = src[j]
        var f: UInt32
        let length: Int
        var changed = false
        if b0 < 0x80 {
            guard b0 != 0x0D else { return nil }
            f = UInt32(b0)
            length = 1
        } else if b0 &- 0xE1 < 15 && b0 != 0xED && j + 2 < n && src[j + 1] & 0xC0 == 0x80 && src[j + 2] & 0xC0 == 0x80 {
            f = UInt32(b0 & 0x0F) << 12 | UInt32(src[j + 1] & 0x3F) << 6 | UInt32(src[j + 2] & 0x3F)
            let t = bmp[Int(f)]
            if t != 0 {
                guard t != Fold.drop else { return nil }
                f = t
                changed = true
            }
            length = 3
        } else {
            return nil
        }
        if f <= 0x20 && (f == 0x20 || f == 0x09 || f == 0x0A) && Fold.canContinueNumber(last) { return nil }
        return (f, length, changed)
    }

    enum LayoutSpace { case stays, dropped(end: Int, scalars: Int), invalid }

    /// Whether the run of layout whitespace at byte `i` sits inside a number or unit (as web pages break
    /// them) and is dropped, and where it ends (with how many scalars it has); `invalid` at a byte that is
    /// not valid UTF-8 before its end. Scanned only after a digit, a letter or a point, so a long run of
    /// blanks is read once.
    static func layoutSpaceInsideNumber(_ src: [UInt8], from i: Int, before previous: UInt32, continues: ScalarSet) -> LayoutSpace {
        let n = src.count
        let (first, length) = UTF8Scalar.decode(src, i)
        var j = i + length
        var count = 1
        var newlines = first == 0x0A || first == 0x0D ? 1 : 0
        var next: UInt32 = 0
        while j < n {
            if UTF8Scalar.validLength(src, j) == 0 { return .invalid }
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
              Fold.isInsideNumber(before: previous, after: next, newline: newlines == 1, continues: continues) else { return .stays }
        return .dropped(end: j, scalars: count)
    }
}
