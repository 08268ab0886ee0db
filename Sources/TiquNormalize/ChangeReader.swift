import TiquRules
import TiquText

/// The change verb written right before a number (`增长4.2%`, `同比下降2.5%`), or the verb of a level
/// reached (`提高到60%`, `降至1.5%`, `提升到去年底的13.3%`), read on the bytes of the clause before it, with
/// the words of `ContextWords`. An amount of change gets `change` and `direction`; a level only `direction`.
struct ChangeReader {
    let words: ContextWords

    /// The verb before the number: its meaning, where it starts, and whether the number is a level.
    struct Verb {
        let meaning: String
        let start: Int
        let level: Bool
    }

    /// Reads the verb before `e`; for `从A提高到B` returns the index in `previous` of A (which gets B's value
    /// as its `to`) and where 从/由 stands (the indicator of both is written before it).
    func read(_ e: inout Extraction, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) -> (index: Int, marker: Int, year: Int?)? {
        var start = e.match.range.lowerBound
        guard start > sentence.lowerBound else { return nil }
        // The clause before the number, at most 48 bytes back (16 characters): verbs stand right before it,
        // or a level's own time (提升到去年底的13.3%) between the verb and the number.
        var from = max(sentence.lowerBound, start - 48)
        while from < start, bytes[from] & 0xC0 == 0x80 { from += 1 }
        // 比去年预算增加 250亿元: layout spaces before the number.
        while start > from, bytes[start - 1] == 0x20 { start -= 1 }
        var verb = self.verb(before: start, from: from, bytes: bytes)
        var ownTime = false
        // 增加到 2010年的306亿元: layout spaces between the verb and the level's time too.
        if let t = timePhrase(before: start, from: from, bytes: bytes, previous: previous[...]),
           let v = self.verb(before: Self.skippingSpaces(t.start, from, bytes), from: from, bytes: bytes), v.level {
            verb = v
            ownTime = true
            e.ownYear = t.year
        }
        // 比年初计划少了近500亿元: a difference from a base written before it.
        guard let verb = verb ?? difference(before: start, from: from, bytes: bytes) else { return nil }
        e.direction = verb.meaning == "decrease" ? "down" : "up"
        e.change = verb.level ? nil : verb.meaning
        // 同比 anywhere in the clause before the verb.
        e.yoy = words.yoy.occurs(in: bytes, clauseStart(before: verb.start, from: from, bytes: bytes)..<verb.start)
        guard verb.level, let a = readFrom(&e, verbStart: verb.start, sentence: sentence, bytes: bytes, previous: previous) else { return nil }
        // Each side of 从2007年的A降到去年的B has its own period: B's years are read after the verb.
        if ownTime || a.ownTime { e.periodFloor = verb.start }
        return (a.index, a.marker, a.year)
    }

    /// `end` moved back over the spaces before it (not past `from`).
    static func skippingSpaces(_ end: Int, _ from: Int, _ bytes: [UInt8]) -> Int {
        var i = end
        while i > from, bytes[i - 1] == 0x20 { i -= 1 }
        return i
    }

    /// The change verb (`增长`, with a link `达`/`为`, an aspect `了` or a `到`/`至` between) or level verb
    /// (`降至`) that ends right at `end`.
    func verb(before end: Int, from: Int, bytes: [UInt8]) -> Verb? {
        if let w = words.levelVerbs.suffix(of: bytes, from..<end), let m = words.meanings.levelVerb[w] {
            // 提升到: the level verb 升到 shares its first character with the change verb 提升, which starts it.
            let start = end - w.count
            let first = start + UTF8Scalar.decode(bytes, start).length
            if let v = words.changeVerbs.suffix(of: bytes, from..<first), v.count > first - start { return Verb(meaning: m, start: first - v.count, level: true) }
            return Verb(meaning: m, start: start, level: true)
        }
        var hi = end
        var level = false
        // Link words between the verb and the number: 增速为6%, 增长达到8%, 分别增长3%和5%; else 提高到60%.
        if let w = words.changeLinks.suffix(of: bytes, from..<hi) {
            hi -= w.count
        } else if let w = words.changeTo.suffix(of: bytes, from..<hi) {
            hi -= w.count
            level = true
        }
        if let w = words.changeAspect.suffix(of: bytes, from..<hi) { hi -= w.count }
        guard let v = words.changeVerbs.suffix(of: bytes, from..<hi), let m = words.changeMeaning[v] else { return nil }
        return Verb(meaning: m, start: hi - v.count, level: level)
    }

