import TiquNumbers
import TiquText

/// Subjects written as a `、` list before one number (`自主创新、结构调整、节能减排和生态建设占15.3%`): the
/// number measures them all, so the phrase starts at the list's first item, not after the last `、`.
extension IndicatorReader {
    /// The most characters an item of a subject list may have after its first one; a longer item is a
    /// clause of its own.
    static let listItem = 8

    /// Where the phrase before the number starts when the boundary `cut` before it is a `list_joiner` (`、`):
    /// the start of the list's first item, back over items that hold no figure, each short enough to be a
    /// noun; nil when `cut` is no joiner or an item is a clause or holds a number. The first item may carry
    /// the subject's owner before a lead word (`中央财政全年用于教育、卫生…`: from after 用于, put back by `purpose`); past it, it may
    /// be at most two characters longer than the longest item between it and the last (`以及外贸进口的粮食、
    /// 棉花、糖等的价格补贴`: from 糖等, as before), or than the last of two.
    func listStart(after cut: Range<Int>, from lower: Int, phraseEnd hi: Int, _ bytes: [UInt8], _ previous: [Extraction]) -> Int? {
        guard words.listJoiners.prefix(of: bytes, cut)?.count == cut.count else { return nil }
        var end = cut.lowerBound
        // The longest item between the first and the last (the last, when there are two items: it may end
        // with the measure they share).
        var longest: Int?
        while true {
            let b = lastBoundary(bytes, lower..<end)
            var start = b?.upperBound ?? lower
            let joiner = b.map { words.listJoiners.prefix(of: bytes, $0)?.count == $0.count } ?? false
            guard start < end, !figure(in: start..<end, bytes), !previous.startsNonDate(in: start..<end) else { return nil }
            if joiner, let b {
                longest = max(longest ?? 0, characters(start..<end, bytes))
                guard characters(start..<end, bytes) <= Self.listItem else { return nil }
                end = b.lowerBound
                continue
            }
            if let l = lastLead(start..<end, bytes) { start = l }
            // 行政管理费和公安、司法、检察费: a first item joined to a noun before it is measured from the joiner.
            let first = lastJoiner(start..<end, bytes) ?? start
            return characters(first..<end, bytes) <= (longest ?? characters(cut.upperBound..<hi, bytes)) + 2 ? start : nil
        }
    }

    /// Where the text after the last `list_joiner` word that is no punctuation (和, 及) in `r` starts.
    func lastJoiner(_ r: Range<Int>, _ b: [UInt8]) -> Int? {
        var i = r.upperBound - 1
        while i > r.lowerBound {
            if b[i] & 0xC0 != 0x80, let w = words.listJoiners.prefix(of: b, i..<r.upperBound), !words.clauseBoundary.contains(UTF8Scalar.decode(b, i).value),
               i + w.count < r.upperBound { return i + w.count }
            i -= 1
        }
        return nil
    }

    /// Where the text after the last `indicator_lead` word of two characters or more in `r` starts.
    func lastLead(_ r: Range<Int>, _ b: [UInt8]) -> Int? {
        var i = r.upperBound - 1
        while i > r.lowerBound {
            if b[i] & 0xC0 != 0x80, let w = words.indicatorLead.prefix(of: b, i..<r.upperBound), w.count > 3, i + w.count < r.upperBound {
                return i + w.count
            }
            i -= 1
        }
        return nil
    }

    /// The phrase of a subject list from `start` to `hi`, when it names one; a list of examples too long for
    /// one names the kind written after its last `等` (`用于电力、煤炭、…、机械制造等重工业的支出` → `重工业的支出`).
    func listPhrase(_ start: Int, _ hi: Int, _ bytes: [UInt8]) -> Phrase? {
        let p = phrase(start..<hi, bytes)
        if case .named = p { return p }
        var i = hi - 1
        while i > start {
            if bytes[i] & 0xC0 != 0x80, let w = words.indicatorNotEnd.prefix(of: bytes, i..<hi), words.meanings.indicatorNotEnd[w] == "examples" {
                // 救济等项的支出和发放…的款项: a long tail after 等 is no kind's name, nor a short one (等方面).
                guard (3...10).contains(characters((i + w.count)..<hi, bytes)) else { return nil }
                let q = phrase((i + w.count)..<hi, bytes)
                if case .named = q { return q }
                return nil
            }
            i -= 1
        }
        return nil
    }

