import TiquClean
import TiquMatch
import TiquRules
import TiquSegment

/// The normalize stage: `[RuleMatch]` → `[Extraction]`. Each match is read by the reader of its kind
/// (numbers, dates, project names); numbers then get the change verb before them and their context
/// (modality, period, indicator). Every word it reads comes from `rules/` (`ContextWords`).
public struct Normalizer: Sendable {
    public let lexicon: Lexicon
    public let words: ContextWords

    public init(lexicon: Lexicon, words: ContextWords) {
        self.lexicon = lexicon
        self.words = words
    }

    public func normalize(_ matches: [RuleMatch], text: CleanText, segmentation: Segmentation) -> [Extraction] {
        var out: [Extraction] = []
        out.reserveCapacity(matches.count)
        let numbers = NumberReader(lexicon: lexicon, words: words)
        let change = ChangeReader(words: words)
        let context = ContextReader(words: words)
        for m in matches {
            var e: Extraction
            switch m.rule.kind {
            case .date: e = DateReader.read(m, text: text)
            case .project: e = ProjectNameReader(words: words).read(m, text: text)
            default:
                e = numbers.read(m, text: text)
                if let sentence = segmentation.sentence(containing: m.range.lowerBound) {
                    change.read(&e, sentence: sentence, bytes: text.bytes, previous: out)
                    context.read(&e, sentence: sentence, bytes: text.bytes, segmentation: segmentation, previous: out)
                }
            }
            out.append(e)
        }
        return out
    }
}