    /// A `base_difference` word (多, 少了) ending at `end`, after a comparison base (`indicator_not_alone` of
    /// meaning `base`: 比, 较) in its clause: an amount of change.
    func difference(before end: Int, from: Int, bytes: [UInt8]) -> Verb? {
        guard let w = words.baseDifference.suffix(of: bytes, from..<end), let m = words.meanings.baseDifference[w] else { return nil }
        let start = end - w.count
        var i = clauseStart(before: start, from: from, bytes: bytes)
        while i < start {
            if let b = words.indicatorNotAlone.prefix(of: bytes, i..<start), words.meanings.indicatorNotAlone[b] == "base" {
                return Verb(meaning: m, start: start, level: false)
            }
            i += UTF8Scalar.decode(bytes, i).length
        }
        return nil
    }

    /// A time phrase, with or without `的`, right before `end` (`去年底的`, `2007年底的`, `由上年18亿元`):
    /// where it starts, and the year when it is written bare (`由2002年7703元`: no date record, as a year
    /// right before digits is none). The callers check that a verb of a level or 从/由 stands before it.
    func timePhrase(before end: Int, from: Int, bytes: [UInt8], previous: ArraySlice<Extraction>) -> (start: Int, year: Int?)? {
        let h = end - (words.fromLinks.suffix(of: bytes, from..<end)?.count ?? 0)
        if let m = words.yearMark.suffix(of: bytes, from..<h), h - m.count - 4 >= from,
           let y = DocumentYear.years(in: (h - m.count - 4)..<h, bytes, mark: words.yearMark).first {
            return (h - m.count - 4, y)
        }
        // A date first: 2019年底 ends with the time word 年底.
        for k in previous.indices.reversed() {
            let r = previous[k].match.range, kind = previous[k].kind
            guard r.upperBound >= h else { break }
            if kind == .date, r.upperBound == h, r.lowerBound >= from { return (r.lowerBound, nil) }
        }
        return words.levelTime.suffix(of: bytes, from..<h).map { (h - $0.count, nil) }
    }

    /// Where the clause holding `end` starts (after the last `change_clause_break`, not before `from`).
    func clauseStart(before end: Int, from: Int, bytes: [UInt8]) -> Int {
        let breaks = words.changeClauseBreak
        var i = end - 1
        while i >= from {
            if bytes[i] & 0xC0 != 0x80, breaks.mayLead(bytes[i]) {
                let (v, n) = UTF8Scalar.decode(bytes, i)
                if breaks.contains(v) { return i + n }
            }
            i -= 1
        }
        return from
    }

    /// 从A提高到B: A is the previous extraction of the sentence, preceded by 从/由 (and its own time:
    /// 从2007年底的8.4%), right before the verb (or with only 的 between). B gets A's value as `from`.
    func readFrom(_ e: inout Extraction, verbStart: Int, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) -> (index: Int, ownTime: Bool, marker: Int, year: Int?)? {
        // A is the last number before the verb (B's own date may stand after the verb).
        var k = previous.count - 1
        while k >= 0, previous[k].kind == .date, previous[k].match.range.lowerBound >= verbStart { k -= 1 }
        guard k >= 0 else { return nil }
        let a = previous[k]
        guard a.kind != .date, a.kind != .project, a.match.range.upperBound <= verbStart,
              a.match.range.lowerBound >= sentence.lowerBound else { return nil }
        let between = a.match.range.upperBound..<verbStart
        // 由…的百分之四十二左右，提高到百分之六十左右: a comma alone may stand there too.
        guard between.isEmpty || bytes[between].elementsEqual([0x2C]) || words.fromLinks.words.contains(where: { bytes[between].elementsEqual($0) }) else { return nil }
        let lead = max(sentence.lowerBound, a.match.range.lowerBound - 48)
        let time = timePhrase(before: a.match.range.lowerBound, from: lead, bytes: bytes, previous: previous[..<k])
        let aStart = time?.start ?? a.match.range.lowerBound
        guard let m = words.fromMarkers.suffix(of: bytes, sentence.lowerBound..<aStart) else { return nil }
        e.from = a.value
        return (k, time != nil, aStart - m.count, time?.year)
    }
}
