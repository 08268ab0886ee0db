import PCRE2

/// The cleaned text of a document: UTF-8 bytes that rules match against, and the map back to the file.
public struct CleanText: Sendable {
    public let bytes: [UInt8]
    public let map: OffsetMap
    /// Original scalar ranges removed as debris, with the id of the clean rule that removed each.
    public let removals: [Removal]
    /// Cleaned byte offsets where removed text stood (a numbering gap there may be hidden text).
    public var removedAt: [Int] = []

    public struct Removal: Sendable, Equatable {
        public let rule: String
        public let chars: Range<Int>
    }

    /// The cleaned text of a byte range, as a String (for presentation and tests).
    public func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A pattern whose matches are removed before any extraction rule runs (web debris). Loaded from
/// `rules/clean/` so users extend cleaning without touching code.
public struct RemovalRule: Sendable {
    public let id: String
    public let regex: Regex
    public init(id: String, regex: Regex) {
        self.id = id
        self.regex = regex
    }
}

/// Cleans decoded text: removes debris, folds width and line endings, and records every change in the
/// offset map. Rules downstream are written once, in Simplified Chinese with ASCII digits and punctuation.
public struct Cleaner: Sendable {
    public let removalRules: [RemovalRule]

    public init(removalRules: [RemovalRule] = []) {
        self.removalRules = removalRules
    }

    public func clean(_ text: DecodedText, scratch: MatchScratch) throws -> CleanText {
        // Pass 1: fold every scalar one to one (0 = drop it) and build the folded UTF-8, remembering for each
        // folded scalar the original one it came from. Debris rules match this folded text, so they are
        // written once in plain forms, like extraction rules.
        let scalars = text.scalars
        let n = scalars.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n * 3)
        var origin: [Int32] = []
        origin.reserveCapacity(n)
        var byteStarts: [Int32] = []
        byteStarts.reserveCapacity(n + 1)
        var i = 0
        var previous: UInt32 = 0x0A
        while i < n {
            let v = scalars[i].value
            var folded = v
            if v == 0x0D {
                // CRLF → LF (the CR maps to nothing); a lone CR is a line end too.
                if i + 1 < n && scalars[i + 1].value == 0x0A { i += 1; continue }
                folded = 0x0A
            } else if v >= 0x80 {
                guard let f = Fold.fold(v) else { i += 1; continue }  // zero-width characters vanish
                folded = f
            }
            if (folded == 0x20 || folded == 0x09 || folded == 0x0A) && Fold.canContinueNumber(previous) {
                // Layout whitespace inside a number or unit (as web pages break them) is dropped. Scanned
                // only after a digit, a letter or a point, so a long run of blanks is read once.
                var j = i + 1
                var newlines = folded == 0x0A ? 1 : 0
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
                if next != 0, newlines <= 1, Fold.isInsideNumber(before: previous, after: next, newline: newlines == 1) {
                    i = j
                    continue
                }
            }
            previous = folded
            byteStarts.append(Int32(bytes.count))
            _ = Self.appendUTF8(folded, to: &bytes)
            origin.append(Int32(i))
            i += 1
        }
        byteStarts.append(Int32(bytes.count))

        // Pass 2: debris rules over the folded text; their matches are dropped along with the map entries.
        let removed = try findRemovals(bytes, byteStarts: byteStarts, scratch: scratch)
        if removed.isEmpty {
            // Nothing removed: the first pass's arrays are the map.
            let map = OffsetMap(originalByteOffsets: text.byteOffsets, cleanByteStarts: byteStarts, origins: origin)
            return CleanText(bytes: bytes, map: map, removals: [])
        }
        var map = OffsetMap(originalByteOffsets: text.byteOffsets, capacity: origin.count)
        var keep = [Bool](repeating: true, count: origin.count)
        for r in removed { for k in r.folded { keep[k] = false } }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var removedAt: [Int] = []
        for k in 0..<origin.count {
            guard keep[k] else {
                if k == 0 || keep[k - 1] { removedAt.append(out.count) }
                continue
            }
            let s = Int(byteStarts[k]), e = Int(byteStarts[k + 1])
            out.append(contentsOf: bytes[s..<e])
            map.append(utf8Length: e - s, origin: Int(origin[k]))
        }
        let removals = removed.map { r in
            CleanText.Removal(rule: r.rule, chars: Int(origin[r.folded.lowerBound])..<(Int(origin[r.folded.upperBound - 1]) + 1))
        }
        var result = CleanText(bytes: out, map: map, removals: removals)
        result.removedAt = removedAt
        return result
    }

