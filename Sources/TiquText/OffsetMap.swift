/// Where cleaned text came from. This is the one place where a cleaned position becomes an original one
/// (docs/RECORDS.md, "Provenance"): every stage carries UTF-8 byte ranges of the cleaned text, and asks
/// the map for original positions only at emit time and for messages.
///
/// Every cleaned scalar stands for one original scalar: every fold is one scalar to one scalar (`３` → `3`,
/// `億` → `亿`) and a removal maps nothing, so a cleaned range maps to the original scalars from its first
/// one's to its last one's, inclusive. The map is compact (a few bytes per 64 scalars, so a 50 MB document
/// costs megabytes, not hundreds): cleaned scalar k stands for original scalar k + delta, where delta
/// changes only where something was dropped (`jumps`), and the cleaned byte of every 64th scalar is kept
/// (`checkpoints`); the cleaned bytes themselves give the rest.
public struct OffsetMap: Sendable {
    /// The cleaned text (shared with CleanText.bytes, not copied).
    public private(set) var cleanBytes: [UInt8] = []
    /// Original byte offset of each original scalar, plus the end of the file (from the decoder).
    public let originalByteOffsets: ByteOffsets
    /// Cleaned byte where cleaned scalar 64·j starts.
    private var checkpoints: [Int32] = []
    /// From cleaned scalar jumpAt[j] on, origin = scalar + jumpDelta[j].
    private var jumpAt: [Int32] = [0]
    private var jumpDelta: [Int32] = [0]
    /// Cleaned scalars and bytes.
    public private(set) var scalarCount = 0
    private var byteCount = 0

    /// The map of cleaned text `bytes`, whose cleaned scalar k stands for original scalar k + jumpDelta[j]
    /// from cleaned scalar jumpAt[j] on (jumpAt starts at 0 and increases): the fold's output.
    /// `checkpoints`: the cleaned byte of every 64th cleaned scalar.
    package init(originalByteOffsets: ByteOffsets, bytes: [UInt8], scalars: Int, jumpAt: [Int32], jumpDelta: [Int32], checkpoints: [Int32]) {
        precondition(jumpAt.first == 0 && jumpAt.count == jumpDelta.count, "a map's jumps start at scalar 0")
        self.originalByteOffsets = originalByteOffsets
        cleanBytes = bytes
        scalarCount = scalars
        byteCount = bytes.count
        self.jumpAt = jumpAt
        self.jumpDelta = jumpDelta
        self.checkpoints = checkpoints
        precondition(checkpoints.count == (scalars + 63) / 64, "the cleaned text and the map disagree")
    }

    /// The original scalar of cleaned scalar `k`.
    public func origin(ofScalar k: Int) -> Int {
        if jumpAt.count == 1 { return k + Int(jumpDelta[0]) }  // nothing dropped: one delta throughout
        let j = Search.first(jumpAt.count) { Int(jumpAt[$0]) > k } - 1
        return k + Int(jumpDelta[j])
    }

    /// The cleaned scalar containing cleaned byte `byte` (byte < total length), and where it starts.
    func scalar(containing byte: Int) -> (index: Int, start: Int) {
        scalar(containing: byte, from: checkpoint(before: byte))
    }

    /// The same, walking from cleaned scalar `from` (which starts at or before `byte`).
    private func scalar(containing byte: Int, from: (index: Int, start: Int)) -> (index: Int, start: Int) {
        var (k, start) = from
        while true {
            // Three-byte characters (most of a Chinese text) in a loop of their own: one test a character
            // instead of the length's three.
            while start &+ 3 <= byte && cleanBytes[start] & 0xF0 == 0xE0 {
                start &+= 3
                k &+= 1
            }
            let next = start + UTF8Scalar.length(cleanBytes[start])
            if next > byte { return (k, start) }
            start = next
            k += 1
        }
    }

