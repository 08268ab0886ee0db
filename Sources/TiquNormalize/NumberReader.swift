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
        // The closures capture these, not `self` (a copy of the readers' word lists for every number).
        let qualifiers = words.innerQualifiers, qualifierScalars = words.innerQualifierScalars
        // A match holds few groups and the value is asked for up to 16 names, most of them absent: compared
        // with each group's name, not hashed for a dictionary look-up, and by length first (a length is read
        // from the string itself; most names asked differ from a group's in length), in an array made once
        // (a walk of the dictionary for each name asked cost more than the compares).
        let groups = m.groups.map { (name: $0.key, range: $0.value) }
        func group(_ name: String) -> String? {
            let n = name.utf8.count
            for g in groups where g.name.utf8.count == n && g.name == name { return text.string(g.range) }
            return nil
        }
        // A qualifier written inside a number (`1500多亿`, `两千多`) makes it a lower bound.
        var inner: String?
        let asciiInner = qualifiers.keys.contains { $0.isASCII }
        func number(_ s: String) -> Numerals.Parsed? {
            // ASCII with no space (most numbers) holds no qualifier to set aside: read as written.
            if !asciiInner, s.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 }) { return Numerals.parse(s) }
            // Nor does one with no qualifier or space (两千亿): no copy without them is built.
            if !s.unicodeScalars.contains(where: { $0 == " " || qualifierScalars.contains($0.value) }) { return Numerals.parse(s) }
            var t = String.UnicodeScalarView()
            for c in s.unicodeScalars {
                if let q = qualifiers[c] { inner = q } else if c != " " { t.append(c) }
            }
            return Numerals.parse(String(t))
        }

        if let fixed = rule.value, let v = ExactDecimal(Substring(fixed)) {
            e.value = .number(v)
        } else if let v = NumberValue(kind: rule.kind, lexicon: lexicon, group: group, number: number).read() {
            e.value = v
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