    /// Runs the removal rules over the folded text and returns what they remove, in folded scalars.
    private func findRemovals(_ utf8: [UInt8], byteStarts: [Int32], scratch: MatchScratch) throws -> [(rule: String, folded: Range<Int>)] {
        guard !removalRules.isEmpty else { return [] }
        func scalarIndex(_ byte: Int) -> Int {
            min(byteStarts.count - 1, Search.first(byteStarts.count) { Int(byteStarts[$0]) >= byte })
        }
        var result: [(rule: String, folded: Range<Int>)] = []
        for rule in removalRules {
            try rule.regex.forEachMatch(in: utf8, scratch: scratch) { m in
                if !m.range.isEmpty {
                    result.append((rule.id, scalarIndex(m.range.lowerBound)..<scalarIndex(m.range.upperBound)))
                }
                return true
            }
        }
        result.sort { ($0.folded.lowerBound, $0.folded.upperBound, $0.rule) < ($1.folded.lowerBound, $1.folded.upperBound, $1.rule) }
        return result
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

/// Character folds applied by the cleaner, one scalar to one scalar (or to nothing), so an offset never
/// moves by more than the map records: full-width ASCII → ASCII (`３` → `3`, `％` → `%`, `（` → `(`), layout
/// spaces → space, zero-width characters dropped, and Traditional → Simplified (`億` → `亿`, `項` → `项`)
/// from OpenCC's character tables (TraditionalTable.swift, generated by scripts/gen-t2s.sh).
enum Fold {
    static let drop: UInt32 = 0xFFFF_FFFF

    /// For each BMP scalar: 0 = unchanged, `drop`, or the folded scalar.
    static let bmp: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 0x10000)
        for v in UInt32(0xFF01)...0xFF5E { t[Int(v)] = v - 0xFEE0 }
        for v: UInt32 in [0x3000, 0x00A0, 0x202F, 0x205F] + Array(0x2002...0x200A) { t[Int(v)] = 0x20 }
        for v: UInt32 in [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF] { t[Int(v)] = drop }
        t[0x2212] = 0x2D  // minus sign
        t[0xFF0E] = 0x2E  // full-width full stop, as a decimal point: ２１．５ → 21.5
        for (k, v) in traditional where k.value < 0x10000 { t[Int(k.value)] = v.value }
        return t
    }()

    static let traditional: [(Unicode.Scalar, Unicode.Scalar)] = {
        let scalars = Array(TraditionalTable.pairs.unicodeScalars.filter { !$0.properties.isWhitespace })
        return stride(from: 0, to: scalars.count - 1, by: 2).map { (scalars[$0], scalars[$0 + 1]) }
    }()

    static let supplementary: [UInt32: UInt32] = {
        var d: [UInt32: UInt32] = [:]
        for (k, v) in traditional where k.value >= 0x10000 { d[k.value] = v.value }
        return d
    }()

    /// The folded scalar, or nil when the character is dropped.
    @inline(__always)
    static func fold(_ v: UInt32) -> UInt32? {
        if v < 0x10000 {
            let f = bmp[Int(v)]
            if f == 0 { return v }
            return f == drop ? nil : f
        }
        return supplementary[v] ?? v
    }

    /// Whether a number or unit may go on after `v` across layout whitespace (a digit, a point, a letter).
    @inline(__always)
    static func canContinueNumber(_ v: UInt32) -> Bool {
        (0x30...0x39).contains(v) || v == 0x2E || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
    }

    /// Whether a run of layout spaces between `before` and `after` (folded scalars) sits inside a number or
    /// its unit and is dropped: `1 244` → `1244`, `PM 2.5` → `PM2.5`, `12 %` → `12%`, `5 亿元` → `5亿元`.
    static func isInsideNumber(before: UInt32, after: UInt32, newline: Bool) -> Bool {
        let beforeDigit = (0x30...0x39).contains(before) || before == 0x2E
        let beforeLetter = (0x41...0x5A).contains(before) || (0x61...0x7A).contains(before)
        let afterDigit = (0x30...0x39).contains(after) || after == 0x2E
        if newline {
            // A line broken inside a number: only after a letter or a decimal point (PM\n2.5, 3.\n5%), never
            // before a list label, so `…2025\n1.扩大投资` stays two lines.
            return (beforeLetter && afterDigit) || (before == 0x2E && afterDigit) || (beforeDigit && after == 0x25)
        }
        if beforeDigit && (afterDigit || after == 0x25) { return true }
        if beforeLetter && afterDigit { return true }
        if beforeDigit, let s = Unicode.Scalar(after), "万亿元%".unicodeScalars.contains(s) { return true }
        return false
    }
}
