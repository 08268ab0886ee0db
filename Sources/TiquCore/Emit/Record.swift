/// One line of output (EXTRACTION.md, "The record"). All offsets are original ones: the emit stage is
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
    public let note: String?
    public let pointPath: [String]
    public let pointSpan: OriginalSpan
    /// 1-based index of the speech holding the match, when the document has speech title lines.
    public let pointSpeech: Int?
    public let sentence: OriginalSpan?
    /// For a project: the money and date records of the same sentence, by kind and span, so analysts can
    /// join a project to its investment and its dates.
    public var links: [Link] = []

    public struct Link: Sendable, Equatable {
        public let kind: ExtractionKind
        public let span: OriginalSpan
    }
}

/// Builds records from extractions, mapping every cleaned range back to the original file.
public enum Emitter {
    public static func records(doc: String, extractions: [Extraction], rules: [Rule], decoded: DecodedText,
                               clean: CleanText, segmentation: Segmentation) -> [Record] {
        var out: [Record] = []
        out.reserveCapacity(extractions.count)
        for e in extractions {
            let rule = rules[e.match.ruleIndex]
            let span = clean.map.original(e.match.range)
            let point = segmentation.point(containing: e.match.range)
            out.append(Record(
                doc: doc, rule: rule.id, kind: rule.kind, subtype: rule.subtype,
                text: decoded.text(span.char), span: span,
                value: e.value, unit: e.unit,
                unitText: e.unitRange.map { decoded.text(clean.map.original($0).char) },
                qualifier: e.qualifier, change: e.change, indicator: e.indicator, modality: e.modality, period: e.period, yoy: e.yoy, from: e.from, inferred: e.inferred, note: e.note,
                pointPath: point.path, pointSpan: clean.map.original(point.range), pointSpeech: point.speech,
                sentence: segmentation.sentence(containing: e.match.range.lowerBound).map { clean.map.original($0) }))
        }
        // A project lists the money and date records of its sentence.
        var bySentence: [OriginalSpan: [Record.Link]] = [:]
        for r in out where r.kind == .money || r.kind == .date {
            if let s = r.sentence { bySentence[s, default: []].append(Record.Link(kind: r.kind, span: r.span)) }
        }
        for i in out.indices where out[i].kind == .project {
            guard let sentence = out[i].sentence, let links = bySentence[sentence] else { continue }
            out[i].links = links.sorted { $0.span.byte.lowerBound < $1.span.byte.lowerBound }
        }
        // EXTRACTION.md order: by start offset, then rule id (documents are ordered by the driver).
        out.sort { ($0.span.byte.lowerBound, $0.rule, $0.span.byte.upperBound) < ($1.span.byte.lowerBound, $1.rule, $1.span.byte.upperBound) }
        return out
    }
}
