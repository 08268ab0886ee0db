// Source: a file's bytes and their decoded text. Decoding keeps, for every scalar, the byte offset it
// came from, so the offset map (Clean/OffsetMap.swift) can point back into the file as stored.

/// A document as read from disk: its path relative to the input root (with `/`) and its raw bytes.
public struct SourceDocument: Sendable {
    public let path: String
    public var bytes: [UInt8]
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    case gb18030 = "gb18030"
}

/// The decoded text of a document: Unicode scalars and, for each, its start byte in the original file.
/// `byteOffsets` has one more entry than there are scalars: the end of the last scalar. A file that is
/// valid UTF-8 (most) keeps its own bytes as its text, so nothing is decoded scalar by scalar: the clean
/// stage folds those bytes, and the emit stage slices them; other encodings keep their scalars.
public struct DecodedText: Sendable {
    /// The file's bytes, when they are valid UTF-8: the text is `fileUTF8[byteOffsets[0]...]`.
    public let fileUTF8: [UInt8]?
    /// The scalars of a file that is not valid UTF-8 (empty when `fileUTF8` is set).
    let storedScalars: [Unicode.Scalar]
    /// Compact (about one byte a scalar); files of 1 GiB or more are refused (Decoder.maxBytes).
    public let byteOffsets: ByteOffsets
    public let encoding: TextEncoding
    public let hadBOM: Bool
    public let diagnostics: [Diagnostic]

    init(scalars: [Unicode.Scalar], byteOffsets: ByteOffsets, encoding: TextEncoding, hadBOM: Bool, diagnostics: [Diagnostic]) {
        fileUTF8 = nil
        storedScalars = scalars
        self.byteOffsets = byteOffsets
        self.encoding = encoding
        self.hadBOM = hadBOM
        self.diagnostics = diagnostics
    }

    package init(utf8 bytes: [UInt8], byteOffsets: ByteOffsets, hadBOM: Bool) {
        fileUTF8 = bytes
        storedScalars = []
        self.byteOffsets = byteOffsets
        encoding = .utf8
        self.hadBOM = hadBOM
        diagnostics = []
    }

    /// How many scalars the text has.
    public var count: Int { byteOffsets.count - 1 }

    /// Every scalar (decoded again from the file's bytes when it is UTF-8: for tools and tests).
    public var scalars: [Unicode.Scalar] {
        guard let b = fileUTF8 else { return storedScalars }
        return Array(String(decoding: b[Int(byteOffsets[0])...], as: UTF8.self).unicodeScalars)
    }

    /// The text as valid UTF-8 and the byte of it where the text starts: the file itself when it is
    /// UTF-8, else its scalars encoded.
    public var utf8: (bytes: [UInt8], start: Int) {
        if let b = fileUTF8 { return (b, Int(byteOffsets[0])) }
        var out: [UInt8] = []
        out.reserveCapacity(storedScalars.count * 3)
        for s in storedScalars { out.append(contentsOf: UTF8.encode(s)!) }
        return (out, 0)
    }

    /// The original text of scalars `range` (a half-open char range), as a String.
    /// The text of an original span: for a valid UTF-8 file its bytes, which the span gives (no walk
    /// from a checkpoint to find them again), else its scalars.
    public func text(_ span: OriginalSpan) -> String {
        if let b = fileUTF8 { return String(decoding: b[span.byte], as: UTF8.self) }
        return text(span.char)
    }

    public func text(_ range: Range<Int>) -> String {
        if let b = fileUTF8 {
            return String(decoding: b[byteOffsets.range(range)], as: UTF8.self)
        }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: storedScalars[range])
        return String(s)
    }
}

public enum DecodeError: Error, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int)
    case binary(offset: Int)
    case undecodable(offset: Int, encoding: TextEncoding)

    /// The byte of the file the problem is at, where there is one.
    public var offset: Int? {
        switch self {
        case .binary(let o), .undecodable(let o, _): return o
        case .empty, .tooLarge: return nil
        }
    }

    public var description: String {
        switch self {
        case .empty: return "empty file: nothing to extract"
        case .tooLarge(let n): return "file of \(n) bytes is too large (1 GiB at most): split it"
        case .binary(let offset):
            return "binary file (NUL byte at offset \(offset)): skipped; pass text files only, or --encoding utf-16le/utf-16be for UTF-16 without a BOM"
        case .undecodable(let offset, let enc):
            return "not valid \(enc.rawValue) text (first bad byte at offset \(offset)): skipped; try --encoding"
        }
    }
}

