import TiquRules
import TiquText

extension JSONLines {
    /// What a run of records (one document's, in order) repeat, as the bytes written the first time:
    /// each rule's head (doc, rule, kind, subtype) and the last record's point and sentence. Copying
    /// them costs a tenth of writing them again (each string is checked for escapes, each offset
    /// written digit by digit). A cache holds only what its bytes were written from, so any record
    /// may follow any other: a different doc, point or sentence is written anew.
    public struct Cache {
        var heads: [String: Head] = [:]
        var place = Place()
        public init() {}

        struct Head {
            let doc: String
            let kind: ExtractionKind
            let subtype: String?
            let bytes: [UInt8]
        }

        struct Place {
            var written = false
            var path: [String] = []
            var span = OriginalSpan(byte: 0..<0, char: 0..<0)
            var speech: Int?
            var sentence: OriginalSpan?
            var bytes: [UInt8] = []
        }
    }
}

/// Writes records one after another in a format, sharing what JSON Lines may copy between them.
public struct RecordWriter {
    public let format: RecordFormat
    var cache = JSONLines.Cache()

    public init(_ format: RecordFormat) { self.format = format }

    public mutating func append(_ r: Record, to out: inout [UInt8]) {
        if format == .jsonl { JSONLines.append(r, to: &out, cache: &cache) } else { format.append(r, to: &out) }
    }
}
