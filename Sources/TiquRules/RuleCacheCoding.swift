import PCRE2
import TiquText

/// A loaded `RuleSet` as bytes and back (`RuleCache`): every field of every rule, the lexicon and the
/// structure patterns; each pattern with what PCRE2 said of it (`Regex.Info`), so that it is compiled
/// only at its first match. The word lists the stages read are rebuilt from the lexicon, as at load.
/// Locations name their rule file relative to the rules folder and are turned back into what the
/// loader prints (`RuleLoader.displayPath`) when read, so a cache written from one working directory
/// reads right from another.
struct RuleSetCoding {
    /// Display path → path relative to the rules folder (for writing).
    var relative: [String: String] = [:]

    // MARK: writing

    func write(_ set: RuleSet, into w: inout CacheWriter) {
        w.list(set.rules) { w, r in rule(r, into: &w) }
        w.list(set.removalRules) { w, r in rule(r, into: &w) }
        w.list(set.flagRules) { w, r in rule(r, into: &w) }
        w.list(set.lexicon.meanings.sorted { $0.key < $1.key }) { w, kv in w.string(kv.key); w.strings(kv.value) }
        let structure = set.structure?.compiled ?? [:]
        w.list(StructurePatterns.patternNames) { w, name in w.optional(structure[name]) { w, r in regex(r, into: &w) } }
    }

    func rule(_ r: Rule, into w: inout CacheWriter) {
        w.string(r.id); w.string(r.kind.rawValue); w.optional(r.subtype) { $0.string($1) }; w.int(r.priority)
        w.optional(r.unit) { $0.string($1) }; w.optional(r.value) { $0.string($1) }; w.bool(r.inferred)
        w.string(r.source); regex(r.regex, into: &w); location(r.location, into: &w)
        w.optional(r.inside) { w, x in regex(x, into: &w) }; w.optional(r.outside) { w, x in regex(x, into: &w) }
        w.optional(r.prefilter.map { $0.map(\.value).sorted() }) { w, s in w.list(s) { $0.uint(UInt64($1)) } }
        w.optional(r.prefilterWords) { w, s in w.list(s) { $0.string($1) } }
        w.optional(r.candidate) { $0.string($1) }
        w.list(r.allows.map(\.rawValue).sorted()) { $0.string($1) }
        for list in [r.examples, r.gaps] { w.list(list) { w, e in example(e, into: &w) } }
        for list in [r.counterexamples, r.falseHits] {
            w.list(list) { w, c in location(c.location, into: &w); w.string(c.text); w.optional(c.note) { $0.string($1) } }
        }
        // The alphabet's non-empty 64-bit words, by index.
        w.optional(r.alphabet) { w, a in
            w.list(a.bits.indices.filter { a.bits[$0] != 0 }) { w, i in w.uint(UInt64(i)); w.uint(a.bits[i]) }
        }
    }

    func regex(_ r: Regex, into w: inout CacheWriter) {
        w.string(r.pattern); w.uint(UInt64(r.options.rawValue))
        w.int(r.captureCount); w.int(r.minLength)
        w.list(r.groupNumbers.sorted { $0.key < $1.key }) { w, kv in w.string(kv.key); w.int(kv.value) }
    }

    func location(_ l: SourceLocation, into w: inout CacheWriter) {
        // A file inside the folder is written relative to it (flag 1), anything else as it is.
        if let rel = relative[l.file] { w.bool(true); w.string(rel) } else { w.bool(false); w.string(l.file) }
        w.int(l.line); w.int(l.column)
    }

    func example(_ e: RuleExample, into w: inout CacheWriter) {
        location(e.location, into: &w); w.optional(e.note) { $0.string($1) }; w.string(e.text)
        w.int(e.span.lowerBound); w.int(e.span.upperBound); w.strings(e.expect)
    }

    // MARK: reading

    /// `displayPath` turns a path relative to the rules folder into what the loader prints today.
    func read(_ r: inout CacheReader, displayPath: (String) -> String) throws -> RuleSet {
        let rules = try r.list { try rule(&$0, displayPath) }
        let removal = try r.list { try rule(&$0, displayPath) }
        let flags = try r.list { try rule(&$0, displayPath) }
        var lexicon = Lexicon()
        for (k, v) in try r.list({ r in (try r.string(), try r.strings()) }) { lexicon.meanings[k] = v }
        var compiled: [String: Regex] = [:]
        let structure = try r.list { try $0.optional { try regex(&$0) } }
        for (name, x) in zip(StructurePatterns.patternNames, structure) { compiled[name] = x }
        guard r.atEnd, compiled.count == StructurePatterns.patternNames.count, let context = ContextWords.load(lexicon).0
        else { throw CacheFormatError() }
        return RuleSet(rules: rules, removalRules: removal, flagRules: flags, lexicon: lexicon, context: context,
                       structure: StructurePatterns(compiled: compiled, lexicon: lexicon),
                       clean: CleanWords(numberContinues: ScalarSet(lexicon.words(in: "number_continues"))))
    }

