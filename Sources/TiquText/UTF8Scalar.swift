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

    /// The length of the well-formed UTF-8 sequence at byte `i` of `b`, or 0 when none starts there (a
    /// stray or truncated byte, an overlong form, a surrogate: table 3-7). Most of a Chinese text takes
    /// the first two tests: ASCII, or a three-byte sequence whose lead (E1–EC, EE–EF) takes any two
    /// continuation bytes.
    @inlinable @inline(__always)
    public static func validLength(_ b: [UInt8], _ i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        if c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < b.count && b[i + 1] & 0xC0 == 0x80 && b[i + 2] & 0xC0 == 0x80 { return 3 }
        let (len, valid) = Decoder.sequence(b, at: i)
        return len > 0 && valid == len ? len : 0
    }
}
