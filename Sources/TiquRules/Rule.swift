import PCRE2
import TiquText

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

/// A problem with a rule file: what, where, and (in the message) what to do. An error leaves the rule (or
/// the rules using a broken sub-pattern) out and makes the run exit 2; a warning loads and only fails
/// `rules lint --strict`. Notes say what else the problem touches (the rules using a broken sub-pattern).
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public let location: SourceLocation
    public let message: String
    public let severity: Severity
    public let notes: [String]
    public init(_ location: SourceLocation, _ message: String, severity: Severity = .error, notes: [String] = []) {
        self.location = location
        self.message = message
        self.severity = severity
        self.notes = notes
    }
    /// `file:line:col: error: message`, then one indented `note:` line per note.
    public var description: String {
        (["\(location): \(severity.rawValue): \(message)"] + notes.map { "    note: \($0)" }).joined(separator: "\n")
    }
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
    /// The example's `note:`, shown when it fails.
    public let note: String?
    /// The text without the markers.
    public let text: String
    /// Expected span in Unicode scalars of `text`.
    public let span: Range<Int>
    /// Expected fields (`value`, `unit`, `qualifier`, `change`, …), as they appear in the record's JSON.
    public let expect: [String: String]
}

/// A must-not-match example (`not:`), or a known false hit (`todo_not:`: the rule matches it today, which is
/// reported but does not fail).
public struct RuleCounterexample: Sendable {
    public let location: SourceLocation
    public let text: String
    public let note: String?
}

/// One compiled rule, shared by reference: every match carries the rule that made it, so later stages read
/// its kind, unit and id without the whole rule list.
public final class Rule: Sendable {
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
    /// The pattern fully expanded (what PCRE2 compiles; what `rules export --pcre` prints).
    public let expanded: String
    /// The pattern as written in the rule file, `{{NAME}}` references and all.
    public let source: String
    public let regex: Regex
    public let location: SourceLocation
    /// Structure scope: the rule applies only inside (or only outside) points whose heading matches.
    public let inside: Regex?
    public let outside: Regex?
    /// Characters of which every sentence where the rule matches holds at least one (`prefilter:`): the
    /// rule runs only over sentences that contain one. Nil: the rule runs over the whole text.
    public let prefilter: Set<Unicode.Scalar>?
    /// Words of which every sentence where the rule matches holds one whole (`prefilter_words:`, word lists
    /// and words): a finer prefilter for rules whose characters are everywhere (`动`, `要` end head nouns);
    /// when given, the match stage keys on these instead of `prefilter`. Nil: none declared.
    public let prefilterWords: [String]?
    /// The pattern the candidate pass (Vectorscan) scans for instead of `expanded` (`candidate:`, expanded):
    /// a cheaper necessary condition that matches wherever a match of the rule ends. PCRE2 never runs it.
    public let candidate: String?
    /// For damage rules (`kind: flag`): the kinds whose matches may overlap a flagged place (`allows:`),
    /// e.g. a project name holding a redaction mark (《**方案》).
    public let allows: Set<ExtractionKind>
    public let examples: [RuleExample]
    public let counterexamples: [RuleCounterexample]
    /// Known misses (`gaps:`): examples with a marked span the rule does not give yet; run, reported, not failing.
    public let gaps: [RuleExample]
    /// Known false hits (`todo_not:`): texts the rule matches but should not; run, reported, not failing.
    public let falseHits: [RuleCounterexample]
    /// The characters the pattern's matches are made of (`MatchAlphabet`), read once here for the candidate
    /// pass and the match stage's searches; nil when any character may be in a match.
    package let alphabet: MatchAlphabet?

    struct Fields {
        var id: String, kind: ExtractionKind, subtype: String?, priority = 0, unit: String?, value: String?, inferred = false
        var expanded = "", source = "", location: SourceLocation
        var inside: Regex?, outside: Regex?, prefilter: Set<Unicode.Scalar>?, prefilterWords: [String]?, allows = Set<ExtractionKind>()
        var candidate: String?
        var examples: [RuleExample] = [], counterexamples: [RuleCounterexample] = [], gaps: [RuleExample] = []
        var falseHits: [RuleCounterexample] = []
    }

    /// `alphabet` is read from the pattern when not given (`.none`); the compiled-rules cache gives it.
    init(_ f: Fields, regex: Regex, alphabet: MatchAlphabet?? = .none) {
        self.alphabet = alphabet ?? MatchAlphabet.of(regex.pattern, extended: regex.options.contains(.extended))
        id = f.id; kind = f.kind; subtype = f.subtype; priority = f.priority; unit = f.unit; value = f.value
        inferred = f.inferred; expanded = f.expanded; source = f.source; self.regex = regex; location = f.location
        inside = f.inside; outside = f.outside; prefilter = f.prefilter; prefilterWords = f.prefilterWords; allows = f.allows; candidate = f.candidate
        examples = f.examples; counterexamples = f.counterexamples; gaps = f.gaps; falseHits = f.falseHits
    }
}

/// Everything loaded from a rules directory: the rules of each stage and the words the code reads.
public struct RuleSet: Sendable {
    /// Extraction rules (money, percent, quantity, multiple, date, project), sorted by id.
    public let rules: [Rule]
    /// Clean-stage rules: debris removed (`remove`) and damage flagged (`flag`).
    public let removalRules: [Rule]
    public let flagRules: [Rule]
    public let lexicon: Lexicon
    /// The cue words and structure patterns the stages read, from `rules/patterns/context.yaml` and
    /// `rules/structure/`; nil only when the rules folder lacks them (reported as a load error).
    public let context: ContextWords?
    public let structure: StructurePatterns?
    public let clean: CleanWords?

    /// Every rule of every stage.
    public var all: [Rule] { rules + removalRules + flagRules }
    /// Rules written in the files that did not load because of an error, by id, where each is written: so a
    /// command asked for one says so instead of "no such rule".
    public var notLoaded: [String: SourceLocation] = [:]

    /// Why `id` names no loaded rule: it did not load (and where it is), or the nearest ids.
    public func unknownRule(_ id: String) -> String {
        if let at = notLoaded[id] { return "rule `\(id)` (\(at)) did not load because of an error reported above; fix that first" }
        return "no rule `\(id)`; " + NameSuggestion.didYouMean(id, among: all.map(\.id), listedBy: "`tiqu rules lint` lists the rules")
    }
}