public enum Decoder {
    /// The largest file read: offsets are Int32 and the cleaned UTF-8 can be half as long again as
    /// GB18030 or UTF-16 input.
    public static let maxBytes = Int(Int32.max) / 2 - 1

    /// Decodes `bytes`: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise UTF-8 when valid, GB18030 when the
    /// bytes are not UTF-8 but are valid GB18030, else UTF-8 with replacement characters (reported once).
    public static func decode(_ bytes: [UInt8], forced: TextEncoding? = nil) throws -> DecodedText {
        if let (start, bom) = try utf8Start(bytes, forced: forced) {
            let utf8 = decodeUTF8(bytes, from: start, bom: bom)
            // Not UTF-8 (and neither a BOM nor --encoding says it is): GB18030 when every byte sequence is a
            // GB18030 character.
            if utf8.diagnostics.isEmpty || bom || forced != nil { return utf8 }
            return GB18030.decodeIfValid(bytes) ?? utf8
        }
        if bytes.starts(with: [0xFF, 0xFE]) && (forced == nil || forced == .utf16le) {
            return try decodeUTF16(bytes, from: 2, littleEndian: true, bom: true)
        }
        if bytes.starts(with: [0xFE, 0xFF]) && (forced == nil || forced == .utf16be) {
            return try decodeUTF16(bytes, from: 2, littleEndian: false, bom: true)
        }
        switch forced {
        case .utf16le?: return try decodeUTF16(bytes, from: 0, littleEndian: true, bom: false)
        case .utf16be?: return try decodeUTF16(bytes, from: 0, littleEndian: false, bom: false)
        case .gb18030?: return GB18030.decode(bytes)
        case .utf8?, nil: fatalError("utf8Start takes every file read as UTF-8 or without --encoding and a UTF-16 BOM")
        }
    }

    /// Where the text of `bytes` starts, and whether a BOM precedes it, when `decode` reads the file as
    /// UTF-8 first (a UTF-8 BOM, `--encoding utf-8`, or no BOM and no `--encoding`); nil when it reads
    /// another encoding. Throws what `decode` throws before reading a character (empty, too large, binary).
    /// The clean stage folds such a file while checking it (Cleaner.clean(bytes:)), and decodes it with
    /// `decode` only when it is not valid UTF-8.
    package static func utf8Start(_ bytes: [UInt8], forced: TextEncoding?) throws -> (start: Int, bom: Bool)? {
        if bytes.isEmpty { throw DecodeError.empty }
        if bytes.count > maxBytes { throw DecodeError.tooLarge(bytes: bytes.count) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) && (forced == nil || forced == .utf8) { return (3, true) }
        if forced == .utf8 { return (0, false) }
        if forced != nil || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        if let nul = bytes.prefix(8192).firstIndex(of: 0) { throw DecodeError.binary(offset: nul) }
        return (0, false)
    }

    static func decodeUTF8(_ bytes: [UInt8], from start: Int, bom: Bool) -> DecodedText {
        if let offsets = validUTF8(bytes, from: start) { return DecodedText(utf8: bytes, byteOffsets: offsets, hadBOM: bom) }
        var scalars: [Unicode.Scalar] = []
        // Sized for the worst case (one scalar a byte), so a large file's arrays are never grown by doubling;
        // the pages past the scalars written are never touched, so they cost no memory.
        var offsets = ByteOffsets(capacity: bytes.count + 1)
        scalars.reserveCapacity(bytes.count + 1)
        var bad: [Int] = []
        var i = start
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            offsets.append(Int32(i))
            if b0 < 0x80 {
                scalars.append(Unicode.Scalar(b0))
                i += 1
                continue
            }
            // Most of a Chinese text: a three-byte sequence whose lead (E1–EC, EE–EF) takes any two
            // continuation bytes (table 3-7), decoded without the general check.
            if b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && i + 2 < n && bytes[i + 1] & 0xC0 == 0x80 && bytes[i + 2] & 0xC0 == 0x80 {
                let value = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                scalars.append(Unicode.Scalar(value)!)
                i += 3
                continue
            }
            let (len, valid) = sequence(bytes, at: i)
            if len > 0 && valid == len {
                var value = UInt32(b0) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                for k in 1..<len { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                scalars.append(Unicode.Scalar(value)!)
                i += len
            } else {
                bad.append(i)
                scalars.append("\u{FFFD}")
                i += max(1, valid)
            }
        }
        offsets.append(Int32(n))
        var diagnostics: [Diagnostic] = []
        if let first = bad.first {
            diagnostics.append(Diagnostic(.error, offset: first,
                "\(bad.count) invalid UTF-8 sequence(s) replaced by U+FFFD, the first at byte \(first); the rest of the document was processed"))
        }
        return DecodedText(scalars: scalars, byteOffsets: offsets, encoding: .utf8, hadBOM: bom, diagnostics: diagnostics)
    }

