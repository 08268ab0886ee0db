import PCRE2
import TiquNumbers
import Yams

/// Reads one `- id: …` entry of a rule file into a compiled `Rule`.
enum RuleParser {
    static let ruleKeys = ["id", "kind", "subtype", "priority", "unit", "value", "inferred", "pattern", "doc",
                           "examples", "not", "gaps", "todo_not", "inside", "outside", "prefilter", "prefilter_words", "candidate", "allows"]
    static let expectKeys = ["text", "value", "unit", "unit_text", "qualifier", "change", "yoy", "inferred", "kind", "subtype", "note",
                             "indicator", "modality", "period", "direction", "from", "to", "base", "period_inferred"]

    /// The rule and its expanded pattern (where each byte came from, for the lint's locations).
    static func parse(_ node: Node, ctx: FileContext, library: PatternLibrary) throws -> (Rule, PatternLibrary.Expansion) {
        let fields = try keys(node, ctx: ctx)
        var f = try header(fields, node: node, ctx: ctx)
        let id = f.id
        guard let patternNode = fields["pattern"], let source = patternNode.string else {
            throw RuleError(ctx.location(node), "rule `\(id)` needs `pattern:`")
        }
        var expansion = PatternLibrary.Expansion()
        try library.expand(source, ctx: ctx, node: patternNode, into: &expansion)
        let expanded = expansion.text
        let regex: Regex
        do {
            regex = try Regex(expanded, options: RuleLoader.options)
        } catch let e as PCRE2Error {
            let loc = e.patternOffset.flatMap { expansion.location(ofByte: $0) } ?? ctx.location(patternNode)
            throw RuleError(loc, "rule `\(id)`: pattern does not compile: \(e.message)")
        }
        if let e = Lint.unknownGroup(regex, kind: f.kind, expansion: expansion, rule: id, fallback: ctx.location(patternNode)) { throw e }
        f.expanded = expanded
        f.source = source
        f.inside = try scope("inside", fields, ctx: ctx, library: library, rule: id)
        f.outside = try scope("outside", fields, ctx: ctx, library: library, rule: id)
        if let node = fields["prefilter"] {
            guard let chars = node.string, !chars.isEmpty else {
                throw RuleError(ctx.location(node), "rule `\(id)`: `prefilter:` lists the characters every match's sentence holds, e.g. `prefilter: 元币`")
            }
            f.prefilter = try prefilterSet(chars, node: node, ctx: ctx, library: library, rule: id)
        }
        if let node = fields["prefilter_words"] {
            guard let text = node.string, !text.isEmpty else {
                throw RuleError(ctx.location(node), "rule `\(id)`: `prefilter_words:` names the word lists (and words, space-separated) of which every match's sentence holds one, e.g. `prefilter_words: \"{{PROJECT_HEAD_PLAN}}\"`")
            }
            f.prefilterWords = try prefilterWords(text, node: node, ctx: ctx, library: library, rule: id)
        }
        f.candidate = try candidate(fields, ctx: ctx, library: library, rule: id)
        for n in items(fields["allows"]) {
            guard let k = n.string.flatMap(ExtractionKind.init(rawValue:)) else {
                throw RuleError(ctx.location(n), "rule `\(id)`: `allows:` lists kinds of extraction, e.g. `allows: [project]`")
            }
            f.allows.insert(k)
        }
        f.examples = try items(fields["examples"]).map { try parseExample($0, ctx: ctx, rule: id) }
        f.counterexamples = try items(fields["not"]).map { try parseCounterexample($0, ctx: ctx, rule: id) }
        f.gaps = try items(fields["gaps"]).map { try parseExample($0, ctx: ctx, rule: id) }
        f.falseHits = try items(fields["todo_not"]).map { try parseCounterexample($0, ctx: ctx, rule: id) }
        return (Rule(f, regex: regex), expansion)
    }

    /// A list's items; none for a missing key or a scalar. (`?? []` would build an empty `Node.Sequence`,
    /// whose implicit tag costs more than parsing the rule.)
    static func items(_ node: Node?) -> [Node] {
        guard let seq = node?.sequence else { return [] }
        return Array(seq)
    }

    /// The rule's keys, each checked against the known ones.
    static func keys(_ node: Node, ctx: FileContext) throws -> [String: Node] {
        guard let map = node.mapping else { throw RuleError(ctx.location(node), "a rule is a mapping with id, kind, pattern and examples") }
        var fields: [String: Node] = [:]
        for (k, v) in map {
            guard let key = k.string, ruleKeys.contains(key) else {
                throw RuleError(ctx.location(k), "unknown key `\(k.string ?? "?")` in a rule\(NameSuggestion.key(k.string, among: ruleKeys)) (a rule's keys: \(ruleKeys.joined(separator: ", ")))")
            }
            fields[key] = v
        }
        return fields
    }