    /// The last checkpoint at or before cleaned byte `byte`: its scalar and byte.
    private func checkpoint(before byte: Int) -> (index: Int, start: Int) {
        var lo = 0, hi = checkpoints.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(checkpoints[mid]) > byte { hi = mid } else { lo = mid + 1 }
        }
        let j = max(0, lo - 1)
        return (j << 6, Int(checkpoints[j]))
    }

    /// The original span (bytes of the file as stored, scalars of its decoded text) of a cleaned byte range.
    public func original(_ cleaned: Range<Int>) -> OriginalSpan {
        let chars: Range<Int>
        if scalarCount == 0 {
            chars = 0..<0
        } else if cleaned.isEmpty {
            // An empty range sits before the scalar at its position (or after the last one).
            let c = cleaned.lowerBound >= cleanBytes.count ? origin(ofScalar: scalarCount - 1) + 1
                : origin(ofScalar: scalar(containing: cleaned.lowerBound).index)
            chars = c..<c
        } else {
            let first = scalar(containing: cleaned.lowerBound)
            // The last scalar is found from the first when no checkpoint lies between them (a short range:
            // the checkpoint after the first scalar's is past it), else from the checkpoint before it.
            let next = first.index >> 6 + 1
            let far = next < checkpoints.count && Int(checkpoints[next]) <= cleaned.upperBound - 1
            let last = scalar(containing: cleaned.upperBound - 1, from: far ? checkpoint(before: cleaned.upperBound - 1) : first).index
            chars = origin(ofScalar: first.index)..<(origin(ofScalar: last) + 1)
        }
        return original(chars: chars)
    }

    /// The original span of original scalars `chars`: for what has no cleaned extent (removed debris).
    public func original(chars: Range<Int>) -> OriginalSpan {
        OriginalSpan(byte: originalByteOffsets.range(chars), char: chars)
    }

    /// The original byte where cleaned byte `cleaned` stands (for messages).
    public func originalByte(_ cleaned: Int) -> Int { original(cleaned..<cleaned).byte.lowerBound }

    /// Removes the cleaned byte ranges `runs` (sorted, disjoint, on scalar boundaries) from the text and
    /// the map, compacting the text in place (no second copy of a large document); returns for each run the
    /// cleaned byte where it stood. What was removed maps nothing; everything else keeps its origin. Works
    /// on runs, not scalars: each kept stretch brings its own jumps, shifted by what was removed before it,
    /// plus one where it starts; only the checkpoints are counted again, scalar by scalar.
    package mutating func remove(_ runs: [Range<Int>]) -> [Int] {
        // Every run's first and end scalar, read while the text is still whole.
        let bounds = runs.map { (first: scalarIndex(at: $0.lowerBound), end: scalarIndex(at: $0.upperBound)) }
        var bytes = cleanBytes
        cleanBytes = []  // `bytes` is now the only reference, so the writes below happen in place
        var at = [Int](repeating: 0, count: runs.count)
        var newAt: [Int32] = [0], newDelta: [Int32] = [0]
        var j = 0  // the old jump in force at the kept stretch's start
        var removed = 0, read = 0, write = 0, k = 0
        for r in 0...runs.count {
            let (end, stop) = r < runs.count ? (bounds[r].first, runs[r].lowerBound) : (scalarCount, byteCount)
            if k < end {  // the kept stretch of scalars k..<end, bytes read..<stop
                while j + 1 < jumpAt.count && Int(jumpAt[j + 1]) <= k { j += 1 }
                Self.jump(&newAt, &newDelta, at: k - removed, delta: Int(jumpDelta[j]) + removed)
                while j + 1 < jumpAt.count && Int(jumpAt[j + 1]) < end {
                    j += 1
                    Self.jump(&newAt, &newDelta, at: Int(jumpAt[j]) - removed, delta: Int(jumpDelta[j]) + removed)
                }
                if write != read { for i in 0..<(stop - read) { bytes[write + i] = bytes[read + i] } }
                write += stop - read
            }
            guard r < runs.count else { break }
            at[r] = write
            removed += bounds[r].end - bounds[r].first
            k = bounds[r].end
            read = runs[r].upperBound
        }
        bytes.removeLast(bytes.count - write)
        scalarCount -= removed
        byteCount = write
        jumpAt = newAt
        jumpDelta = newDelta
        // The checkpoints before the first run stand as they were; the rest are counted again.
        let keep = min(checkpoints.count, (bounds.first?.first ?? scalarCount) / 64)
        checkpoints = Self.checkpoints(bytes, scalars: scalarCount, from: keep > 0 ? Array(checkpoints.prefix(keep)) : [])
        cleanBytes = bytes
        return at
    }

    /// Appends a jump to `delta` at cleaned scalar `at` (increasing), unless the delta does not change.
    private static func jump(_ jumpAt: inout [Int32], _ jumpDelta: inout [Int32], at: Int, delta: Int) {
        if Int32(delta) == jumpDelta[jumpDelta.count - 1] { return }
        if at == 0 { jumpDelta[0] = Int32(delta); return }  // the text starts after a removal
        jumpAt.append(Int32(at))
        jumpDelta.append(Int32(delta))
    }

    /// The cleaned byte of every 64th scalar of `bytes`, counted on from the last of `known` (the first
    /// ones, still true).
    private static func checkpoints(_ bytes: [UInt8], scalars: Int, from known: [Int32]) -> [Int32] {
        var out = known
        out.reserveCapacity(scalars / 64 + 1)
        var start = 0
        var k = 0
        if let last = out.popLast() {
            start = Int(last)
            k = out.count << 6
        }
        while start < bytes.count {
            if k & 63 == 0 { out.append(Int32(start)) }
            start += UTF8Scalar.length(bytes[start])
            k += 1
        }
        return out
    }

    /// The cleaned scalar starting at byte `byte` (a scalar boundary), or the scalar count at the end.
    private func scalarIndex(at byte: Int) -> Int {
        byte >= byteCount ? scalarCount : scalar(containing: byte).index
    }

    /// Calls `body` for every cleaned scalar in order: its index, start byte, length and original scalar.
    public func forEachScalar(_ body: (_ k: Int, _ start: Int, _ length: Int, _ origin: Int) -> Void) {
        var start = 0
        var j = 0
        for k in 0..<scalarCount {
            while j + 1 < jumpAt.count && Int(jumpAt[j + 1]) <= k { j += 1 }
            let n = UTF8Scalar.length(cleanBytes[start])
            body(k, start, n, k + Int(jumpDelta[j]))
            start += n
        }
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
