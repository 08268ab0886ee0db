import Foundation

/// GB18030 (a superset of GBK and GB2312), decoded in pure Swift from a generated table so that every
/// scalar keeps the byte range it came from.
package enum GB18030 {
    /// Decoded once per process from the generated base64 text, byte by byte (a String filter and
    /// Foundation's decoder took 15 ms of a one-file run's start-up).
    fileprivate static let twoByte: [UInt16] = {
        var value = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { value[Int(c)] = UInt8(i) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(GB18030Table.twoByteBase64.utf8.count * 3 / 4)
        var acc: UInt32 = 0, bits = 0
        for c in GB18030Table.twoByteBase64.utf8 {
            let v = value[Int(c)]
            guard v != 0xFF else { continue }  // line breaks, spaces, padding
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
            }
        }
        var table = [UInt16](repeating: 0, count: bytes.count / 2)
        for i in 0..<table.count { table[i] = UInt16(bytes[2 * i]) << 8 | UInt16(bytes[2 * i + 1]) }
        return table
    }()

    /// Byte length of the character at `i`, or nil when the bytes there are not a GB18030 sequence.
    private static func sequenceLength(_ bytes: [UInt8], _ i: Int) -> Int? {
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        guard b0 >= 0x81 && b0 <= 0xFE, i + 1 < bytes.count else { return nil }
        let b1 = bytes[i + 1]
        if (0x40...0xFE).contains(b1) && b1 != 0x7F { return 2 }
        if (0x30...0x39).contains(b1), i + 3 < bytes.count,
           (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3]) { return 4 }
        return nil
    }

    private static func scalar(_ bytes: [UInt8], _ i: Int, length: Int) -> Unicode.Scalar? {
        switch length {
        case 1: return Unicode.Scalar(bytes[i])
        case 2:
            let index = (Int(bytes[i]) - 0x81) * 191 + (Int(bytes[i + 1]) - 0x40)
            let cp = twoByte[index]
            return cp == 0 ? nil : Unicode.Scalar(cp)
        default:
            let linear = (((Int(bytes[i]) - 0x81) * 10 + Int(bytes[i + 1]) - 0x30) * 126
                          + Int(bytes[i + 2]) - 0x81) * 10 + Int(bytes[i + 3]) - 0x30
            if linear < 39420 {
                let runs = GB18030Table.fourByteRuns
                // The last run starting at or before `linear`.
                let k = Search.first(runs.count) { Int(runs[$0].0) > linear } - 1
                guard k >= 0 else { return nil }
                let (start, first) = runs[k]
                return first < 0 ? nil : Unicode.Scalar(UInt32(Int(first) + linear - Int(start)))
            }
            let supplementary = linear - 189_000  // 0x90308130 is U+10000
            guard supplementary >= 0, supplementary < 0x100000 else { return nil }
            return Unicode.Scalar(UInt32(0x10000 + supplementary))
        }
    }

    /// The decoded text when every byte sequence is GB18030, else nil as soon as one is not (a UTF-8 file
    /// with a few bad bytes is rejected within its first characters, not after a whole second decode).
    package static func decodeIfValid(_ bytes: [UInt8]) -> DecodedText? {
        var i = 0
        while i < bytes.count {
            guard let len = sequenceLength(bytes, i), scalar(bytes, i, length: len) != nil else { return nil }
            i += len
        }
        return decode(bytes)
    }

    package static func decode(_ bytes: [UInt8]) -> DecodedText {
        var scalars: [Unicode.Scalar] = []
        var offsets = ByteOffsets(capacity: bytes.count / 2)
        scalars.reserveCapacity(bytes.count / 2)
        var bad: [Int] = []
        var i = 0
        while i < bytes.count {
            offsets.append(Int32(i))
            if let len = sequenceLength(bytes, i), let s = scalar(bytes, i, length: len) {
                scalars.append(s)
                i += len
            } else {
                bad.append(i)
                scalars.append("\u{FFFD}")
                i += 1
            }
        }
        offsets.append(Int32(bytes.count))
        var diagnostics: [Diagnostic] = []
        if let first = bad.first {
            diagnostics.append(Diagnostic(.error, offset: first,
                "\(bad.count) invalid GB18030 byte(s) replaced by U+FFFD, the first at byte \(first); the rest of the document was processed"))
        }
        return DecodedText(scalars: scalars, byteOffsets: offsets, encoding: .gb18030, hadBOM: false, diagnostics: diagnostics)
    }
}

extension GB18030 {
    /// Encodes text as GB18030 (the inverse of `decode`), for tools and tests that make variants of a
    /// document; nil for a scalar GB18030 cannot represent (there is none in Unicode, but U+FFFD-safe).
    package static func encode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 { out.append(UInt8(v)); continue }
            if v <= 0xFFFF, let pair = reverseTwoByte[UInt16(v)] { out += [pair.0, pair.1]; continue }
            var linear: Int
            if v >= 0x10000 {
                linear = 189_000 + Int(v - 0x10000)
            } else {
                let runs = GB18030Table.fourByteRuns
                guard let i = runs.indices.last(where: { runs[$0].1 >= 0 && UInt32(runs[$0].1) <= v }) else { return nil }
                let end = i + 1 < runs.count ? Int(runs[i + 1].0) : 39420
                linear = Int(runs[i].0) + Int(v) - Int(runs[i].1)
                guard linear < end else { return nil }
            }
            let b4 = linear % 10; linear /= 10
            let b3 = linear % 126; linear /= 126
            let b2 = linear % 10; let b1 = linear / 10
            out += [UInt8(0x81 + b1), UInt8(0x30 + b2), UInt8(0x81 + b3), UInt8(0x30 + b4)]
        }
        return out
    }

    private static let reverseTwoByte: [UInt16: (UInt8, UInt8)] = {
        var d: [UInt16: (UInt8, UInt8)] = [:]
        for (i, cp) in twoByte.enumerated() where cp != 0 && d[cp] == nil {
            d[cp] = (UInt8(0x81 + i / 191), UInt8(0x40 + i % 191))
        }
        return d
    }()
}
