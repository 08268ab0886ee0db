import Foundation

/// A normalized value: a number, a range of numbers, or (dates) an ISO-like text.
public enum ExtractedValue: Sendable, Equatable {
    case number(ExactDecimal)
    case range(low: ExactDecimal, high: ExactDecimal)
    case text(String)
    case textRange(low: String, high: String)

    /// The canonical string the rule examples compare against: numbers exactly, ranges as `low..high`.
    public var canonical: String {
        switch self {
        case .number(let d): return d.description
        case .range(let l, let h): return "\(l)..\(h)"
        case .text(let t): return t
        case .textRange(let l, let h): return "\(l)..\(h)"
        }
    }
}

/// What one match means (EXTRACTION.md, "Kinds of extraction" and "Qualifiers and relations").
public struct Extraction: Sendable {
    public let match: RuleMatch
    public let kind: ExtractionKind
    public var value: ExtractedValue?
    public var unit: String?
    /// Cleaned range of the unit as written (mapped to the original text at emit time).
    public var unitRange: Range<Int>?
    public var qualifier: String?
    public var change: String?
    public var yoy = false
    /// For `从A提高到B`: on B, the value of A.
    public var from: ExtractedValue?
    public var inferred = false
    /// What the number is about (`地区生产总值`), whether it is an aim or a result, and the year it belongs to.
    public var indicator: String?
    public var modality: String?
    public var period: String?
    /// Problems that made a value unreadable (kept on the record rather than dropped silently).
    public var note: String?
}

/// Turns rule matches into extractions: reads numerals exactly, resolves units and qualifiers through the
/// lexicon of the pattern library, and reads the change verb written before the number.
public struct Normalizer: Sendable {
    public let lexicon: Lexicon
    private let changeWords: [String]