    func rule(_ r: inout CacheReader, _ displayPath: (String) -> String) throws -> Rule {
        let id = try r.string()
        guard let kind = ExtractionKind(rawValue: try r.string()) else { throw CacheFormatError() }
        let subtype = try r.optional { try $0.string() }
        let priority = try r.int()
        var f = Rule.Fields(id: id, kind: kind, subtype: subtype, unit: try r.optional { try $0.string() },
                            value: try r.optional { try $0.string() }, location: SourceLocation(file: "", line: 0, column: 0))
        f.priority = priority
        f.inferred = try r.bool()
        f.source = try r.string()
        let re = try regex(&r)
        f.expanded = re.pattern
        f.location = try location(&r, displayPath)
        f.inside = try r.optional { try regex(&$0) }
        f.outside = try r.optional { try regex(&$0) }
        f.prefilter = try r.optional { r in Set(try r.list { r in try scalar(try r.uint()) }) }
        f.prefilterWords = try r.optional { r in try r.list { try $0.string() } }
        f.candidate = try r.optional { try $0.string() }
        for raw in try r.list({ try $0.string() }) {
            guard let k = ExtractionKind(rawValue: raw) else { throw CacheFormatError() }
            f.allows.insert(k)
        }
        f.examples = try r.list { try example(&$0, displayPath) }
        f.gaps = try r.list { try example(&$0, displayPath) }
        f.counterexamples = try r.list { try counterexample(&$0, displayPath) }
        f.falseHits = try r.list { try counterexample(&$0, displayPath) }
        let alphabet = try r.optional { r in try self.alphabet(&r) }
        return Rule(f, regex: re, alphabet: .some(alphabet))
    }

    func alphabet(_ r: inout CacheReader) throws -> MatchAlphabet {
        var bits = [UInt64](repeating: 0, count: 1024)
        for _ in 0..<(try r.count()) {
            let i = Int(try r.uint())
            guard i < bits.count else { throw CacheFormatError() }
            bits[i] = try r.uint()
        }
        return MatchAlphabet(bits: bits)
    }

    func scalar(_ v: UInt64) throws -> Unicode.Scalar {
        guard v <= UInt64(UInt32.max), let s = Unicode.Scalar(UInt32(v)) else { throw CacheFormatError() }
        return s
    }

    func regex(_ r: inout CacheReader) throws -> Regex {
        let pattern = try r.string()
        let options = Regex.Options(rawValue: UInt32(truncatingIfNeeded: try r.uint()))
        let captures = try r.int(), minLength = try r.int()
        var groups: [String: Int] = [:]
        for (k, v) in try r.list({ r in (try r.string(), try r.int()) }) { groups[k] = v }
        guard captures >= 0, minLength >= 0, groups.values.allSatisfy({ $0 >= 1 && $0 <= captures }) else { throw CacheFormatError() }
        return Regex(pattern: pattern, options: options, info: Regex.Info(captureCount: captures, groupNumbers: groups, minLength: minLength))
    }

    func location(_ r: inout CacheReader, _ displayPath: (String) -> String) throws -> SourceLocation {
        let inside = try r.bool()
        let file = try r.string()
        return SourceLocation(file: inside ? displayPath(file) : file, line: try r.int(), column: try r.int())
    }

    func example(_ r: inout CacheReader, _ displayPath: (String) -> String) throws -> RuleExample {
        let loc = try location(&r, displayPath)
        let note = try r.optional { try $0.string() }
        let text = try r.string()
        let lower = try r.int(), upper = try r.int()
        guard lower <= upper else { throw CacheFormatError() }
        return RuleExample(location: loc, note: note, text: text, span: lower..<upper, expect: try r.strings())
    }

    func counterexample(_ r: inout CacheReader, _ displayPath: (String) -> String) throws -> RuleCounterexample {
        RuleCounterexample(location: try location(&r, displayPath), text: try r.string(), note: try r.optional { try $0.string() })
    }
}