    /// The offsets of `bytes` from `start` on when they are valid UTF-8 (nil at the first bad sequence):
    /// one pass that only checks, three bytes at a time for most Chinese characters and one at a time for
    /// ASCII, keeping every 16th scalar's offset (the rest are read from the bytes' lead bytes).
    static func validUTF8(_ bytes: [UInt8], from start: Int) -> ByteOffsets? {
        var checkpoints: [Int32] = []
        checkpoints.reserveCapacity((bytes.count - start) / 16 + 2)
        var i = start
        var k = 0
        let n = bytes.count
        while i < n {
            if k & 15 == 0 { checkpoints.append(Int32(i)) }
            k += 1
            let len = UTF8Scalar.validLength(bytes, i)
            guard len > 0 else { return nil }
            i += len
        }
        if k & 15 == 0 { checkpoints.append(Int32(n)) }
        return ByteOffsets(utf8: bytes, checkpoints: checkpoints, count: k + 1)
    }

    /// The length of the UTF-8 sequence that starts at `i` (0 for a byte that starts none), and how many
    /// of its bytes are well-formed: well-formed sequences per the Unicode Standard (table 3-7); otherwise
    /// one U+FFFD stands for the maximal ill-formed subpart, as Python's and Swift's decoders do, so char
    /// offsets agree.
    @usableFromInline
    static func sequence(_ bytes: [UInt8], at i: Int) -> (length: Int, valid: Int) {
        var len = 0
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: len = 2
        case 0xE0: len = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: len = 3
        case 0xED: len = 3; hi = 0x9F
        case 0xF0: len = 4; lo = 0x90
        case 0xF1...0xF3: len = 4
        case 0xF4: len = 4; hi = 0x8F
        default: return (0, 0)
        }
        var valid = 1  // bytes of a well-formed prefix read so far
        while valid < len, i + valid < bytes.count {
            let b = bytes[i + valid]
            let (l, h) = valid == 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
            guard b >= l && b <= h else { break }
            valid += 1
        }
        return (len, valid)
    }

    static func decodeUTF16(_ bytes: [UInt8], from start: Int, littleEndian: Bool, bom: Bool) throws -> DecodedText {
        var scalars: [Unicode.Scalar] = []
        var offsets = ByteOffsets(capacity: bytes.count / 2)
        var bad: [Int] = []
        var i = start
        let n = bytes.count
        func unit(_ at: Int) -> UInt32 {
            littleEndian ? UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 : UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1])
        }
        while i + 1 < n {
            offsets.append(Int32(i))
            let u = unit(i)
            if (0xD800...0xDBFF).contains(u), i + 3 < n, case let lo = unit(i + 2), (0xDC00...0xDFFF).contains(lo) {
                scalars.append(Unicode.Scalar(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00))!)
                i += 4
            } else if let s = Unicode.Scalar(u) {
                scalars.append(s)
                i += 2
            } else {
                bad.append(i)
                scalars.append("\u{FFFD}")
                i += 2
            }
        }
        if i < n {  // a dangling odd byte
            offsets.append(Int32(i))
            bad.append(i)
            scalars.append("\u{FFFD}")
            i = n
        }
        offsets.append(Int32(n))
        var diagnostics: [Diagnostic] = []
        if let first = bad.first {
            diagnostics.append(Diagnostic(.error, offset: first,
                "\(bad.count) invalid UTF-16 unit(s) replaced by U+FFFD, the first at byte \(first); the rest of the document was processed"))
        }
        return DecodedText(scalars: scalars, byteOffsets: offsets, encoding: littleEndian ? .utf16le : .utf16be,
                           hadBOM: bom, diagnostics: diagnostics)
    }
}
