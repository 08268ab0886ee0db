import TiquNormalize
import TiquRules
import TiquText

/// One line of output (docs/RECORDS.md). All offsets are original ones: the emit stage is
/// where the offset map is asked, once per span.
public struct Record: Sendable, Equatable {
    public let doc: String
    public let rule: String
    public let kind: ExtractionKind
    public let subtype: String?
    public let text: String
    public let span: OriginalSpan
    public let value: ExtractedValue?
    public let unit: String?
    public let unitText: String?
    public let qualifier: String?
    public let change: String?
    public let indicator: String?
    public let modality: String?
    public let period: String?
    public let yoy: Bool
    public let from: ExtractedValue?
    public let inferred: Bool
    /// `up`/`down` (a change or a level reached), B's value on A of `从A提高到B`, the comparison base, and
    /// whether the period was resolved against an inferred document year (docs/RECORDS.md).
    public var direction: String?
    public var to: ExtractedValue?
    public var base: String?
    public var periodInferred = false
    /// The indicator as written in the file (docs/RECORDS.md, `indicator_span`), and the last year of a
    /// period that is a span of years (`period` is then `{"low","high"}`).
    public var indicatorSpan: OriginalSpan? = nil
    public var periodEnd: String? = nil
    public let note: String?
    public let pointPath: [String]
    public let pointSpan: OriginalSpan
    /// 1-based index of the speech holding the match, when the document has speech title lines.
    public let pointSpeech: Int?
    public let sentence: OriginalSpan?
    /// For a project: the money and date records of the same sentence, by kind and span, so analysts can
    /// join a project to its investment and its dates.
    public var links: [Link] = []
    /// The sentence's text as in the decoded file (`--context` and the table only; nil otherwise).
    public var sentenceText: String? = nil
    /// The heading text of the innermost point, as in the decoded file (the table only; nil otherwise).
    public var pointHeading: String? = nil

    public struct Link: Sendable, Equatable {
        public let kind: ExtractionKind
        public let span: OriginalSpan
    }
}

