/// Where cleaned text came from. This is the one place where a cleaned position becomes an original one
/// (EXTRACTION.md, "Stages"): everything downstream carries UTF-8 byte ranges of the cleaned text and asks
/// the map at emit time.
///
/// For every cleaned scalar `k` it keeps the cleaned byte where it starts and the half-open range of
/// original scalars it stands for. A 1:1 fold (`３` → `3`) maps one to one; a removal maps nothing; an n:m
/// replacement maps each produced scalar to the whole original range, so a span never splits it.
public struct OffsetMap: Sendable {
    /// Cleaned byte offset of each cleaned scalar, plus the end (count = scalars + 1).
    public private(set) var cleanByteStarts: [Int32] = [0]
    /// Original scalar range of each cleaned scalar.
    public private(set) var originStarts: [Int32] = []
    public private(set) var originEnds: [Int32] = []
    /// Original byte offset of each original scalar, plus the end of the file (from the decoder).
    public let originalByteOffsets: [Int]

    public init(originalByteOffsets: [Int]) {
        self.originalByteOffsets = originalByteOffsets
    }

    /// Records that the next cleaned scalar, `utf8Length` bytes long, came from original scalars `origin`.
    mutating func append(utf8Length: Int, origin: Range<Int>) {
        cleanByteStarts.append(cleanByteStarts.last! + Int32(utf8Length))
        originStarts.append(Int32(origin.lowerBound))
        originEnds.append(Int32(origin.upperBound))
    }

    public var cleanedScalarCount: Int { originStarts.count }

    /// Index of the cleaned scalar containing cleaned byte `byte` (byte < total length).
    func scalarIndex(containing byte: Int) -> Int {
        var lo = 0, hi = originStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(cleanByteStarts[mid]) <= byte { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The original span (bytes of the file as stored, scalars of its decoded text) of a cleaned byte range.
    public func original(_ cleaned: Range<Int>) -> OriginalSpan {
        let chars: Range<Int>
        if originStarts.isEmpty {
            chars = 0..<0
        } else if cleaned.isEmpty {
            // An empty range sits before the scalar at its position (or after the last one).
            let total = Int(cleanByteStarts.last!)
            let c = cleaned.lowerBound >= total ? Int(originEnds.last!) : Int(originStarts[scalarIndex(containing: cleaned.lowerBound)])
            chars = c..<c
        } else {
            let first = scalarIndex(containing: cleaned.lowerBound)
            let last = scalarIndex(containing: cleaned.upperBound - 1)
            chars = Int(originStarts[first])..<Int(originEnds[last])
        }
        return OriginalSpan(byte: originalByteOffsets[chars.lowerBound]..<originalByteOffsets[chars.upperBound], char: chars)
    }
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
