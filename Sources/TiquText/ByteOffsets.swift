/// The byte offset in the file where each decoded scalar starts, plus the end: kept compact (one byte a
/// scalar and a checkpoint every 64 scalars, instead of four bytes a scalar), so a 50 MB document's map
/// stays small. Every scalar is at most 4 bytes long in every encoding read (a replacement character
/// stands for at most 3 invalid bytes). For a file that is valid UTF-8 the lengths are not stored: the
/// file's lead bytes give them.
public struct ByteOffsets: Sendable, Equatable {
    /// The offset of scalar 64·j (16·j with `utf8`).
    private var checkpoints: [Int32] = []
    /// lengths[i] = offset(i + 1) − offset(i).
    private var lengths: [UInt8] = []
    private var last: Int32 = 0
    /// Number of offsets (scalars + 1 once the end is appended).
    public private(set) var count = 0
    /// The valid UTF-8 file whose scalars these are, when the lengths are read from it; the checkpoints
    /// are then every 16th scalar's (a quarter of a byte a scalar, still less than the lengths take).
    private var utf8: [UInt8]? = nil
    /// log2 of the scalars between checkpoints: 6, or 4 with `utf8`.
    private var shift = 6

    public init(capacity: Int = 0) {
        lengths.reserveCapacity(capacity)
        checkpoints.reserveCapacity(capacity / 64 + 1)
    }

    public init(_ offsets: [Int32]) {
        self.init(capacity: offsets.count)
        for o in offsets { append(o) }
    }

    /// The offsets of the scalars of valid UTF-8 `bytes`, from every 16th one's (`checkpoints`).
    package init(utf8 bytes: [UInt8], checkpoints: [Int32], count: Int) {
        utf8 = bytes
        shift = 4
        self.checkpoints = checkpoints
        self.count = count
    }

    @inline(__always)
    public mutating func append(_ offset: Int32) {
        if count & 63 == 0 { checkpoints.append(offset) }
        if count > 0 { lengths.append(UInt8(truncatingIfNeeded: offset - last)) }
        last = offset
        count += 1
    }

    public subscript(i: Int) -> Int32 {
        walk(from: checkpoints[i >> shift], at: (i >> shift) << shift, to: i)
    }

    /// The byte range of scalars `r`: its end read on from its start when both lie between the same two
    /// checkpoints (a short range: a number, a unit), else from the end's checkpoint.
    public func range(_ r: Range<Int>) -> Range<Int> {
        let lo = self[r.lowerBound]
        let hi = r.lowerBound >> shift == r.upperBound >> shift ? walk(from: lo, at: r.lowerBound, to: r.upperBound) : self[r.upperBound]
        return Int(lo)..<Int(hi)
    }

    /// The offset of scalar `i`, from offset `o` of scalar `k` (k ≤ i).
    @inline(__always)
    private func walk(from o: Int32, at k: Int, to i: Int) -> Int32 {
        var o = o
        var k = k
        if let utf8 {
            while k < i {
                o += Int32(UTF8Scalar.length(utf8[Int(o)]))
                k += 1
            }
            return o
        }
        while k < i {
            o += Int32(lengths[k])
            k += 1
        }
        return o
    }

    /// Every offset, for tests and tools.
    public var all: [Int32] { (0..<count).map { self[$0] } }

    /// Equal when they hold the same offsets, however they are stored.
    public static func == (a: ByteOffsets, b: ByteOffsets) -> Bool { a.all == b.all }
}
