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
    /// Problems that made a value unreadable (kept on the record rather than dropped silently).
    public var note: String?
}

/// Turns rule matches into extractions: reads numerals exactly, resolves units and qualifiers through the
/// lexicon of the pattern library, and reads the change verb written before the number.
public struct Normalizer: Sendable {
    public let lexicon: Lexicon
    private let changeWords: [String]

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        changeWords = lexicon.words(in: "change")
    }

    public func normalize(_ matches: [RuleMatch], rules: [Rule], text: CleanText, segmentation: Segmentation) -> [Extraction] {
        var out: [Extraction] = []
        out.reserveCapacity(matches.count)
        for m in matches {
            var e = normalize(m, rule: rules[m.ruleIndex], text: text)
            if e.kind != .date && e.kind != .project, let sentence = segmentation.sentence(containing: m.range.lowerBound) {
                readChange(&e, sentence: sentence, text: text, previous: out)
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
        if before.hasSuffix("了") { before.removeLast() }
        guard let verb = changeWords.first(where: { before.hasSuffix($0) }) else { return }
        e.change = lexicon.meaning(of: verb, in: "change")
        // 同比 anywhere in the clause before the number.
        let clause = before.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == ":" }).last.map(String.init) ?? before
        e.yoy = clause.contains("同比")
        if toForm {
            // 从A提高到B: A is the previous extraction of the sentence, preceded by 从/由, right before the verb.
            let verbStart = from + before.utf8.count - verb.utf8.count
            if let a = previous.last, a.match.range.upperBound <= verbStart, a.match.range.lowerBound >= sentence.lowerBound,
               text.string(a.match.range.upperBound..<verbStart).isEmpty || text.string(a.match.range.upperBound..<verbStart) == "的" {
                let lead = text.string(sentence.lowerBound..<a.match.range.lowerBound)
                if lead.hasSuffix("从") || lead.hasSuffix("由") { e.from = a.value }
            }
        }
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