    /// id, kind and the scalar keys (subtype, priority, unit, value, inferred).
    static func header(_ fields: [String: Node], node: Node, ctx: FileContext) throws -> Rule.Fields {
        guard let id = fields["id"]?.string, !id.isEmpty else { throw RuleError(ctx.location(node), "a rule needs `id:` (e.g. `money.amount`)") }
        let kinds = ExtractionKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let kindNode = fields["kind"], let kindText = kindNode.string else {
            throw RuleError(ctx.location(node), "rule `\(id)` needs `kind:` (\(kinds))")
        }
        guard let kind = ExtractionKind(rawValue: kindText) else {
            throw RuleError(ctx.location(kindNode), "rule `\(id)`: unknown kind `\(kindText)`; expected one of \(kinds)")
        }
        var f = Rule.Fields(id: id, kind: kind, subtype: fields["subtype"]?.string, unit: fields["unit"]?.string,
                            value: fields["value"]?.string, location: ctx.location(node))
        if let p = fields["priority"] {
            guard let v = p.int else { throw RuleError(ctx.location(p), "rule `\(id)`: `priority:` must be an integer") }
            f.priority = v
        }
        if let n = fields["inferred"] {
            guard let b = bool(n) else { throw RuleError(ctx.location(n), "rule `\(id)`: `inferred:` must be true or false") }
            f.inferred = b
        }
        return f
    }

    /// The `candidate:` pattern, expanded: checked to compile (PCRE2 never runs it; Vectorscan scans for it).
    static func candidate(_ fields: [String: Node], ctx: FileContext, library: PatternLibrary, rule id: String) throws -> String? {
        guard let node = fields["candidate"] else { return nil }
        guard let text = node.string, !text.isEmpty else {
            throw RuleError(ctx.location(node), "rule `\(id)`: `candidate:` is the pattern the candidate pass scans for instead of `pattern:`, matching wherever a match ends")
        }
        var exp = PatternLibrary.Expansion()
        try library.expand(text, ctx: ctx, node: node, into: &exp)
        do { _ = try Regex(exp.text, options: RuleLoader.options) } catch let e as PCRE2Error {
            throw RuleError(e.patternOffset.flatMap { exp.location(ofByte: $0) } ?? ctx.location(node), "rule `\(id)`: `candidate:` does not compile: \(e.message)")
        }
        return exp.text
    }

    /// An `inside:` or `outside:` pattern, matched against the headings of the points above a match.
    /// A YAML boolean as Yams' default resolver reads one (true/yes/on, false/no/off, any case), written
    /// plain: a quoted `"true"` is a string. Scalars are loaded untagged (`Resolver.basic`).
    static func bool(_ n: Node) -> Bool? {
        guard let s = n.scalar, s.style == .plain || s.style == .any else { return nil }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    static func scope(_ key: String, _ fields: [String: Node], ctx: FileContext, library: PatternLibrary, rule id: String) throws -> Regex? {
        guard let node = fields[key] else { return nil }
        guard let text = node.string else { throw RuleError(ctx.location(node), "rule `\(id)`: `\(key):` is a pattern matched against point headings") }
        var exp = PatternLibrary.Expansion()
        try library.expand(text, ctx: ctx, node: node, into: &exp)
        do { return try Regex(exp.text, options: RuleLoader.options) } catch let e as PCRE2Error {
            throw RuleError(e.patternOffset.flatMap { exp.location(ofByte: $0) } ?? ctx.location(node), "rule `\(id)`: `\(key):` does not compile: \(e.message)")
        }
    }

    /// The characters of a `prefilter:`: literal characters, and for each `{{NAME}}` of a word list the
    /// last character of every word (`{{UNIT}}` → 里米亩人个家…), so the set follows the list.
    static func prefilterSet(_ text: String, node: Node, ctx: FileContext, library: PatternLibrary, rule: String) throws -> Set<Unicode.Scalar> {
        var set = Set<Unicode.Scalar>()
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            set.formUnion(rest[..<open.lowerBound].unicodeScalars.filter { !$0.properties.isWhitespace })
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let entry = library.entries[name], !entry.words.isEmpty else {
                throw RuleError(ctx.location(node), "rule `\(rule)`: `prefilter:` names `{{\(name)}}`, which is not a word list")
            }
            for w in entry.words { if let last = w.unicodeScalars.last { set.insert(last) } }
            rest = rest[close.upperBound...]
        }
        set.formUnion(rest.unicodeScalars.filter { !$0.properties.isWhitespace })
        return set
    }

