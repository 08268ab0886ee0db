import TiquNumbers
import TiquText

/// The counted thing read after the number's measure word (`110个续建项目` → `续建项目`), for a number whose
/// clause names nothing before it, and the character tests it reads with.
extension IndicatorReader {
    /// The counted thing after the measure word: up to the clause's end or the first verb of
    /// `indicator_after_stop` (not its first character: 竣工项目; a one-character word of meaning `end` right after
    /// the first is inside a word too: 来 in 6个未来产业), 2 to 10 characters, with a parenthesis
    /// right after it (8个省(市)) and without an `indicator_after_tail` word (40个前期项目建设 → 前期项目); after
    /// `money`, not a thing that a verb begins.
    func after(_ end: Int, sentence: Range<Int>, bytes: [UInt8], money: Bool = false) -> (String, Range<Int>)? {
        var i = end
        var chars = 0
        var joiner: (at: Int, chars: Int)?
        while i < sentence.upperBound {
            let (v, n) = UTF8Scalar.decode(bytes, i)
            if v == 0x28, chars >= 1, let close = bytes[i..<min(sentence.upperBound, i + 16)].firstIndex(of: 0x29) {
                i = close + 1
                break
            }
            if words.clauseBoundary.contains(v) || v < 0x80 { break }
            // 从二十个增加到三十三个: a verb after the number names no thing.
            if words.changeVerbs.prefix(of: bytes, i..<sentence.upperBound) != nil || words.levelVerbs.prefix(of: bytes, i..<sentence.upperBound) != nil {
                if chars < 2 { return nil }
                break
            }
            // 百亿级大型骨干企业: 级 after a numeral is inside the thing (it stops only an amount's own reading).
            if let w = words.indicatorAfterStop.prefix(of: bytes, i..<sentence.upperBound), words.meanings.indicatorAfterStop[w] != "scale" {
                // 一百四十多个国家和地区: a joiner between two nouns, not before another figure, is inside the thing.
                if chars > 0, joiner == nil, words.listJoiners.prefix(of: bytes, i..<(i + w.count))?.count == w.count,
                   !numeral(at: i + w.count, bytes, sentence) {
                    joiner = (i, chars)
                    i += w.count
                    chars += 1
                    continue
                }
                // A verb right after the first character (在320个县开展…), or a particle first (…亿元的投资),
                // names no thing, nor a verb that ends the clause (有8400多万人受益); a verb may begin the thing
                // (40个竣工项目).
                // 500所县中医院: 中 right after the first character is inside the thing (not 12个县中).
                // 6位市有关部门主要负责人: 主要 is a word of the thing, not the verb 要 after 主.
                // 60个新开工项目: a word of meaning `word` opens the thing (not the verb 开工 after 新).
                let meaning = words.meanings.indicatorAfterStop[w], part = (meaning == "part" && chars > 0) || (meaning == "word" && chars == 0)
                if part || meaning == "in" || (meaning == "end" && w.count == 3), part || chars == 1, !endsClause(i + w.count, bytes, sentence) {
                    i += w.count
                    chars += part ? w.count / 3 : 1
                    continue
                }
                // 一千斤或者稍多一点: a conjunction of meaning `end` ends the thing wherever it stands (below, past 2).
                if meaning == "end", chars < 2 { return nil }
                // 100亿元支持职业教育发展: after an amount of money, a verb first says what it is for.
                if chars == 1 || (chars == 0 && (w.count <= 4 || money || endsClause(i + w.count, bytes, sentence))) { return nil }
                if chars > 1 { break }
            }
            chars += 1
            if chars > 10 {
                // 二十多位外国元首和政府首脑: too long with the second noun; the first.
                guard let j = joiner else { return nil }
                i = j.at
                break
            }
            i += n
        }
        // 十条方针及其: a joiner needs a noun of two characters after it.
        if let j = joiner, chars - j.chars < 3 { i = j.at }
        if let t = words.indicatorAfterTail.suffix(of: bytes, end..<i), i - t.count - end >= 6, words.meanings.indicatorAfterTail[t] != "place" { i -= t.count }
        return accept(end..<i, bytes, max: 10).map { ($0, end..<i) }
    }

