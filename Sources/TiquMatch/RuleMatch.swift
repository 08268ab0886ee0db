import TiquRules
import TiquText

/// What the match stage hands on: one rule's match in the cleaned text, its range and named groups in
/// cleaned UTF-8 bytes, and the rule that made it (so later stages need no rule list).
public struct RuleMatch: Sendable {
    public let rule: Rule
    public let range: Range<Int>
    public let groups: [String: Range<Int>]
    /// The rule's place in the rule set (rules are sorted by id): ties in document order break on it.
    package let order: Int

    package init(rule: Rule, order: Int, range: Range<Int>, groups: [String: Range<Int>]) {
        self.rule = rule
        self.order = order
        self.range = range
        self.groups = groups
    }
}

/// The matches of a document (or of one part of it), and the rules that stopped on it.
public struct MatchResult: Sendable {
    public let matches: [RuleMatch]
    public let diagnostics: [Diagnostic]
}
