import TiquMatch
import TiquNumbers
import TiquRules

/// A normalized value: a number, a range of numbers, an exact ratio (`三分之一`, `2/3`), or (dates) an
/// ISO-like text.
public enum ExtractedValue: Sendable, Equatable {
    case number(ExactDecimal)
    case range(low: ExactDecimal, high: ExactDecimal)
    /// A fraction kept as written, never rounded: 三分之一 is 1/3, not 0.333….
    case ratio(numerator: ExactDecimal, denominator: ExactDecimal)
    case text(String)
    case textRange(low: String, high: String)

    /// The canonical string the rule examples compare against: numbers exactly, ranges as `low..high`.
    public var canonical: String {
        switch self {
        case .number(let d): return d.description
        case .range(let l, let h): return "\(l)..\(h)"
        case .ratio(let n, let d): return "\(n)/\(d)"
        case .text(let t): return t
        case .textRange(let l, let h): return "\(l)..\(h)"
        }
    }
}

/// What the normalize stage hands on: what one match means (docs/RECORDS.md, "Values"). Ranges are
/// cleaned bytes; the emit stage maps them to the file.
public struct Extraction: Sendable {
    public let match: RuleMatch
    public var kind: ExtractionKind { match.rule.kind }
    public var value: ExtractedValue?
    public var unit: String?
    /// Cleaned range of the unit as written (mapped to the original text at emit time).
    public var unitRange: Range<Int>?
    public var qualifier: String?
    public var change: String?
    public var yoy = false
    /// `up` or `down` when a verb gives one: with `change` for an amount of change (`增长5%`), alone for a
    /// level reached (`上升至87.2%`, `提高到60%`), whose `change` is nil.
    public var direction: String?
    /// For `从A提高到B`: on B, the value of A; on A, the value of B.
    public var from: ExtractedValue?
    public var to: ExtractedValue?
    /// The comparison base when written: `previous_year` (`比上年`), `yoy` (`同比`), or a year (`比2010年`).
    public var base: String?
    /// The period was resolved against a document year inferred from the text (no title, date line or `--year`).
    public var periodInferred = false
    /// Where the years that give the period may start (B of `从2007年的A提高到去年的B`: after the verb),
    /// and whether the indicator was taken from the number before (a clause of verbs only).
    var periodFloor: Int?
    /// A year written bare before the number (B of `由2002年7703元增加到2007年13786元`: no date record).
    var ownYear: Int?
    /// For B of 由上年A增加到B, whether only A's time (上年) decided B's modality (`ContextReader.read`).
    var modalityFromA = false
    var indicatorInherited = false
    /// The value of the comparison base itself (`比一九五二年的二百七十亿元`): no `base`, the base's year its period,
    /// and, like a number with a base, it speaks of what the number before measures.
    var baseValue = false
    public var inferred = false
    /// What the number is about (`地区生产总值`), whether it is an aim or a result, and the year it belongs to.
    public var indicator: String?
    /// Cleaned range of the indicator as written (for a `分别` subject given the list's shared tail, the
    /// subject alone); mapped to the original file at emit time.
    public var indicatorRange: Range<Int>?
    public var modality: String?
    public var period: String?
    /// The last year of a period that is a span (`过去五年`, `“十四五”`): `period` is then its first year.
    public var periodEnd: String?
    /// Problems that made a value unreadable (kept on the record rather than dropped silently).
    public var note: String?

    public init(match: RuleMatch) {
        self.match = match
        inferred = match.rule.inferred
    }
}
