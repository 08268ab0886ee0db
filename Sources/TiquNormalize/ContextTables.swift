import TiquRules
import TiquText

/// The `period` words of `ContextWords` as one `ByteWords` (longest first, as the list is: of two words
/// written at one place one is a prefix of the other, so both orders take the same) with their meanings.
struct PeriodWords: Sendable {
    let table: ByteWords
    let meaning: [[UInt8]: String]

    init(_ words: ContextWords) {
        table = ByteWords(words.period.map { String(decoding: $0.bytes, as: UTF8.self) })
        meaning = Dictionary(words.period.map { ($0.bytes, $0.meaning) }, uniquingKeysWith: { a, _ in a })
    }
}

/// What each paragraph's opening says (`ContextReader.opening`), by paragraph index, and the time carried
/// into each sentence from its paragraph (`ContextReader.paragraphTime`), by the sentence's start, within
/// one document's normalize call.
final class ParagraphOpenings {
    enum Opening { case cue(String?), time, none }
    var known: [Int: Opening] = [:]
    var times: [Int: Carried?] = [:]
}
