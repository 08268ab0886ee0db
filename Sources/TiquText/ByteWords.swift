/// Words searched in UTF-8 bytes without building Strings: the stages read cue words (loaded from
/// `rules/`) around every number and on every line, so these run on the hot path.
public struct ByteWords: Sendable {
    /// The words as UTF-8, longest first (so a prefix or suffix scan takes the longest word).
    public let words: [[UInt8]]

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = words.map { Array($0.utf8) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    }

    public var isEmpty: Bool { words.isEmpty }

    /// The longest word that `bytes[range]` ends with.
    @inlinable
    public func suffix(of bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        for w in words where range.count >= w.count && bytes[(range.upperBound - w.count)..<range.upperBound].elementsEqual(w) { return w }
        return nil
    }

    /// The longest word that `bytes[range]` starts with.
    @inlinable
    public func prefix(of bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        for w in words where range.count >= w.count && bytes[range.lowerBound..<(range.lowerBound + w.count)].elementsEqual(w) { return w }
        return nil
    }

    /// Whether any word occurs in `bytes[range]`.
    public func occurs(in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        words.contains { ByteWords.contains(bytes, range, $0) }
    }

    /// Whether `word` occurs in `bytes[range]`.
    public static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        guard let first = word.first, range.count >= word.count else { return false }
        var i = range.lowerBound
        let last = range.upperBound - word.count
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < word.count && bytes[i + k] == word[k] { k += 1 }
                if k == word.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// A set of scalars (punctuation classes loaded from `rules/`), tested by value: a bitmap for the BMP (8 KB,
/// no hashing: these are tested on every line and around every number), a set for the rest.
public struct ScalarSet: Sendable {
    public let scalars: Set<UInt32>
    private let bmp: [UInt64]

    public init<S: Sequence>(_ words: S) where S.Element == String {
        scalars = Set(words.flatMap { $0.unicodeScalars.map(\.value) })
        var bits = [UInt64](repeating: 0, count: 0x10000 >> 6)
        for v in scalars where v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) }
        bmp = bits
    }

    @inlinable
    public func contains(_ v: UInt32) -> Bool {
        v < 0x10000 ? bitSet(v) : scalars.contains(v)
    }

    @usableFromInline
    func bitSet(_ v: UInt32) -> Bool { bmp[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
}
