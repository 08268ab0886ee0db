import TiquNumbers
import TiquRules
import TiquSegment
import TiquText

/// The words and tables of rules/patterns/meetings.yaml: the names of the meetings a speech may address,
/// the words around their numbers, and when each session or congress was held. Read once per normalizer;
/// empty (no meeting is ever read) when the rules folder has no such file.
struct MeetingWords: Sendable {
    let names: ByteWords
    /// A name's kind: `npc`, `congress` or `committee`.
    let kind: [[UInt8]: String]
    let term: ByteWords, count: ByteWords, session: ByteWords, ordinal: ByteWords, party: ByteWords, short: ByteWords
    /// Between a `period` word of one year and the meeting it dates: 召开的, and 月 after a month's figures.
    let held: ByteWords, month: ByteWords
    /// The `period` words of one year (去年, 今年, 明年: offsets -1, 0, 1), which date a meeting right after them.
    let now: [[UInt8]: Int]
    let nowWords: ByteWords
    /// The words before a name that address it (向, 我们, 代表), and those after one opening a paragraph (，, 是).
    let address: ByteWords, subject: ByteWords
    /// `TERM.SESSION` → `YYYY-MM`; congress number → `YYYY-MM`.
    let sessions: [String: String], congresses: [String: String]
    /// The words before a year of the opening that make it the year just past (刚刚过去的, 报告: `meeting_mark` past).
    let pastYear: ByteWords

    init(_ lexicon: Lexicon) {
        func list(_ c: String, _ m: String) -> ByteWords { ByteWords(lexicon.words(in: c, meaning: m)) }
        names = lexicon.byteWords(in: "meeting_name")
        kind = Dictionary(uniqueKeysWithValues: lexicon.words(in: "meeting_name").map { (Array($0.utf8), lexicon.meaning(of: $0, in: "meeting_name") ?? "") })
        (term, count, session) = (list("meeting_mark", "term"), list("meeting_mark", "count"), list("meeting_mark", "session"))
        (ordinal, party, short) = (list("meeting_mark", "ordinal"), list("meeting_mark", "party"), list("meeting_mark", "short"))
        (held, month) = (list("meeting_mark", "held"), list("meeting_mark", "month"))
        let now = lexicon.words(in: "period").compactMap { w in
            lexicon.meaning(of: w, in: "period").flatMap { Int($0) }.flatMap { abs($0) <= 1 ? (w, $0) : nil }
        }
        self.now = Dictionary(now.map { (Array($0.0.utf8), $0.1) }, uniquingKeysWith: { a, _ in a })
        nowWords = ByteWords(now.map(\.0))
        address = ByteWords(lexicon.words(in: "meeting_address").filter { lexicon.meaning(of: $0, in: "meeting_address") != "subject" })
        subject = list("meeting_address", "subject")
        sessions = lexicon.meanings["npc_session"] ?? [:]
        congresses = lexicon.meanings["party_congress"] ?? [:]
        pastYear = list("meeting_mark", "past")
    }

    /// When session `k` of term `n` was held: the table's entry, else, for a term past the last one listed,
    /// five years a term after that term's first session, one session a year, in March.
    func held(term n: Int, session k: Int) -> (year: Int, month: Int)? {
        if let d = sessions["\(n).\(k)"] { return Self.date(d) }
        let firsts = sessions.keys.compactMap { key -> Int? in key.hasSuffix(".1") ? Int(key.dropLast(2)) : nil }
        guard let last = firsts.max(), n > last, let base = sessions["\(last).1"].flatMap(Self.date) else { return nil }
        return (base.year + 5 * (n - last) + (k - 1), 3)
    }

    /// When congress `n` was held: the table's entry, else five years a congress after the last one listed, in October.
    func held(congress n: Int) -> (year: Int, month: Int)? {
        if let d = congresses["\(n)"] { return Self.date(d) }
        guard let last = congresses.keys.compactMap({ Int($0) }).max(), n > last,
              let base = congresses["\(last)"].flatMap(Self.date) else { return nil }
        return (base.year + 5 * (n - last), 10)
    }

    /// `YYYY-MM` as numbers.
    static func date(_ s: String) -> (year: Int, month: Int)? {
        let parts = s.split(separator: "-").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
}

extension DocumentYear {
    /// How many paragraphs open a document: the meeting a speech addresses is named there.
    static let openingParagraphs = 3

