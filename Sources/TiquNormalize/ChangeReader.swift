import TiquRules
import TiquText

/// The change verb written right before a number (`增长4.2%`, `同比下降2.5%`, `提高到60%`), read on the
/// bytes of the clause before it, with the words of `ContextWords`.
struct ChangeReader {
    let words: ContextWords

    func read(_ e: inout Extraction, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) {
        let start = e.match.range.lowerBound
        guard start > sentence.lowerBound else { return }
        // The clause before the number, at most 48 bytes back (16 characters): verbs stand right before it.
        var from = max(sentence.lowerBound, start - 48)
        while from < start, bytes[from] & 0xC0 == 0x80 { from += 1 }
        var hi = start
        let toForm = words.changeTo.suffix(of: bytes, from..<hi)
        if let w = toForm { hi -= w.count }
        // Link words between the verb and the number: 增速为6%, 增长达8%, 分别增长3%和5%.
        if let w = words.changeLinks.suffix(of: bytes, from..<hi) { hi -= w.count }
        if let w = words.changeAspect.suffix(of: bytes, from..<hi) { hi -= w.count }
        guard let verb = words.changeVerbs.suffix(of: bytes, from..<hi) else { return }
        e.change = words.changeMeaning[verb]
        // 同比 anywhere in the clause before the number.
        var clause = from
        var i = hi - 1
        while i >= from {
            if bytes[i] & 0xC0 != 0x80 {
                let (v, n) = UTF8Scalar.decode(bytes, i)
                if words.changeClauseBreak.contains(v) { clause = i + n; break }
            }
            i -= 1
        }
        e.yoy = words.yoy.occurs(in: bytes, clause..<hi)
        if toForm != nil { readFrom(&e, verbStart: hi - verb.count, sentence: sentence, bytes: bytes, previous: previous) }
    }

    /// 从A提高到B: A is the previous extraction of the sentence, preceded by 从/由, right before the verb
    /// (or with only 的 between).
    func readFrom(_ e: inout Extraction, verbStart: Int, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) {
        guard let a = previous.last, a.match.range.upperBound <= verbStart, a.match.range.lowerBound >= sentence.lowerBound else { return }
        let between = a.match.range.upperBound..<verbStart
        let linked = between.isEmpty || words.fromLinks.words.contains { bytes[between].elementsEqual($0) }
        if linked, words.fromMarkers.suffix(of: bytes, sentence.lowerBound..<a.match.range.lowerBound) != nil {
            e.from = a.value
        }
    }
}