    private let leadWords: [[UInt8]]
    private let tailWords: [[UInt8]]
    /// Modality and period words as UTF-8, searched in the bytes before each number (no Strings built).
    private let modalityWords: [(bytes: [UInt8], meaning: String)]
    private let periodWords: [(bytes: [UInt8], meaning: String)]

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        changeWords = lexicon.words(in: "change")
        leadWords = lexicon.words(in: "indicator_lead").map { Array($0.utf8) }
        tailWords = (lexicon.words(in: "indicator_tail") + lexicon.words(in: "change")).map { Array($0.utf8) }
            .sorted { $0.count > $1.count }
        modalityWords = lexicon.words(in: "modality").map { (Array($0.utf8), lexicon.meaning(of: $0, in: "modality") ?? "") }
        periodWords = lexicon.words(in: "period").map { (Array($0.utf8), lexicon.meaning(of: $0, in: "period") ?? "") }
    }

    public func normalize(_ matches: [RuleMatch], rules: [Rule], text: CleanText, segmentation: Segmentation) -> [Extraction] {
        var out: [Extraction] = []
        out.reserveCapacity(matches.count)
        for m in matches {
            var e = normalize(m, rule: rules[m.ruleIndex], text: text)
            if e.kind != .date && e.kind != .project, let sentence = segmentation.sentence(containing: m.range.lowerBound) {
                readChange(&e, sentence: sentence, text: text, previous: out)
                readContext(&e, sentence: sentence, text: text, segmentation: segmentation, previous: out)
            }
            out.append(e)
        }
        return out
    }

    func normalize(_ m: RuleMatch, rule: Rule, text: CleanText) -> Extraction {
        var e = Extraction(match: m, kind: rule.kind)
        e.inferred = rule.inferred
        func group(_ name: String) -> String? { m.groups[name].map { text.string($0) } }

        if rule.kind == .date {
            e.value = dateValue(m, text: text)
            return e
        }
        if rule.kind == .project {
            // The name without its quotes or book-title marks: the `name` group, else the whole match.
            // Quote marks go wherever they stand (“湾区通”工程 → 湾区通工程); book-title marks only at the ends.
            let name = (group("name") ?? text.string(m.range)).filter { !"“”\"‘’「」『』".contains($0) }
            e.value = .text(name.trimmingCharacters(in: CharacterSet(charactersIn: "《》")))
            return e
        }

        var moreThan = false
        func number(_ s: String) -> Numerals.Parsed? {
            // 多/余 written inside a number (`1500多亿`, `两千多`) make it a lower bound.
            var t = s
            if t.contains("多") || t.contains("余") {
                moreThan = true
                t.removeAll { $0 == "多" || $0 == "余" }
            }
            return Numerals.parse(t)
        }

        if let fixed = rule.value, let v = ExactDecimal(Substring(fixed)) {
            e.value = .number(v)
        } else if let d = group("doublings"), let n = Numerals.parse(d), let k = Int(n.value.description), k >= 0, k < 60 {
            e.value = .number(ExactDecimal(mantissa: 1 << Int64(k)))
        } else if let c = group("cheng"), let n = Numerals.parse(c) {
            let tenths = group("chengfrac").flatMap { Numerals.parse($0) }?.value ?? .zero
            e.value = n.value.shifted(by: 1).adding(tenths).map { .number($0) }
        } else if let lo = group("low"), let hi = group("high"), let l = number(lo), let h = number(hi) {
            // A range shares its upper bound's scale when the lower one has none: 50-100亿 → 50亿 to 100亿.
            let low = l.trailingScale == 0 && h.trailingScale > 0 ? l.value.shifted(by: h.trailingScale) : l.value
            e.value = .range(low: low, high: h.value)
        } else if let n = group("num"), let v = number(n) {
            e.value = .number(v.value)
        } else {
            e.note = "unreadable number"
        }

        // Unit: fixed by the rule, else the written unit's meaning in the lexicon.
        if let u = m.groups["unit"] {
            e.unitRange = u
            let written = text.string(u)
            let category = rule.kind == .money ? "currency" : "unit"
            e.unit = rule.unit ?? lexicon.meaning(of: written, in: category) ?? written
        } else {
            e.unit = rule.unit ?? Self.defaultUnit[rule.kind]
        }

        for name in ["qbefore", "qmid", "qafter"] {
            if let q = group(name), let meaning = lexicon.meaning(of: q, in: "qualifier") {
                e.qualifier = meaning
                break
            }
        }
        if e.qualifier == nil && moreThan { e.qualifier = "more_than" }
        return e
    }

    static let defaultUnit: [ExtractionKind: String] = [.percent: "%", .percentage_point: "pp", .multiple: "x"]

    /// The change verb written right before the number (`增长4.2%`, `同比下降2.5%`, `提高到60%`).
    func readChange(_ e: inout Extraction, sentence: Range<Int>, text: CleanText, previous: [Extraction]) {
        let start = e.match.range.lowerBound
        guard start > sentence.lowerBound else { return }
        // The clause before the number, at most 48 bytes back (16 characters): verbs stand right before it.
        var from = max(sentence.lowerBound, start - 48)
        while from < start, text.bytes[from] & 0xC0 == 0x80 { from += 1 }
        var before = text.string(from..<start)
        var toForm = false
        if before.hasSuffix("到") || before.hasSuffix("至") {
            before.removeLast()
            toForm = true
        }
        // Link words between the verb and the number: 增速为6%, 增长达8%, 分别增长3%和5%.
        for link in ["分别为", "分别达", "达到", "为", "达", "分别"] where before.hasSuffix(link) {
            before.removeLast(link.count)
            break
        }
        if before.hasSuffix("了") { before.removeLast() }
        guard let verb = changeWords.first(where: { before.hasSuffix($0) }) else { return }
        e.change = lexicon.meaning(of: verb, in: "change")
        // 同比 anywhere in the clause before the number.
        let clause = before.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == ":" }).last.map(String.init) ?? before
        e.yoy = clause.contains("同比")
        if toForm {
            // 从A提高到B: A is the previous extraction of the sentence, preceded by 从/由, right before the verb.
            let verbStart = from + before.utf8.count - verb.utf8.count
            if let a = previous.last, a.match.range.upperBound <= verbStart, a.match.range.lowerBound >= sentence.lowerBound {
                let between = a.match.range.upperBound..<verbStart
                let a0 = a.match.range.lowerBound
                let lead = a0 - 3 >= sentence.lowerBound ? Array(text.bytes[(a0 - 3)..<a0]) : []
                if (between.isEmpty || text.bytes[between].elementsEqual(Self.de)) && (lead == Self.cong || lead == Self.you) {
                    e.from = a.value
                }
            }
        }
    }

    /// Modality, period and indicator from the words before the number in its sentence (the lists of
    /// rules/patterns/context.yaml), the dates already read in the sentence, and the headings above it.
    func readContext(_ e: inout Extraction, sentence: Range<Int>, text: CleanText, segmentation: Segmentation, previous: [Extraction]) {
        let start = e.match.range.lowerBound
        var from = max(sentence.lowerBound, start - 150)
        while from < start, text.bytes[from] & 0xC0 == 0x80 { from += 1 }
        let bytes = text.bytes

        // Modality: a cue in the sentence before the number, else the years written there against the
        // document's year, else the paragraph's opening words, else the headings above (目标/任务, 回顾/成绩).
        func cue(in range: Range<Int>) -> String? {
            var found: String?
            for (w, m) in modalityWords where Self.contains(bytes, range, w) {
                if m == "target" { return m }
                found = found ?? m
            }
            return found
        }
        var modality = cue(in: from..<start)
        let docYear = Self.documentYear(segmentation, at: e.match.range)
        var years: [Int] = []
        for x in previous.reversed() {
            guard x.match.range.lowerBound >= sentence.lowerBound else { break }
            if x.kind == .date, case .text(let t)? = x.value, let y = Int(t.prefix(4)) { years.insert(y, at: 0) }
        }
        if modality == nil, let y = years.last, let d = docYear { modality = y < d ? "actual" : "target" }
        // A paragraph opened by 过去一年… or 今年要… speaks of the same time throughout.
        if modality == nil, let para = Segmentation.find(start, in: segmentation.paragraphs) {
            modality = cue(in: para.lowerBound..<min(start, Self.boundary(bytes, para.lowerBound + 60)))
        }
        if modality == nil {
            for h in segmentation.headings(containing: e.match.range).reversed() {
                if Self.targetHeadings.contains(where: { Self.contains(bytes, h, $0) }) { modality = "target"; break }
                if Self.actualHeadings.contains(where: { Self.contains(bytes, h, $0) }) { modality = "actual"; break }
            }
        }
        e.modality = modality

        // Period: a year written before the number in the sentence, else 今年/去年/全年 against the document's year.
        if let y = years.last {
            e.period = String(y)
        } else if let d = docYear {
            for (w, m) in periodWords where Self.contains(bytes, from..<start, w) {
                if m == "target" {
                    if modality == "target" { e.period = String(d) } else if modality == "actual" { e.period = String(d - 1) }
                } else if let offset = Int(m) {
                    e.period = String(d + offset)
                }
                if e.period != nil { break }
            }
        }

        // Indicator: the noun phrase of the clause before the number, without time, aim and verb words.
        var lo = from, hi = start
        // 国内生产总值(GDP)增长5%: a parenthesis followed only by the verb belongs to the indicator before it.
        if let cut = Self.lastBoundary(bytes, lo..<hi), bytes[cut.lowerBound] == 0x29,
           let open = bytes[lo..<cut.lowerBound].lastIndex(of: 0x28) {
            var t = hi
            var stripped = true
            while stripped && t > cut.upperBound {
                stripped = false
                for w in tailWords where t - cut.upperBound >= w.count && bytes[(t - w.count)..<t].elementsEqual(w) { t -= w.count; stripped = true; break }
            }
            if t == cut.upperBound { hi = open }
        }
        if let cut = Self.lastBoundary(bytes, lo..<hi) {
            if bytes[cut.lowerBound] == 0x28 && cut.upperBound == hi {
                // 规上工业产值(3805亿元): the indicator stands before the parenthesis.
                hi = cut.lowerBound
                if let c2 = Self.lastBoundary(bytes, lo..<hi) { lo = c2.upperBound }
            } else {
                lo = cut.upperBound
            }
        }
        // A date written at the head of the clause (1-11月工业增加值…, 2024年财政收入…) is not part of it.
        for x in previous.reversed() {
            guard x.match.range.lowerBound >= lo else { break }
            if x.kind == .date && x.match.range.upperBound <= hi { lo = max(lo, x.match.range.upperBound); break }
        }
        var changed = true
        while changed && lo < hi {
            changed = false
            for w in tailWords where hi - lo >= w.count && bytes[(hi - w.count)..<hi].elementsEqual(w) { hi -= w.count; changed = true; break }
            for w in leadWords where hi - lo >= w.count && bytes[lo..<(lo + w.count)].elementsEqual(w) { lo += w.count; changed = true; break }
            while lo < hi && bytes[lo] == 0x20 { lo += 1; changed = true }
        }
        let n = bytes[lo..<hi].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        let ascii = bytes[lo..<hi].contains { $0 < 0x80 && !((0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)) }  // GDP, CPI may stand
        let endsWithDe = hi - lo >= 3 && bytes[(hi - 3)..<hi].elementsEqual([0xE7, 0x9A, 0x84])  // 的
        if n >= 2 && n <= 16 && !ascii && !endsWithDe {
            e.indicator = text.string(lo..<hi)
        } else if lo >= hi, let last = previous.last, last.match.range.lowerBound >= sentence.lowerBound, last.kind != .date,
                  last.kind != .project, let inherited = last.indicator {
            // 地区生产总值1.39万亿元,同比增长5.2%: a clause of verbs only speaks of the previous number's indicator.
            e.indicator = inherited
        }
    }

    static let de = Array("的".utf8), cong = Array("从".utf8), you = Array("由".utf8)

    static let targetHeadings = ["目标", "任务", "打算", "计划"].map { Array($0.utf8) }
    static let actualHeadings = ["回顾", "成绩", "成就"].map { Array($0.utf8) }

    /// The last clause boundary in `range` (, ; : ( ) ! ? " 、 。 “ ”), as its byte range.
    static func lastBoundary(_ b: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            let c = b[i]
            if c < 0x80 {
                if c == 0x2C || c == 0x3B || c == 0x3A || c == 0x28 || c == 0x29 || c == 0x21 || c == 0x3F || c == 0x22 { return i..<(i + 1) }
            } else if c & 0xC0 != 0x80 && i + 3 <= range.upperBound {
                let c1 = b[i + 1], c2 = b[i + 2]
                if c == 0xE3 && c1 == 0x80 && (c2 == 0x81 || c2 == 0x82) { return i..<(i + 3) }  // 、 。
                if c == 0xE2 && c1 == 0x80 && (c2 == 0x9C || c2 == 0x9D) { return i..<(i + 3) }  // “ ”
            }
            i -= 1
        }
        return nil
    }

    /// Whether `word` occurs in `bytes[range]`.
    static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        guard let first = word.first, range.count >= word.count else { return false }
        var i = range.lowerBound
        let last = range.upperBound - word.count
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < word.count && bytes[i + k] == word[k] { k += 1 }
                if k == word.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The first scalar boundary at or after byte `i`.
    static func boundary(_ b: [UInt8], _ i: Int) -> Int {
        var i = i
        while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }

    /// The year of the document holding `range`: its speech's date, or a year in the speech's title.
    static func documentYear(_ seg: Segmentation, at range: Range<Int>) -> Int? {
        guard let speech = seg.speech(containing: range) else { return nil }
        if let d = speech.date, let y = Int(d.prefix(4)) { return y }
        return nil
    }

    func dateValue(_ m: RuleMatch, text: CleanText) -> ExtractedValue? {
        func group(_ name: String) -> String? { m.groups[name].map { text.string($0) } }
        func int(_ s: String?) -> Int? {
            guard let s, let p = Numerals.parse(s) else { return nil }
            return Int(p.value.description)
        }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if let plan = group("plan"), let n = int(plan) {
            // The Nth five-year plan: the 3rd began in 1966, each lasts five years (the 1st was 1953–1957).
            let start = n <= 2 ? 1953 + 5 * (n - 1) : 1966 + 5 * (n - 3)
            return .textRange(low: "\(start)", high: "\(start + 4)")
        }
        let year = int(group("year"))
        if let y = year, let y2 = int(group("year2")) { return .textRange(low: "\(y)", high: "\(y2)") }
        let month = int(group("month"))
        if let mo = month, let mo2 = int(group("month2")), (1...12).contains(mo), (1...12).contains(mo2) {
            let prefix = year.map { "\($0)-" } ?? "--"
            return .textRange(low: prefix + pad(mo), high: prefix + pad(mo2))
        }
        let day = int(group("day"))
        if let y = year {
            guard let mo = month else { return .text("\(y)") }
            guard (1...12).contains(mo) else { return nil }
            guard let d = day else { return .text("\(y)-\(pad(mo))") }
            guard (1...31).contains(d) else { return nil }
            return .text("\(y)-\(pad(mo))-\(pad(d))")
        }
        if let mo = month, (1...12).contains(mo) {
            guard let d = day else { return .text("--\(pad(mo))") }
            guard (1...31).contains(d) else { return nil }
            return .text("--\(pad(mo))-\(pad(d))")
        }
        return nil
    }
}
