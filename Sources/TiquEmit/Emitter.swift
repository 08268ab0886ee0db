import TiquClean
import TiquNormalize
import TiquSegment
import TiquText

/// The emit stage: `[Extraction]` → `[Record]`, mapping every cleaned range back to the original file
/// through the offset map (the only place where offsets change units).
public enum Emitter {
    /// With `context`, each record also carries its sentence's text and its point's heading (the table,
    /// `--context`): looked up only then, as they cost a string per record.
    public static func records(doc: String, extractions: [Extraction], decoded: DecodedText,
                               clean: CleanText, segmentation: Segmentation, context: Bool = false) -> [Record] {
        var out: [Record] = []
        out.reserveCapacity(extractions.count)
        // Records of one sentence (and one point) follow one another: each one's original span is mapped
        // once, not once a record (the map walks up to 63 scalars from a checkpoint for each end).
        var sentences = LastSpan(), points = LastSpan()
        var sentenceRange: Range<Int>?
        // By index, each field read where it lies: `for e in extractions` copies every extraction (a
        // retain and a release for each of its strings and arrays).
        for i in extractions.indices {
            let rule = extractions[i].match.rule
            let range = extractions[i].match.range
            let span = clean.map.original(range)
            let point = segmentation.point(containing: range)
            // The last record's sentence when it holds this one too (sentences are disjoint: it is the one).
            if !(sentenceRange?.contains(range.lowerBound) ?? false) { sentenceRange = segmentation.sentence(containing: range.lowerBound) }
            let sentence = sentenceRange.map { sentences.original($0, clean.map) }
            // One initializer, appended as made: a record set field by field after it and then appended was
            // copied (a retain for each of its strings) and destroyed.
            out.append(Record(
                doc: doc, rule: rule.id, kind: rule.kind, subtype: rule.subtype,
                text: decoded.text(span), span: span,
                value: extractions[i].value, unit: extractions[i].unit,
                unitText: extractions[i].unitRange.map { decoded.text(clean.map.original($0)) },
                qualifier: extractions[i].qualifier, change: extractions[i].change, indicator: extractions[i].indicator,
                modality: extractions[i].modality, period: extractions[i].period, yoy: extractions[i].yoy, from: extractions[i].from,
                inferred: extractions[i].inferred, direction: extractions[i].direction, to: extractions[i].to,
                base: extractions[i].base, periodInferred: extractions[i].periodInferred,
                indicatorSpan: extractions[i].indicatorRange.map { clean.map.original($0) }, periodEnd: extractions[i].periodEnd,
                note: extractions[i].note,
                pointPath: point.path, pointSpan: points.original(point.range, clean.map), pointSpeech: point.speech,
                sentence: sentence,
                sentenceText: context ? sentence.map { decoded.text($0) } : nil,
                pointHeading: context ? point.heading.map { decoded.text(clean.map.original($0)) } : nil))
        }
        // A project lists the money and date records of its sentence (a document without projects has none).
        if out.contains(where: { $0.kind == .project }) { link(&out) }
        // docs/RECORDS.md, "Order": by start offset, then rule id (documents are ordered by the driver).
        out.sort { ($0.span.byte.lowerBound, $0.rule, $0.span.byte.upperBound) < ($1.span.byte.lowerBound, $1.rule, $1.span.byte.upperBound) }
        return out
    }

    /// Each project's links: the money and date records of its sentence, by start.
    static func link(_ out: inout [Record]) {
        var bySentence: [OriginalSpan: [Record.Link]] = [:]
        // By index: `for r in out` copies every record (a retain for each of its strings).
        for i in out.indices where out[i].kind == .money || out[i].kind == .date {
            if let s = out[i].sentence { bySentence[s, default: []].append(Record.Link(kind: out[i].kind, span: out[i].span)) }
        }
        for i in out.indices where out[i].kind == .project {
            guard let sentence = out[i].sentence, let links = bySentence[sentence] else { continue }
            out[i].links = links.sorted { $0.span.byte.lowerBound < $1.span.byte.lowerBound }
        }
    }
}

/// The last cleaned range mapped and its original span.
struct LastSpan {
    var range: Range<Int>?
    var span = OriginalSpan(byte: 0..<0, char: 0..<0)

    mutating func original(_ r: Range<Int>, _ map: OffsetMap) -> OriginalSpan {
        if r != range {
            range = r
            span = map.original(r)
        }
        return span
    }
}
