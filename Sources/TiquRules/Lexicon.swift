import TiquText

/// What the words of the pattern library mean: unit text → canonical unit, qualifier → its class, and so
/// on. Built from the `words:` of named patterns, so a word is defined once and both matched and understood.
public struct Lexicon: Sendable {
    /// category (`currency`, `unit`, `qualifier`, `change`…) → word → meaning.
    public var meanings: [String: [String: String]] = [:]

    public func meaning(of word: String, in category: String) -> String? { meanings[category]?[word] }

    /// Words of a category, longest first (for suffix and prefix scans).
    public func words(in category: String) -> [String] {
        // Each word's length counted once, not in every comparison.
        (meanings[category] ?? [:]).keys.map { (count: $0.unicodeScalars.count, word: $0) }
            .sorted { ($0.count, $1.word) > ($1.count, $0.word) }.map(\.word)
    }

    /// Words of a category with a given meaning, longest first.
    public func words(in category: String, meaning: String) -> [String] {
        words(in: category).filter { meanings[category]?[$0] == meaning }
    }

    /// The words of a category as UTF-8, longest first.
    public func byteWords(in category: String) -> ByteWords { ByteWords(words(in: category)) }
}
