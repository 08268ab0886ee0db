import TiquClean
import TiquMatch
import TiquRules
import TiquSegment
import TiquText

/// The normalize stage: `[RuleMatch]` → `[Extraction]`. Each match is read by the reader of its kind
/// (numbers, dates, project names); numbers then get the change verb before them and their context
/// (modality, period, indicator). Every word it reads comes from `rules/` (`ContextWords`).
public struct Normalizer: Sendable {
    public let lexicon: Lexicon
    public let words: ContextWords
    let periods: PeriodWords
    let reach: ByteWords
    let average: ByteWords
    let stops: ByteWords
    let meetings: MeetingWords

    public init(lexicon: Lexicon, words: ContextWords) {
        self.lexicon = lexicon
        self.words = words
        periods = PeriodWords(words, lexicon: lexicon)
        reach = ByteWords(lexicon.words(in: "change_link", meaning: "level"))
        average = ByteWords(lexicon.words(in: "indicator_lead", meaning: "average"))
        stops = ByteWords(lexicon.words(in: "clause_boundary", meaning: "stop"))
        meetings = MeetingWords(lexicon)
    }

    /// `year` is the document's year where its speeches give none (`fallbackYear`): computed once for the
    /// whole document, since a part may not hold the review section it is inferred from.
    /// `plans`, the spans the document's headings name (`headingPlans`), likewise; without them a heading's
    /// span is read from the matches given, which then must hold the heading's.
    public func normalize(_ matches: [RuleMatch], text: CleanText, segmentation: Segmentation, year: DocumentYear? = nil,
                          plans: HeadingPlans? = nil) -> [Extraction] {
        var out: [Extraction] = []
        out.reserveCapacity(matches.count)
        let numbers = NumberReader(lexicon: lexicon, words: words)
        let change = ChangeReader(words: words)
        let context = ContextReader(words: words, fallbackYear: year, periods: periods, openings: ParagraphOpenings(), reach: reach, average: average, stops: stops,
                                     plans: plans)
        let lists = ListReader(words: words, bytes: text.bytes)
        // The extractions of the current sentence, for the lists read once it is complete.
        var sentenceStart = 0
        var current: Range<Int>?
        for m in matches {
            let sentence = segmentation.sentence(containing: m.range.lowerBound)
            if sentence != current {
                if let c = current { lists.read(&out, sentenceStart..<out.count, sentence: c) }
                current = sentence
                sentenceStart = out.count
            }
            // Each extraction is appended as made, moved, not copied (a copy of one retained each of its
            // strings and released them again).
            switch m.rule.kind {
            case .date: out.append(DateReader.read(m, text: text))
            case .project: out.append(ProjectNameReader(words: words).read(m, text: text))
            default:
                var e = numbers.read(m, text: text)
                if let sentence {
                    read(&e, sentence: sentence, sentenceStart: sentenceStart, out: &out, text: text, segmentation: segmentation,
                         change: change, context: context)
                }
                out.append(consume e)
            }
        }
        if let c = current { lists.read(&out, sentenceStart..<out.count, sentence: c) }
        return out
    }
}

extension Normalizer {
    /// A number's change verb and context, read in its sentence after the extractions before it (`out`);
    /// for B of 从A提高到B, A (in `out`) is completed too.
    func read(_ e: inout Extraction, sentence: Range<Int>, sentenceStart: Int, out: inout [Extraction], text: CleanText,
              segmentation: Segmentation, change: ChangeReader, context: ContextReader) {
        let fromTo = change.read(&e, sentence: sentence, bytes: text.bytes, previous: out)
        // Asked once: the indicator reader asked it too, each time scanning 90 bytes either side.
        let inName = named(e.match.range, sentence: sentence, bytes: text.bytes)
        context.read(&e, sentence: sentence, bytes: text.bytes, segmentation: segmentation, previous: out, named: inName)
        // “十个要不要”, “稳经济18条”, 《十六条》: a number in a name states no aim nor result.
        if inName { e.modality = nil } else { population(&e, sentence: sentence, bytes: text.bytes) }
        // 从A提高到B: A gets B's value as its `to`; both measure what is written before 从.
        guard let (a, marker, year) = fromTo else { return }
        out[a].to = e.value
        let dates = Array(out[sentenceStart..<a])
        periodOfA(&out[a], year: year, b: e, marker: marker, dates: dates[...], sentence: sentence,
                  bytes: text.bytes, segmentation: segmentation, context: context)
        if case .named(let s, let r) = fromToIndicator(before: marker, sentence: sentence, bytes: text.bytes, previous: out) {
            (out[a].indicator, out[a].indicatorRange) = (s, r)
            (e.indicator, e.indicatorRange) = (s, r)
        } else {
            // 发电机:从三万千瓦增加到…: B's own clause holds A (从三万千瓦), no indicator.
            (e.indicator, e.indicatorRange) = (nil, nil)
        }
    }

    /// 我国有十亿多人口, 我国十亿人民: a count of the people (its unit starting a `unit_word`) that nothing
    /// else dates is of the present, a fact: `actual`.
    func population(_ e: inout Extraction, sentence: Range<Int>, bytes: [UInt8]) {
        if e.modality == nil, e.kind == .quantity,
           IndicatorReader(words: words).unitWord(unit: e.unitRange, end: e.match.range.upperBound, sentence: sentence, bytes: bytes) != nil { e.modality = "actual" }
    }

    /// Whether the number stands inside quote or title marks, part of a name.
    func named(_ m: Range<Int>, sentence: Range<Int>, bytes: [UInt8]) -> Bool {
        let reader = IndicatorReader(words: words)
        return reader.quoted(m, sentence: sentence, bytes: bytes) || reader.titled(m, sentence: sentence, bytes: bytes)
    }

    /// What `从A提高到B` measures: the phrase before 从 in its clause, else, when that clause holds nothing
    /// else (全国研究与试验开发经费，从…增加到…; 钢：从…增加到…; 它的比重，已由…), the phrase of the clause before.
    func fromToIndicator(before marker: Int, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) -> IndicatorReader.Phrase {
        let p = fromToPhrase(before: marker, sentence: sentence, bytes: bytes, previous: previous)
        // 其中用于城市居民最低生活保障的补助资金由上年46亿元…: with its 用于, as before any number.
        if case .named(let s, let r) = p, let (t, q) = IndicatorReader(words: words).purpose(s, r, bytes) { return .named(t, q) }
        return p
    }

    func fromToPhrase(before marker: Int, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) -> IndicatorReader.Phrase {
        let reader = IndicatorReader(words: words)
        let own = max(sentence.lowerBound, marker - 150)..<marker
        let phrase = reader.before(own, sentence: sentence, bytes: bytes, previous: previous)
        guard phrase == .none || phrase == .verbsOnly, let cut = reader.lastBoundary(bytes, own) else { return phrase }
        let (lo, hi) = reader.trim(cut.upperBound..<marker, bytes)
        guard lo >= hi else { return phrase }
        return reader.before(max(sentence.lowerBound, cut.lowerBound - 150)..<cut.lowerBound, sentence: sentence, bytes: bytes, previous: previous)
    }
}
