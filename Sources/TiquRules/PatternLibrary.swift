import PCRE2
import Yams

/// Named reusable sub-patterns (grok's `%{NUMBER}`), referenced from rules as `{{NAME}}`: a syntax that
/// cannot be read as a regex quantifier. A pattern is either a regex (`pattern:`) or a word list
/// (`words:` word → meaning, with a `category:`), which becomes an alternation, longest word first, and
/// also tells the normalizer what each word means.
struct PatternLibrary {
    struct Entry {
        let name: String
        let ctx: FileContext
        let node: Node          // the `pattern:` scalar, or the `words:` mapping
        let text: String
        let generated: Bool     // from `words:`: errors point at the mapping, not at an offset
        var words: [String] = []  // the words of a `words:` list
        var category: String?
        var doc: String?
        var location: SourceLocation { ctx.location(node) }
    }
    private(set) var entries: [String: Entry] = [:]
    /// Sub-patterns that do not compile on their own (`checkEach`), each → the one at fault (itself, or the
    /// broken sub-pattern it uses): a rule using one is left out and named under that one's error.
    var broken: [String: String] = [:]
    private(set) var lexicon = Lexicon()
    /// Whether loading computes the lint's warnings (`RuleLoader.load(warnings:)`); errors always.
    var warnings = true

    mutating func add(_ node: Node, ctx: FileContext, errors: inout [RuleError]) {
        guard let seq = node.sequence else {
            errors.append(RuleError(ctx.location(node), "`patterns:` must be a list of `- name: …` entries"))
            return
        }
        for item in seq {
            guard let map = item.mapping else {
                errors.append(RuleError(ctx.location(item), "a pattern is a mapping with `name:` and `pattern:` or `words:`"))
                continue
            }
            var name: String?
            var pattern: Node?
            var words: Node?
            var category: String?
            var doc: String?
            for (k, v) in map {
                switch k.string {
                case "name": name = v.string
                case "pattern": pattern = v
                case "words": words = v
                case "category": category = v.string
                case "doc": doc = v.string
                default:
                    let keys = ["name", "pattern", "words", "category", "doc"]
                    errors.append(RuleError(ctx.location(k), "unknown key `\(k.string ?? "?")` in a pattern\(NameSuggestion.key(k.string, among: keys)) (a pattern's keys: \(keys.joined(separator: ", ")))"))
                }
            }
            guard let name, Self.isPatternName(name) else {
                errors.append(RuleError(ctx.location(item), "a pattern needs `name:` in CAPITALS (A-Z, 0-9, _), e.g. `name: ARABIC`"))
                continue
            }
            if let dup = entries[name] {
                errors.append(RuleError(ctx.location(item), "pattern `\(name)` is defined twice (first at \(dup.ctx.location(dup.node)))"))
                continue
            }
            if let pattern, let text = pattern.string, words == nil {
                entries[name] = Entry(name: name, ctx: ctx, node: pattern, text: text, generated: false, doc: doc)
            } else if let words, words.mapping != nil, pattern == nil {
                guard let category else {
                    errors.append(RuleError(ctx.location(item), "pattern `\(name)` has `words:` but no `category:` (currency, unit, qualifier, change…)"))
                    continue
                }
                addWords(words, name: name, category: category, ctx: ctx, errors: &errors)
                entries[name]?.doc = doc
            } else {
                errors.append(RuleError(ctx.location(item), "pattern `\(name)` needs exactly one of `pattern:` or `words:`"))
            }
        }
    }

    /// A `words:` list: each word joins the lexicon with its meaning, and the list becomes an alternation,
    /// longest word first.
    mutating func addWords(_ words: Node, name: String, category: String, ctx: FileContext, errors: inout [RuleError]) {
        var list: [(length: Int, word: String)] = []
        // The category's words are taken out and put back, so each word costs one lookup, not two nested.
        var meanings = lexicon.meanings.removeValue(forKey: category) ?? [:]
        defer { if !meanings.isEmpty { lexicon.meanings[category] = meanings } }
        for (w, meaning) in words.mapping ?? [:] {
            guard let word = w.string, !word.isEmpty, let m = meaning.string else {
                errors.append(RuleError(ctx.location(w), "each word maps to its meaning, e.g. `亿元: CNY`"))
                continue
            }
            if let previous = meanings.updateValue(m, forKey: word), previous != m {
                meanings[word] = previous
                errors.append(RuleError(ctx.location(w), "word `\(word)` already means `\(previous)` in category `\(category)`"))
                continue
            }
            list.append((word.unicodeScalars.count, word))
        }
        // Longest first, then in code-point order; each word's length counted once, not per comparison.
        let sorted = list.sorted { ($0.length, $1.word) > ($1.length, $0.word) }.map(\.word)
        let text = sorted.map(Self.escape).joined(separator: "|")
        entries[name] = Entry(name: name, ctx: ctx, node: words, text: text, generated: true, words: sorted, category: category)
    }

