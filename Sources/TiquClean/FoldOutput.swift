/// Writing the fold's output: a scalar's UTF-8, and the cleaned bytes with their scalars' map.
extension Cleaner {
    @inline(__always) @discardableResult
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) -> Int {
        if v < 0x80 {
            out.append(UInt8(v)); return 1
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F)); return 2
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F)); return 3
        } else {
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F)); return 4
        }
    }
}

/// The fold's output while it is built: the cleaned bytes, how many scalars they hold, and where the
/// cleaned scalar's origin stops being a fixed distance ahead (after every dropped character).
struct FoldOutput {
    var bytes: [UInt8] = []
    var scalars = 0
    var jumpAt: [Int32] = [0]
    var jumpDelta: [Int32] = [0]
    /// The cleaned byte of every 64th cleaned scalar.
    var checkpoints: [Int32] = []
    private var delta = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        checkpoints.reserveCapacity(capacity / 64 + 1)
    }

    /// Copies the unchanged scalars `src[range]` (already counted by `kept`).
    @inline(__always)
    mutating func copy(_ src: [UInt8], _ range: Range<Int>) {
        if !range.isEmpty { bytes.append(contentsOf: src[range]) }
    }

    /// The next cleaned scalar, at cleaned byte `at`, stands for original scalar `origin`.
    @inline(__always)
    mutating func kept(origin: Int, at: Int) {
        if scalars & 63 == 0 { checkpoints.append(Int32(at)) }
        if origin - scalars != delta {
            delta = origin - scalars
            if scalars == 0 { jumpDelta[0] = Int32(delta) } else { jumpAt.append(Int32(scalars)); jumpDelta.append(Int32(delta)) }
        }
        scalars += 1
    }
}
