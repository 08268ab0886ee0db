import PCRE2

/// A place in a rule file, 1-based, columns in Unicode scalars (as editors count them).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem with a rule file: what, where, and (in the message) what to do.
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String
    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }
    public var description: String { "\(location): error: \(message)" }
}

/// The kinds of extraction of EXTRACTION.md, plus the clean stage's: `remove` (debris) and `flag` (damage
/// such as mojibake and redaction marks: reported, and no extraction overlapping it).
public enum ExtractionKind: String, Sendable, CaseIterable {
    case money, percent, percentage_point, quantity, multiple, date, project
    case remove, flag

    /// Kinds that produce records.
    public var isExtraction: Bool { self != .remove && self != .flag }
}

/// A must-match example: the text with the expected span marked `[[…]]`, and what it must normalize to.
public struct RuleExample: Sendable {
    public let location: SourceLocation
    /// The text without the markers.
    public let text: String
    /// Expected span in Unicode scalars of `text`.
    public let span: Range<Int>
    /// Expected fields (`value`, `unit`, `qualifier`, `change`, …), as they appear in the record's JSON.
    public let expect: [String: String]
}

/// A must-not-match example (or a known gap, which is reported but does not fail).
public struct RuleCounterexample: Sendable {
    public let location: SourceLocation
    public let text: String
}

/// One compiled rule.
public struct Rule: Sendable {
    public let id: String
    public let kind: ExtractionKind
    public let subtype: String?
    /// Breaks ties between overlapping matches of the same length: higher wins.
    public let priority: Int
    /// A canonical unit fixed by the rule (`%`, `pp`, `x`, or `CNY` for bare `亿` amounts).
    public let unit: String?
    /// A value fixed by the rule (`翻一番` → 2).
    public let value: String?
    /// True when the rule fills in a unit the text does not write (`1500亿` in a money context).
    public let inferred: Bool
    /// The pattern as written and fully expanded (what PCRE2 compiles; what `rules export --pcre` prints).
    public let source: String
    public let expanded: String
    public let regex: Regex
    public let location: SourceLocation
    /// Structure scope: the rule applies only inside (or only outside) points whose heading matches.
    public let inside: Regex?
    public let outside: Regex?
    /// Characters of which every sentence where the rule matches holds at least one (`prefilter:`): the
    /// rule runs only over sentences that contain one. Nil: the rule runs over the whole text.
    public let prefilter: Set<Unicode.Scalar>?
    /// For damage rules (`kind: flag`): the kinds whose matches may overlap a flagged place (`allows:`),
    /// e.g. a project name holding a redaction mark (《**方案》).
    public let allows: Set<ExtractionKind>
    public let examples: [RuleExample]
    public let counterexamples: [RuleCounterexample]
    public let gaps: [RuleCounterexample]
}

/// Everything loaded from a rules directory.
public struct RuleSet: Sendable {
    public let rules: [Rule]
    public let removalRules: [Rule]
    public let flagRules: [Rule]
    public let lexicon: Lexicon
}

/// What the words of the pattern library mean: unit text → canonical unit, qualifier → its class, and so
/// on. Built from the `words:` of named patterns, so a word is defined once and both matched and understood.
public struct Lexicon: Sendable {
    /// category (`currency`, `unit`, `qualifier`, `change`) → word → meaning.
    public var meanings: [String: [String: String]] = [:]

    public func meaning(of word: String, in category: String) -> String? { meanings[category]?[word] }

    /// Words of a category, longest first (for suffix and prefix scans).
    public func words(in category: String) -> [String] {
        (meanings[category] ?? [:]).keys.sorted { ($0.unicodeScalars.count, $1) > ($1.unicodeScalars.count, $0) }
    }
}