    /// Where the first `、` of `r` stands.
    func firstJoiner(_ r: Range<Int>, _ b: [UInt8]) -> Int? {
        var i = r.lowerBound
        while i < r.upperBound {
            if b[i] & 0xC0 != 0x80, let w = words.listJoiners.prefix(of: b, i..<r.upperBound), w.count == 3,
               words.clauseBoundary.contains(UTF8Scalar.decode(b, i).value) { return i }
            i += 1
        }
        return nil
    }

    /// The number of characters (scalars) in `r`.
    func characters(_ r: Range<Int>, _ b: [UInt8]) -> Int {
        b[r].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    }

    /// Whether `r` holds a written figure: a digit (unless `digits` is false: M2, 5G are names), or two Chinese
    /// numerals in a row with a digit among them (`两千万匹`; one alone is too often inside a word: `统一`, `进一步`;
    /// scales alone name a class: `百亿级`, `万亿级`), unless quote marks close right after them (`“十五”期间`, a name).
    func figure(in r: Range<Int>, _ b: [UInt8], digits: Bool = true) -> Bool {
        var i = r.lowerBound
        var run = 0, digit = false
        while i < r.upperBound {
            let (v, n) = UTF8Scalar.decode(b, i)
            if digits, (0x30...0x39).contains(v) { return true }
            if Unicode.Scalar(v).map(Numerals.isChineseNumeral) == true {
                run += 1
                digit = digit || !Self.scales.contains(v)
            } else {
                if run >= 2, digit, v != Self.closeQuote, v != Self.asciiQuote { return true }
                (run, digit) = (0, false)
            }
            i += n
        }
        return run >= 2 && digit
    }

    /// The numerals that are scales, not digits: 十, 百, 千, 万, 亿 (U+5341, U+767E, U+5343, U+4E07, U+4EBF).
    static let scales: Set<UInt32> = [0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF]

    /// Where the phrase after an `indicator_lead` word of meaning `scope` (全市, 我省) starts, when one is
    /// written after the phrase's first character and within its first four, with two characters or more
    /// after it (广州全市实有各类市场主体, 北京全市…), and no `indicator_tail` word right before it nor a
    /// comparison base opening the phrase (高于全市平均水平 is a base: the number before speaks for it).
    func scopeEnd(_ r: Range<Int>, _ b: [UInt8]) -> Int? {
        var i = r.lowerBound, chars = 0
        while i < r.upperBound, chars < 4 {
            // 高于全市平均水平: after a verb or a comparison word, the scope is the measure's own.
            // Every word of scope has two characters: the meaning is looked up for those only.
            if chars > 0, let w = words.indicatorLead.prefix(of: b, i..<r.upperBound), w.count == 6, words.meanings.indicatorLead[w] == "scope",
               words.indicatorTail.suffix(of: b, r.lowerBound..<i) == nil, !opensBase(r.lowerBound..<i, b),
               characters((i + w.count)..<r.upperBound, b) >= 2 { return i + w.count }
            i += UTF8Scalar.decode(b, i).length
            chars += 1
        }
        return nil
    }

    /// Whether four digits of a year (19xx, 20xx) stand at `i`, followed by a character that is no ASCII
    /// and not 年 (2007年中、高等职业教育: a date that is not read as one stays, and the phrase is no name).
    func bareYear(at i: Int, _ hi: Int, _ b: [UInt8]) -> Bool {
        guard i + 6 < hi, b[i + 4] >= 0x80, b[i...(i + 3)].allSatisfy({ (0x30...0x39).contains($0) }),
              b[(i + 4)...(i + 6)] != [0xE5, 0xB9, 0xB4] else { return false }
        return (b[i] == 0x31 && b[i + 1] == 0x39) || (b[i] == 0x32 && b[i + 1] == 0x30)
    }

    /// Whether `r` starts with an `indicator_not_alone` word of meaning `base` (比, 高于).
    func opensBase(_ r: Range<Int>, _ b: [UInt8]) -> Bool {
        guard let w = words.indicatorNotAlone.prefix(of: b, r) else { return false }
        return words.meanings.indicatorNotAlone[w] == "base"
    }

    /// Whether `r` holds nothing but numerals (一九八○, a year without 年).
    func onlyNumerals(_ r: Range<Int>, _ b: [UInt8]) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            let (v, n) = UTF8Scalar.decode(b, i)
            guard (0x30...0x39).contains(v) || v == 0x25CB || Unicode.Scalar(v).map(Numerals.isChineseNumeral) == true else { return false }
            i += n
        }
        return true
    }
}
