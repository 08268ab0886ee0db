/// Where cleaned text came from. This is the one place where a cleaned position becomes an original one
/// (docs/RECORDS.md, "Provenance"): every stage carries UTF-8 byte ranges of the cleaned text, and asks
/// the map for original positions only at emit time and for messages.
///
/// For every cleaned scalar `k` it keeps the cleaned byte where it starts and the original scalar it
/// stands for: every fold is one scalar to one scalar (`３` → `3`, `億` → `亿`) and a removal maps nothing,
/// so a cleaned range maps to the original scalars from its first one's to its last one's, inclusive.
public struct OffsetMap: Sendable {
    /// Cleaned byte offset of each cleaned scalar, plus the end (count = scalars + 1).
    public private(set) var cleanByteStarts: [Int32] = [0]
    /// The original scalar of each cleaned scalar.
    public private(set) var origins: [Int32] = []
    /// Original byte offset of each original scalar, plus the end of the file (from the decoder).
    public let originalByteOffsets: [Int32]

    package init(originalByteOffsets: [Int32], capacity: Int = 0) {
        self.originalByteOffsets = originalByteOffsets
        cleanByteStarts.reserveCapacity(capacity + 1)
        origins.reserveCapacity(capacity)
    }

    /// A map over arrays built elsewhere (the cleaner's first pass, when nothing was removed): no copy.
    package init(originalByteOffsets: [Int32], cleanByteStarts: [Int32], origins: [Int32]) {
        self.originalByteOffsets = originalByteOffsets
        self.cleanByteStarts = cleanByteStarts
        self.origins = origins
    }

    /// Records that the next cleaned scalar, `utf8Length` bytes long, came from original scalar `origin`.
    @inline(__always)
    package mutating func append(utf8Length: Int, origin: Int) {
        cleanByteStarts.append(cleanByteStarts[cleanByteStarts.count - 1] + Int32(utf8Length))
        origins.append(Int32(origin))
    }

    /// Index of the cleaned scalar containing cleaned byte `byte` (byte < total length).
    func scalarIndex(containing byte: Int) -> Int {
        max(0, Search.first(origins.count) { Int(cleanByteStarts[$0]) > byte } - 1)
    }

    /// The original span (bytes of the file as stored, scalars of its decoded text) of a cleaned byte range.
    public func original(_ cleaned: Range<Int>) -> OriginalSpan {
        let chars: Range<Int>
        if origins.isEmpty {
            chars = 0..<0
        } else if cleaned.isEmpty {
            // An empty range sits before the scalar at its position (or after the last one).
            let total = Int(cleanByteStarts.last!)
            let c = cleaned.lowerBound >= total ? Int(origins.last!) + 1 : Int(origins[scalarIndex(containing: cleaned.lowerBound)])
            chars = c..<c
        } else {
            let first = scalarIndex(containing: cleaned.lowerBound)
            let last = scalarIndex(containing: cleaned.upperBound - 1)
            chars = Int(origins[first])..<(Int(origins[last]) + 1)
        }
        return original(chars: chars)
    }

    /// The original span of original scalars `chars`: for what has no cleaned extent (removed debris).
    public func original(chars: Range<Int>) -> OriginalSpan {
        OriginalSpan(byte: Int(originalByteOffsets[chars.lowerBound])..<Int(originalByteOffsets[chars.upperBound]), char: chars)
    }

    /// The original byte where cleaned byte `cleaned` stands (for messages).
    public func originalByte(_ cleaned: Int) -> Int { original(cleaned..<cleaned).byte.lowerBound }
}

/// A span in the original document: bytes of the file as stored and scalars of its decoded text.
public struct OriginalSpan: Equatable, Hashable, Sendable {
    public let byte: Range<Int>
    public let char: Range<Int>
    public init(byte: Range<Int>, char: Range<Int>) {
        self.byte = byte
        self.char = char
    }
}
