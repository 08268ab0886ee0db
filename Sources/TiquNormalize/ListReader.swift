import TiquRules
import TiquText

/// Figures written as a list (`增长8.9%、7.7%`, `分别达433亿美元和777亿美元`): the later figures share the
/// first one's change, direction, base and yoy; with `分别` the subjects before it are paired with the
/// figures in order (`高技术制造业、装备制造业增加值分别增长8.9%、7.7%`); a list after a clause of verbs
/// only is paired with as many figures before it (`收入17175元,纯收入5153元,实际增长9.8%和8.5%`).
struct ListReader {
    let words: ContextWords
    let bytes: [UInt8]

    /// Reads the lists among `out[range]`, the extractions of one sentence.
    func read(_ out: inout [Extraction], _ range: Range<Int>, sentence: Range<Int>) {
        var i = range.lowerBound
        while i < range.upperBound {
            var j = i
            // Read by field: an element of the `inout` list passed whole was copied (every string retained).
            while j + 1 < range.upperBound, isNumber(out[j].kind), isNumber(out[j + 1].kind),
                  joined(out[j].match.range, out[j + 1].match.range) { j += 1 }
            if j > i { pair(&out, i...j, sentence: sentence, from: range.lowerBound) }
            i = j + 1
        }
    }

    func isNumber(_ kind: ExtractionKind) -> Bool { kind != .date && kind != .project }

    /// Only a list joiner (and spaces) stands between matches `a` and `b`.
    func joined(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        var lo = a.upperBound, hi = b.lowerBound
        while lo < hi, bytes[lo] == 0x20 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 { hi -= 1 }
        guard let w = words.listJoiners.prefix(of: bytes, lo..<hi) else { return false }
        return w.count == hi - lo
    }

    func pair(_ out: inout [Extraction], _ list: ClosedRange<Int>, sentence: Range<Int>, from first: Int) {
        let head = out[list.lowerBound]
        for k in list.dropFirst() where out[k].change == nil && out[k].direction == nil {
            out[k].change = head.change
            out[k].direction = head.direction
            out[k].yoy = head.yoy
            if out[k].base == nil { out[k].base = head.base }
        }
        let subjects = respectiveSubjects(before: head.match.range.lowerBound, sentence: sentence)
        if let subjects, subjects.count == list.count {
            for (k, s) in zip(list, shareTail(subjects)) { (out[k].indicator, out[k].indicatorRange) = (s.name, s.range) }
        } else if head.indicatorInherited || subjects?.isEmpty == true {
            // 炼铁产能1亿吨、炼钢产能5500万吨,今年分别淘汰3000万吨和3500万吨: 分别 with no subjects of its own.
            // The figures before, in order, each with its own indicator, past the dates between (人次，创汇18.4亿
            // 美元，分别为1982年的3.4倍和2.2倍: the base year 1982 is no figure).
            let before = Array((first..<list.lowerBound).filter { isNumber(out[$0].kind) }.suffix(list.count))
            let names = before.compactMap { out[$0].indicator }
            guard names.count == list.count, Set(names).count == names.count else { return }
            for (k, b) in zip(list, before) { (out[k].indicator, out[k].indicatorRange) = (out[b].indicator, out[b].indicatorRange) }
        }
    }

    /// The subjects of `A、B分别增长…`: the phrase before `分别`, back to the clause's start, split at the list
    /// joiners and each trimmed like an indicator; nil when there is no `分别` in the clause or a subject
    /// cannot be named, empty when nothing but verbs stands before it.
    func respectiveSubjects(before start: Int, sentence: Range<Int>) -> [(name: String, range: Range<Int>)]? {
        var from = max(sentence.lowerBound, start - 120)
        while from < start, bytes[from] & 0xC0 == 0x80 { from += 1 }
        let reader = IndicatorReader(words: words)
        // 分别 within the clause before the number (after its last boundary other than 、).
        var at: Int?
        var i = start - 1
        while i >= from {
            if bytes[i] & 0xC0 != 0x80 {
                if words.respectively.prefix(of: bytes, i..<start) != nil { at = i; break }
                let (v, _) = UTF8Scalar.decode(bytes, i)
                if words.clauseBoundary.contains(v), words.listJoiners.prefix(of: bytes, i..<start) == nil { return nil }
            }
            i -= 1
        }
        guard let at else { return nil }
        var lo = at
        while lo > from {
            var k = lo - 1
            while k > from, bytes[k] & 0xC0 == 0x80 { k -= 1 }
            let (v, _) = UTF8Scalar.decode(bytes, k)
            // 水泥和化肥(折纯)分别达到…: a parenthesis inside a subject is part of it.
            if v == 0x29, let open = bytes[from..<k].lastIndex(of: 0x28) {
                lo = open
                continue
            }
            if words.clauseBoundary.contains(v), words.listJoiners.prefix(of: bytes, k..<at) == nil { break }
            lo = k
        }
        var parts: [(name: String, range: Range<Int>)] = []
        let (a0, b0) = reader.trim(lo..<at, bytes)
        if a0 >= b0 { return [] }
        var s = lo
        var p = lo
        while p <= at {
            let w = p < at ? words.listJoiners.prefix(of: bytes, p..<at) : nil
            if p == at || w != nil {
                let (a, b) = reader.trim(s..<p, bytes)
                guard a < b, let name = reader.accept(a..<b, bytes) else { return nil }
                parts.append((name, a..<b))
                p += w?.count ?? 1
                s = p
            } else {
                p += 1
            }
        }
        return parts
    }

    /// `高技术制造业、装备制造业增加值分别增长…`: the measure written once after the last subject (a
    /// `shared_tail` word such as 增加值) belongs to every subject that has none of its own; each range
    /// stays the subject as written.
    func shareTail(_ subjects: [(name: String, range: Range<Int>)]) -> [(name: String, range: Range<Int>)] {
        guard let last = subjects.last, let tail = words.sharedTail.suffix(of: bytes, last.range), tail.count < last.range.count else { return subjects }
        let suffix = String(decoding: tail, as: UTF8.self)
        return subjects.map { s in
            words.sharedTail.suffix(of: bytes, s.range) == nil ? (s.name + suffix, s.range) : s
        }
    }
}