    /// `A-Z` first, then `A-Z`, `0-9` or `_`.
    static func isPatternName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard let first = b.first, (0x41...0x5A).contains(first) else { return false }
        return b.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    /// Escapes a literal word for an extended-mode pattern.
    static func escape(_ word: String) -> String {
        var out = ""
        for c in word.unicodeScalars {
            if "\\^$.|?*+()[]{}#/- ".unicodeScalars.contains(c) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// A pattern with every `{{NAME}}` expanded (as a non-capturing group), and where each piece came from.
    struct Expansion {
        var bytes: [UInt8] = []
        /// (start in `bytes`, origin) for each copied piece, in order.
        var pieces: [(start: Int, origin: Origin)] = []
        /// Every sub-pattern expanded into it, directly or through another.
        var used: Set<String> = []
        enum Origin {
            case source(ctx: FileContext, node: Node, offset: Int)
            case generated(SourceLocation)
        }
        var text: String { String(decoding: bytes, as: UTF8.self) }

        /// The rule-file location of byte `offset` of the expanded pattern.
        func location(ofByte offset: Int) -> SourceLocation? {
            guard let piece = pieces.last(where: { $0.start <= offset }) ?? pieces.first else { return nil }
            switch piece.origin {
            case .source(let ctx, let node, let base): return ctx.location(ofByte: base + max(0, offset - piece.start), in: node)
            case .generated(let loc): return loc
            }
        }
    }

    func expand(_ text: String, ctx: FileContext, node: Node, generated: Bool = false, into out: inout Expansion, stack: [String] = []) throws {
        let src = Array(text.utf8)
        var i = 0
        var pieceStart = 0
        func beginPiece(at offset: Int) {
            out.pieces.append((out.bytes.count, generated ? .generated(ctx.location(node)) : .source(ctx: ctx, node: node, offset: offset)))
        }
        beginPiece(at: 0)
        while i < src.count {
            if src[i] == UInt8(ascii: "\\") { i += 2; continue }  // an escaped character is never a reference
            guard src[i] == UInt8(ascii: "{"), i + 1 < src.count, src[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            var j = i + 2
            while j < src.count, src[j] == UInt8(ascii: "_") || (0x30...0x39).contains(src[j]) || (0x41...0x5A).contains(src[j]) { j += 1 }
            // Where the reference stands, computed only for an error message.
            func where_() -> SourceLocation { generated ? ctx.location(node) : ctx.location(ofByte: i, in: node) }
            guard j > i + 2, j + 1 < src.count, src[j] == UInt8(ascii: "}"), src[j + 1] == UInt8(ascii: "}") else {
                throw RuleError(where_(), "`{{` starts a pattern reference like `{{NUMBER}}` (CAPITALS); write `\\{` for a literal brace")
            }
            let name = String(decoding: src[(i + 2)..<j], as: UTF8.self)
            guard let entry = entries[name] else {
                throw RuleError(where_(), "unknown pattern `{{\(name)}}`; \(NameSuggestion.didYouMean(name, among: Array(entries.keys)))")
            }
            if stack.contains(name) {
                throw RuleError(where_(), "pattern `{{\(name)}}` refers to itself through \((stack + [name]).joined(separator: " → "))")
            }
            if let root = broken[name] { throw BrokenPattern(root: root) }
            out.used.insert(name)
            out.bytes.append(contentsOf: src[pieceStart..<i])
            out.bytes.append(contentsOf: Array("(?:".utf8))
            try expand(entry.text, ctx: entry.ctx, node: entry.node, generated: entry.generated, into: &out, stack: stack + [name])
            out.bytes.append(UInt8(ascii: ")"))
            i = j + 2
            pieceStart = i
            beginPiece(at: i)
        }
        out.bytes.append(contentsOf: src[pieceStart..<min(src.count, max(pieceStart, src.count))])
    }
}