    /// The year of the meeting the document's opening addresses (`MeetingWords`): 向第一届全国人民代表大会第二次
    /// 会议提出… is 1955, 我代表第十四届中央委员会向大会作报告 the 15th congress, 1997; inferred, and late when
    /// held from July on. Nil when the opening names none, or meetings of different years.
    static func addressed(_ b: [UInt8], segmentation: Segmentation, words m: MeetingWords) -> DocumentYear? {
        var found: [(year: Int, late: Bool)] = []
        for p in segmentation.paragraphs.prefix(openingParagraphs) {
            var i = p.lowerBound
            while i < p.upperBound {
                guard m.names.mayStart(b, i, p.upperBound), let w = m.names.prefix(of: b, i..<p.upperBound) else { i += 1; continue }
                if let d = meeting(i..<(i + w.count), kind: m.kind[w] ?? "", in: p, b, m) { found.append((d.year, d.month >= lateMonth)) }
                i += w.count
            }
        }
        return agreed(found)
    }

    /// The year after the one the opening names as just past (刚刚过去的1984年 → 1985, 首先报告2001年的工作 →
    /// 2002: a year written right after a `year_past` word in the first paragraphs), inferred; nil when none
    /// is named or two disagree.
    static func justPast(_ b: [UInt8], segmentation: Segmentation, words m: MeetingWords, mark: ByteWords) -> DocumentYear? {
        var found: [(year: Int, late: Bool)] = []
        for p in segmentation.paragraphs.prefix(openingParagraphs) {
            for (y, at) in marked(in: p, b, mark: mark) where m.pastYear.suffix(of: b, p.lowerBound..<at.lowerBound) != nil {
                found.append((y + 1, false))
            }
        }
        return agreed(found)
    }

    /// The one year all `found` say (late when one is), nil when none is found or two disagree.
    static func agreed(_ found: [(year: Int, late: Bool)]) -> DocumentYear? {
        guard let first = found.first, found.allSatisfy({ $0.year == first.year }) else { return nil }
        return DocumentYear(year: first.year, inferred: true, late: found.contains { $0.late })
    }

    /// The year that meetings dated by a `period` word of one year say (去年召开的党的第十一次全国代表大会: 1977
    /// + 1; 从去年9月第五届全国人民代表大会第三次会议到现在: 1980 + 1; 今年党的十二大: 1982, and late, as the
    /// congress was held in September), anywhere in the text; nil when none does or two disagree. Read only
    /// when neither the opening nor a review section says the year, and only where such a word ends in a
    /// `year_mark` (去年, 过去一年; not 一年来): the skipping search for the mark, not a test at every byte.
    static func dated(_ b: [UInt8], _ m: MeetingWords, mark: ByteWords) -> DocumentYear? {
        var found: [(year: Int, late: Bool)] = []
        for y in mark.words {
            var i = 0
            while let k = ByteWords.firstIndex(of: y, in: b, i..<b.count) {
                i = k + y.count
                guard let w = m.nowWords.suffix(of: b, max(0, k - 12)..<i), let offset = m.now[w],
                      let d = meeting(after: i, b, m) else { continue }
                found.append((d.year - offset, offset == 0 && d.month >= lateMonth))
            }
        }
        return agreed(found)
    }

    /// The meeting named from `start` on, after a month (9月) and `held` (召开的), if any: a congress (党的第
    /// 十一次全国代表大会, 党的十二大) or an NPC session (第五届全国人民代表大会第三次会议, 六届人大一次会议), and when it was held.
    static func meeting(after start: Int, _ b: [UInt8], _ m: MeetingWords) -> (year: Int, month: Int)? {
        let end = min(b.count, start + 120)
        var i = start
        if let (_, e) = number(startingAt: i, b, to: end), let mo = m.month.prefix(of: b, e..<end) { i = e + mo.count }
        if let h = m.held.prefix(of: b, i..<end) { i += h.count }
        let party = m.party.prefix(of: b, i..<end)
        i += party?.count ?? 0
        if let o = m.ordinal.prefix(of: b, i..<end) { i += o.count }
        guard let (n, e) = number(startingAt: i, b, to: end) else { return nil }
        i = e
        if party != nil, m.short.prefix(of: b, i..<end) != nil { return m.held(congress: n) }
        if let c = m.count.prefix(of: b, i..<end), let w = m.names.prefix(of: b, (i + c.count)..<end), m.kind[w] == "congress" { return m.held(congress: n) }
        guard let t = m.term.prefix(of: b, i..<end), let w = m.names.prefix(of: b, (i + t.count)..<end), m.kind[w] == "npc" else { return nil }
        i += t.count + w.count
        if let o = m.ordinal.prefix(of: b, i..<end) { i += o.count }
        guard let (k, e2) = number(startingAt: i, b, to: end), m.session.prefix(of: b, e2..<end) != nil else { return nil }
        return m.held(term: n, session: k)
    }

