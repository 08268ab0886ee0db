import Foundation
import TiquEmit
import TiquNumbers
import TiquRules
import TiquText

/// Which rules fire over a folder of documents, which never do, and the numbers no rule read: a number
/// (Arabic digits, or two or more Chinese numeral characters) right before a unit-like character (a Han
/// character or a symbol such as `%` or `℃`) that no record covers, grouped by that character, most
/// frequent first. What `tiqu rules coverage` prints, and where an author looks for the next rule.
public struct Coverage: Codable, Sendable {
    public struct RuleUse: Codable, Sendable {
        public let id: String
        public var records = 0
        public var documents = 0
        /// A few records as `doc: «text»`.
        public var examples: [String] = []
    }
    public struct Miss: Codable, Sendable {
        public let follows: String
        public var count = 0
        /// A few places as `doc: …context…`.
        public var examples: [String] = []
    }
    public var documents = 0
    public var rules: [RuleUse] = []
    public var neverFired: [String] = []
    public var likelyMisses: [Miss] = []
    /// Documents that could not be read or decoded (not counted), as `doc: severity: message`.
    public var skipped: [String] = []

    enum CodingKeys: String, CodingKey {
        case documents, rules, neverFired = "never_fired", likelyMisses = "likely_misses", skipped
    }

    static let shown = 3

    public static func measure(_ files: [InputFile], pipeline: Pipeline) -> Coverage {
        var c = Coverage()
        var uses = Dictionary(uniqueKeysWithValues: pipeline.ruleSet.rules.map { ($0.id, RuleUse(id: $0.id)) })
        var misses: [String: Miss] = [:]
        let scratch = Scratch()
        for f in files {
            guard let data = FileManager.default.contents(atPath: f.path) else {
                c.skipped.append("\(f.doc): error: cannot read the file")
                continue
            }
            let doc = SourceDocument(path: f.doc, bytes: [UInt8](data))
            guard let s = try? pipeline.run(doc, scratch: scratch) else {
                // Said the way `tiqu run` says it (a binary or empty file, an encoding that fails).
                c.skipped += pipeline.process(doc, scratch: scratch).diagnostics.map { $0.formatted(file: f.doc) }
                continue
            }
            c.documents += 1
            for id in Set(s.records.map(\.rule)) { uses[id]?.documents += 1 }
            for r in s.records {
                uses[r.rule]?.records += 1
                if uses[r.rule]!.examples.count < shown { uses[r.rule]?.examples.append("\(f.doc): «\(r.text)»") }
            }
            for (follows, context) in unread(s) {
                misses[follows, default: Miss(follows: follows)].count += 1
                if misses[follows]!.examples.count < shown { misses[follows]?.examples.append("\(f.doc): …\(context)…") }
            }
        }
        c.rules = uses.values.sorted { $0.id < $1.id }
        c.neverFired = c.rules.filter { $0.records == 0 }.map(\.id)
        c.likelyMisses = misses.values.sorted { ($1.count, $0.follows) < ($0.count, $1.follows) }
        return c
    }

    /// The numbers of one document no record covers, each with the character after it and its context.
    static func unread(_ s: Pipeline.Stages) -> [(String, String)] {
        let text = s.decoded.scalars
        let covered = s.records.map(\.span.char)
        var out: [(String, String)] = []
        var i = 0
        while i < text.count {
            guard isNumber(text[i]) else { i += 1; continue }
            let start = i
            var arabic = false
            while i < text.count, isNumber(text[i]) || (i + 1 < text.count && ".,".unicodeScalars.contains(text[i]) && isArabic(text[i + 1])) {
                arabic = arabic || isArabic(text[i])
                i += 1
            }
            guard i < text.count, arabic || i - start >= 2, isUnitLike(text[i]) else { continue }
            let run = start..<(i + 1)
            guard !covered.contains(where: { $0.overlaps(run) }) else { continue }
            let context = String(String.UnicodeScalarView(text[max(0, start - 8)..<min(text.count, i + 5)]))
                .replacingOccurrences(of: "\n", with: " ")
            out.append((String(text[i]), context))
        }
        return out
    }

    static func isArabic(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) || (0xFF10...0xFF19).contains(c.value) }
    static func isNumber(_ c: Unicode.Scalar) -> Bool { isArabic(c) || Numerals.isChineseNumeral(c) }
    static func isUnitLike(_ c: Unicode.Scalar) -> Bool {
        if isNumber(c) { return false }
        if c.properties.isIdeographic { return true }
        switch c.properties.generalCategory {
        case .otherSymbol, .currencySymbol, .mathSymbol: return true
        default: return "%‰".unicodeScalars.contains(c) || c.value == 0xFF05
        }
    }
}
