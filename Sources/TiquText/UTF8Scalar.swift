/// Reading scalars straight from valid UTF-8 bytes (the cleaned text), where building Strings would cost
/// too much: the prefilter's sentence scan and the segmenter's line checks.
public enum UTF8Scalar {
    /// The scalar starting at byte `i` (a lead byte of valid UTF-8) and its length in bytes.
    /// Always inlined: called for every character, a call costs as much as the decoding. Public: as
    /// `package`, other modules called it (27 instructions a call, 17 M on the corpus) instead of inlining.
    @inlinable @inline(__always)
    public static func decode(_ b: [UInt8], _ i: Int) -> (value: UInt32, length: Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c < 0xE0 { return (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if c < 0xF0 { return (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return (UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// The length of the UTF-8 sequence that lead byte `c` starts.
    @inlinable @inline(__always)
    public static func length(_ c: UInt8) -> Int {
        c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4
    }
}
