import TiquClean
import TiquMatch
import TiquNumbers
import TiquRules

/// Reads a number match's value (exactly), unit and qualifier from its named groups: `num` (or `low`/`high`
/// for a range), `doublings` (翻N番), `cheng`/`chengfrac` (X成), `unit`, `qbefore`/`qmid`/`qafter`.
struct NumberReader {
    let lexicon: Lexicon
    let words: ContextWords

    static let defaultUnit: [ExtractionKind: String] = [.percent: "%", .percentage_point: "pp", .multiple: "x"]

    func read(_ m: RuleMatch, text: CleanText) -> Extraction {
        var e = Extraction(match: m)
        let rule = m.rule
        func group(_ name: String) -> String? { m.groups[name].map { text.string($0) } }
        // A qualifier written inside a number (`1500多亿`, `两千多`) makes it a lower bound.
        var inner: String?
        func number(_ s: String) -> Numerals.Parsed? {
            var t = String.UnicodeScalarView()
            for c in s.unicodeScalars {
                if let q = words.innerQualifiers[c] { inner = q } else { t.append(c) }
            }
            return Numerals.parse(String(t))
        }

        if let fixed = rule.value, let v = ExactDecimal(Substring(fixed)) {
            e.value = .number(v)
        } else if let d = group(GroupName.doublings), let n = Numerals.parse(d), let k = Int(n.value.description), k >= 0, k < 60 {
            e.value = .number(ExactDecimal(mantissa: 1 << Int64(k)))
        } else if let c = group(GroupName.cheng), let n = Numerals.parse(c) {
            let tenths = group(GroupName.chengfrac).flatMap { Numerals.parse($0) }?.value ?? .zero
            e.value = n.value.shifted(by: 1).adding(tenths).map { .number($0) }
        } else if let lo = group(GroupName.low), let hi = group(GroupName.high), let l = number(lo), let h = number(hi) {
            // A range shares its upper bound's scale when the lower one has none: 50-100亿 → 50亿 to 100亿.
            let low = l.trailingScale == 0 && h.trailingScale > 0 ? l.value.shifted(by: h.trailingScale) : l.value
            e.value = .range(low: low, high: h.value)
        } else if let n = group(GroupName.num), let v = number(n) {
            e.value = .number(v.value)
        } else {
            e.note = "unreadable number"
        }

        // Unit: fixed by the rule, else the written unit's meaning in the lexicon.
        if let u = m.groups[GroupName.unit] {
            e.unitRange = u
            let written = text.string(u)
            let category = rule.kind == .money ? UnitCategory.currency : UnitCategory.unit
            e.unit = rule.unit ?? lexicon.meaning(of: written, in: category) ?? written
        } else {
            e.unit = rule.unit ?? Self.defaultUnit[rule.kind]
        }
        for name in GroupName.qualifiers {
            if let q = group(name), let meaning = lexicon.meaning(of: q, in: UnitCategory.qualifier) {
                e.qualifier = meaning
                break
            }
        }
        if e.qualifier == nil { e.qualifier = inner }
        return e
    }
}

/// A project's name: the `name` group, else the whole match, without quote marks (wherever they stand:
/// “湾区通”工程 → 湾区通工程) and without book-title marks at its ends.
struct ProjectNameReader {
    let words: ContextWords

    func read(_ m: RuleMatch, text: CleanText) -> Extraction {
        var e = Extraction(match: m)
        var name = Substring((m.groups[GroupName.name].map { text.string($0) } ?? text.string(m.range)).filter { !words.nameQuotes.contains($0) })
        while let c = name.first, words.nameTitleMarks.contains(c) { name.removeFirst() }
        while let c = name.last, words.nameTitleMarks.contains(c) { name.removeLast() }
        e.value = .text(String(name))
        return e
    }
}