    /// Whether `e` is an amount of change (or of money or things) right after a clause of verbs alone, with the
    /// thing it measures named after it (`全国每年就可以至少增产一亿余斤食油` → `食油`).
    func changeOfNamed(_ e: Extraction, sentence: Range<Int>, bytes: [UInt8]) -> Bool {
        guard e.change != nil, e.kind == .quantity || e.kind == .money, e.unit != "age" else { return false }
        return after(e.match.range.upperBound, sentence: sentence, bytes: bytes, money: e.kind == .money) != nil
    }

    /// 烤烟：达到七百八十万担: the topic written before a colon that opens the sentence, a noun phrase with no
    /// verb, for a number whose clause names nothing and speaks of no number before; each clause between holds a
    /// figure and no date (棉布：从…匹增加到…匹，增长零点五倍), else it may name the subject itself.
    func topic(_ e: Extraction, _ sentence: Range<Int>, _ bytes: [UInt8], _ previous: [Extraction]) -> (String, Range<Int>)? {
        let head = sentence.lowerBound..<min(e.match.range.lowerBound, sentence.lowerBound + 40)
        guard let colon = bytes[head].firstIndex(of: 0x3A), lastBoundary(bytes, sentence.lowerBound..<colon) == nil,
              var hi = lastBoundary(bytes, colon..<e.match.range.lowerBound)?.lowerBound else { return nil }
        while hi > colon {
            let cut = lastBoundary(bytes, colon..<hi)
            let lo = cut?.upperBound ?? colon
            guard numeral(in: lo..<hi, bytes), !previous.contains(where: { $0.kind == .date && $0.match.range.overlaps(lo..<hi) }) else { return nil }
            hi = cut?.lowerBound ?? colon
        }
        return topicPhrase(sentence.lowerBound..<colon, bytes)
    }

    /// The topic before a colon: a noun phrase of 2 to 8 characters with no verb nor figure.
    func topicPhrase(_ r: Range<Int>, _ bytes: [UInt8]) -> (String, Range<Int>)? {
        let (lo, hi2) = trim(r, bytes)
        guard lo < hi2, !changeVerb(in: lo..<hi2, bytes), lastCut(lo..<hi2, bytes) == nil,
              !(lo..<hi2).contains(where: { bytes[$0] & 0xC0 != 0x80 && words.predicateStart.prefix(of: bytes, $0..<hi2) != nil }),
              !figure(in: lo..<hi2, bytes, digits: true), let s = accept(lo..<hi2, bytes, max: 8) else { return nil }
        return (s, lo..<hi2)
    }

    /// 原煤：全部建成后增加的年产能力将为…: a measure named in the first clause after a colon topic is the
    /// topic's, written before it (原煤增加的年产能力) when the topic is a thing of 2 to 4 characters (not 在运输交通方面),
    /// unless the measure already opens with it.
    func ownedByTopic(_ s: String, _ r: Range<Int>, _ sentence: Range<Int>, _ bytes: [UInt8]) -> String {
        let head = sentence.lowerBound..<min(r.lowerBound, sentence.lowerBound + 40)
        guard let colon = bytes[head].firstIndex(of: 0x3A), lastBoundary(bytes, sentence.lowerBound..<colon) == nil,
              lastBoundary(bytes, (colon + 1)..<r.lowerBound) == nil, let (t, _) = topicPhrase(sentence.lowerBound..<colon, bytes),
              t.count <= 4, !s.hasPrefix(t) else { return s }
        return t + s
    }

    /// Whether a clause boundary (or the sentence's end) is at `i`.
    func endsClause(_ i: Int, _ bytes: [UInt8], _ sentence: Range<Int>) -> Bool {
        i >= sentence.upperBound || words.clauseBoundary.contains(UTF8Scalar.decode(bytes, i).value)
    }

    /// Whether a digit or a Chinese numeral is written at `i`.
    func numeral(at i: Int, _ bytes: [UInt8], _ sentence: Range<Int>) -> Bool {
        guard i < sentence.upperBound else { return false }
        let v = UTF8Scalar.decode(bytes, i).value
        return (0x30...0x39).contains(v) || Unicode.Scalar(v).map(Numerals.isChineseNumeral) == true
    }
}
