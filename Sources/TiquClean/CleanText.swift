import TiquRules
import TiquText

/// What the clean stage hands on: the cleaned text rules match against (UTF-8 bytes: ASCII digits and
/// punctuation, Simplified characters), the map back to the file, what was removed and what is damaged.
/// Every range here is a cleaned byte range, except what the offset map answers.
public struct CleanText: Sendable {
    public let bytes: [UInt8]
    public let map: OffsetMap
    /// Debris removed, in document order.
    public let removals: [Removal]
    /// Places the damage rules flagged (mojibake, redaction marks): reported, and no number there.
    public let flags: [Flag]
    /// Problems met while cleaning (a clean rule that hit a PCRE2 limit, the damage warnings).
    public let diagnostics: [Diagnostic]

    /// A stretch removed as debris: the cleaned byte where it stood and, since it has no cleaned extent,
    /// its original span as the offset map recorded it.
    public struct Removal: Sendable, Equatable {
        public let rule: String
        public let at: Int
        public let original: OriginalSpan
    }

    /// A damaged place, in cleaned bytes, with the kinds that may still overlap it (the rule's `allows:`).
    public struct Flag: Sendable, Equatable {
        public let rule: String
        public let range: Range<Int>
        public let allows: Set<ExtractionKind>
    }

    /// Cleaned byte offsets where removed text stood, sorted (a numbering gap there may be hidden text).
    public var removedAt: [Int] { removals.map(\.at).sorted() }

    /// The cleaned text of a byte range, as a String (for presentation and tests).
    public func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