    /// The meeting named at `name` when the speech addresses it: its number before (第五届, 十二届, 第九次), then
    /// an address word before that (向, 代表), or the paragraph's start and a subject word after the name
    /// (中国共产党第九次全国代表大会，…); an NPC term's session after it (第二次会议), else its first.
    static func meeting(_ name: Range<Int>, kind: String, in p: Range<Int>, _ b: [UInt8], _ m: MeetingWords) -> (year: Int, month: Int)? {
        var s = name.lowerBound
        guard let mark = (kind == "congress" ? m.count : m.term).suffix(of: b, p.lowerBound..<s) else { return nil }
        s -= mark.count
        guard let (n, start) = number(endingAt: s, b, from: p.lowerBound) else { return nil }
        s = start
        if let o = m.ordinal.suffix(of: b, p.lowerBound..<s) { s -= o.count }
        if kind != "npc", let w = m.party.suffix(of: b, p.lowerBound..<s) { s -= w.count }
        let opens = leadingSpace(p, b) == s && m.subject.prefix(of: b, name.upperBound..<p.upperBound) != nil
        guard opens || m.address.suffix(of: b, p.lowerBound..<s) != nil else { return nil }
        switch kind {
        case "congress": return m.held(congress: n)
        case "committee": return m.held(congress: n + 1)
        case "npc":
            var e = name.upperBound
            if let o = m.ordinal.prefix(of: b, e..<p.upperBound) { e += o.count }
            if let (k, end) = number(startingAt: e, b, to: p.upperBound), m.session.prefix(of: b, end..<p.upperBound) != nil {
                return m.held(term: n, session: k)
            }
            return m.held(term: n, session: 1)
        default: return nil
        }
    }

    /// The first byte of paragraph `p` past its spaces (ASCII and ideographic).
    static func leadingSpace(_ p: Range<Int>, _ b: [UInt8]) -> Int {
        var i = p.lowerBound
        while i < p.upperBound {
            if b[i] == 0x20 || b[i] == 0x09 { i += 1 } else if i + 3 <= p.upperBound, b[i] == 0xE3, b[i + 1] == 0x80, b[i + 2] == 0x80 { i += 3 } else { break }
        }
        return i
    }

    /// The numeral (Chinese, or ASCII digits) ending at `end`, and where it starts.
    static func number(endingAt end: Int, _ b: [UInt8], from lower: Int) -> (Int, Int)? {
        var s = end
        while s > lower, (0x30...0x39).contains(b[s - 1]) { s -= 1 }
        if s == end {
            while s - 3 >= lower, b[s - 3] >= 0xE0, b[s - 3] < 0xF0,
                  let c = Unicode.Scalar(UTF8Scalar.decode(b, s - 3).value), Numerals.isChineseNumeral(c) { s -= 3 }
        }
        return value(s..<end, b).map { ($0, s) }
    }

    /// The numeral (Chinese, or ASCII digits) starting at `start`, and where it ends.
    static func number(startingAt start: Int, _ b: [UInt8], to upper: Int) -> (Int, Int)? {
        var e = start
        while e < upper, (0x30...0x39).contains(b[e]) { e += 1 }
        if e == start {
            while e + 3 <= upper, b[e] >= 0xE0, b[e] < 0xF0,
                  let c = Unicode.Scalar(UTF8Scalar.decode(b, e).value), Numerals.isChineseNumeral(c) { e += 3 }
        }
        return value(start..<e, b).map { ($0, e) }
    }

    /// A small whole numeral's value (1 to 99: a term, session or congress).
    static func value(_ r: Range<Int>, _ b: [UInt8]) -> Int? {
        guard !r.isEmpty, let p = Numerals.parse(String(decoding: b[r], as: UTF8.self)),
              let n = Int(p.value.description), (1...99).contains(n) else { return nil }
        return n
    }
}