    /// The words of a `prefilter_words:`: every word of each `{{NAME}}` word list, and each other
    /// space-separated word as written.
    static func prefilterWords(_ text: String, node: Node, ctx: FileContext, library: PatternLibrary, rule: String) throws -> [String] {
        var words: [String] = []
        for item in text.split(whereSeparator: { $0.isWhitespace }) {
            guard item.hasPrefix("{{"), item.hasSuffix("}}"), item.count > 4 else { words.append(String(item)); continue }
            let name = String(item.dropFirst(2).dropLast(2))
            guard let entry = library.entries[name], !entry.words.isEmpty else {
                throw RuleError(ctx.location(node), "rule `\(rule)`: `prefilter_words:` names `{{\(name)}}`, which is not a word list")
            }
            words += entry.words
        }
        return words
    }

    static func parseExample(_ node: Node, ctx: FileContext, rule: String) throws -> RuleExample {
        var textNode = node
        var expect: [String: String] = [:]
        var note: String?
        if let map = node.mapping {
            guard let t = map["text"] else { throw RuleError(ctx.location(node), "rule `\(rule)`: an example needs `text:` with the span marked [[…]]") }
            textNode = t
            for (k, v) in map {
                guard let key = k.string, expectKeys.contains(key) else {
                    throw RuleError(ctx.location(k), "rule `\(rule)`: unknown key `\(k.string ?? "?")` in an example\(NameSuggestion.key(k.string, among: Array(expectKeys))) (an example's keys: \(expectKeys.joined(separator: ", ")))")
                }
                if key == "note" { note = v.string }
                if key == "text" || key == "note" { continue }
                expect[key] = try expectation(v, ctx: ctx, rule: rule)
            }
        }
        guard let raw = textNode.string else { throw RuleError(ctx.location(textNode), "rule `\(rule)`: an example's text must be a string") }
        // Read as UTF-8 bytes (brackets are ASCII, never inside a character); the span counts characters.
        let bytes = Array(raw.utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var count = 0
        var start: Int?
        var end: Int?
        var i = 0
        while i < bytes.count {
            if i + 1 < bytes.count, bytes[i] == 0x5B, bytes[i + 1] == 0x5B, start == nil {  // [[
                start = count; i += 2; continue
            }
            if i + 1 < bytes.count, bytes[i] == 0x5D, bytes[i + 1] == 0x5D, start != nil, end == nil {  // ]]
                end = count; i += 2; continue
            }
            text.append(bytes[i])
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        guard let s = start, let e = end, s < e else {
            throw RuleError(ctx.location(textNode), "rule `\(rule)`: mark the expected span in the example with [[…]], e.g. `增长[[4.2%]]`")
        }
        return RuleExample(location: ctx.location(textNode), note: note, text: String(decoding: text, as: UTF8.self), span: s..<e, expect: expect)
    }

    /// An expected field as the canonical string the checker compares: numbers exactly, ranges as `low..high`.
    static func expectation(_ node: Node, ctx: FileContext, rule: String) throws -> String {
        if let map = node.mapping, let n = map["numerator"]?.string, let d = map["denominator"]?.string {
            return canonicalNumber(n) + "/" + canonicalNumber(d)
        }
        if let map = node.mapping {
            guard let lo = map["low"]?.string, let hi = map["high"]?.string else {
                throw RuleError(ctx.location(node), "rule `\(rule)`: a range value is `{low: …, high: …}`, a ratio `{numerator: …, denominator: …}`")
            }
            return canonicalNumber(lo) + ".." + canonicalNumber(hi)
        }
        guard let s = node.string else { throw RuleError(ctx.location(node), "rule `\(rule)`: expected a scalar") }
        return canonicalNumber(s)
    }

    static func canonicalNumber(_ s: String) -> String {
        if let d = ExactDecimal(Substring(s)), !s.contains(",") { return d.description }
        // Accept 1e10-style values in examples.
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), let m = ExactDecimal(s[..<e]), let p = Int(s[s.index(after: e)...]),
           abs(p) <= 40 {
            return m.shifted(by: p).description
        }
        return s
    }

    static func parseCounterexample(_ node: Node, ctx: FileContext, rule: String) throws -> RuleCounterexample {
        let t = node.mapping?["text"] ?? node
        guard let text = t.string else { throw RuleError(ctx.location(node), "rule `\(rule)`: a `not:` or `todo_not:` entry is a text (or `text:` with a `note:`)") }
        if let keys = node.mapping?.keys.compactMap(\.string), let bad = keys.first(where: { $0 != "text" && $0 != "note" }) {
            throw RuleError(ctx.location(node), "rule `\(rule)`: unknown key `\(bad)` in a `not:` entry: expected text, note")
        }
        return RuleCounterexample(location: ctx.location(t), text: text, note: node.mapping?["note"]?.string)
    }
}
