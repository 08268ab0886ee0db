import TiquRules
import TiquText

/// The `period` words of `ContextWords` and the `period_span` words written after a count of years (九年间)
/// as one `ByteWords` (longest first, as the list is: of two words written at one place one is a prefix of
/// the other, so both orders take the same) with their meanings; a span word's meaning is `period_span`'s
/// (`past`, or `none` for a word that only looks like one: 年中央), read with the count before it.
struct PeriodWords: Sendable {
    let table: ByteWords
    let meaning: [[UInt8]: String]
    /// The span words, and the words that make a count before one no span (第一个五年中 names a plan).
    let spans: Set<[UInt8]>
    let notBeforeCount: ByteWords
    /// The words of a heading that reviews (`DocumentYear.reviewWords`), made once, not for every number
    /// under a heading of target words.
    let review: [[UInt8]]
    /// The `modality` cues a sentence is scanned for, without the `present_count` words (有), which are
    /// looked for only after a `present` cue (现在, 目前): scanning for 有 at every byte cost 33 M instructions.
    let cues: ByteWords
    let counts: [[UInt8]]
    /// Where `lastPeriodWord` may find a word (of `table` or the base words) and `cues` a cue (weak or
    /// strong) or a quote mark: each scan jumps between these places, not trying both lists at every byte.
    let periodStarts: WordStarts
    let cueStarts: WordStarts
    /// `span_total` words (合计): a level after one in its clause is a total over the span (`atSpanEnd`).
    let totals: ByteWords
    /// `target_after` words (的预定目标): right after a number, make it an aim.
    let targetAfter: ByteWords

    init(_ words: ContextWords, lexicon: Lexicon) {
        let span = lexicon.words(in: "period_span").filter { lexicon.meaning(of: $0, in: "period_span") != "not" }
        table = ByteWords(words.period.map { String(decoding: $0.bytes, as: UTF8.self) } + span)
        meaning = Dictionary(words.period.map { ($0.bytes, $0.meaning) } + span.map { (Array($0.utf8), Self.spanMark + (lexicon.meaning(of: $0, in: "period_span") ?? "")) },
                             uniquingKeysWith: { a, _ in a })
        spans = Set(span.map { Array($0.utf8) })
        notBeforeCount = ByteWords(lexicon.words(in: "period_span", meaning: "not"))
        review = DocumentYear.reviewWords(words)
        let count = lexicon.words(in: "modality", meaning: ContextReader.count)
        cues = ByteWords(lexicon.words(in: "modality").filter { !count.contains($0) })
        counts = count.map { Array($0.utf8) }
        periodStarts = WordStarts([table, words.baseWords])
        cueStarts = WordStarts([words.weakModality, cues], stops: [ContextReader.quoteLead])
        totals = lexicon.byteWords(in: "span_total")
        targetAfter = lexicon.byteWords(in: "target_after")
    }

    /// The prefix of a span word's meaning, which the count before it completes.
    static let spanMark = "span:"
}

/// What each paragraph's opening says (`ContextReader.opening`), by paragraph index, the time carried
/// into each sentence from its paragraph (`ContextReader.paragraphTime`), by the sentence's start, and the
/// years each paragraph writes (`ContextReader.yearsWritten`), within one document's normalize call.
final class ParagraphOpenings {
    enum Opening { case cue(String?), time, none }
    /// By paragraph index, made as long as the paragraphs on first use (an array, not a dictionary hashed
    /// for every paragraph a block is walked back over).
    var known: [Opening?] = []
    var times: [Int: Carried?] = [:]
    /// The years written in each paragraph (`ContextReader.yearsWritten`), by its start.
    var years: [Int: [(year: Int, at: Range<Int>)]] = [:]
}
