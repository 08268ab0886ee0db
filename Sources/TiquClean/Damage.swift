import PCRE2
import TiquRules
import TiquText

/// Damage in the cleaned text (mojibake, redaction marks: `rules/clean/damage.yaml`, kind `flag`): each
/// place is flagged, reported once per rule per document with its original offsets, and no number
/// overlapping it becomes a record (the match stage drops those, unless the rule `allows:` the kind).
struct DamageScanner {
    let rules: [Rule]
    var candidates: CandidatePass?

    func scan(_ bytes: [UInt8], map: OffsetMap, decoded: DecodedText, scratch: Scratch) -> (flags: [CleanText.Flag], diagnostics: [Diagnostic]) {
        var flags: [CleanText.Flag] = []
        var stopped: [Diagnostic] = []
        let ends = candidates?.scan(bytes, range: bytes.indices, scratch: scratch)
        for (index, rule) in rules.enumerated() {
            do {
                for (subject, _, limit) in CandidatePass.searches(candidates, index, ends: ends, range: bytes.indices) {
                    try rule.regex.forEachMatch(in: bytes, range: subject, startLimit: limit, scratch: scratch.pcre2) { m in
                        if !m.range.isEmpty { flags.append(CleanText.Flag(rule: rule.id, range: m.range, allows: rule.allows)) }
                        return true
                    }
                }
            } catch let e as PCRE2Error {
                stopped.append(Diagnostic(.error, offset: map.originalByte(0), PatternStop(e).stoppedMessage(rule: rule)))
            } catch {
                fatalError("forEachMatch throws only PCRE2Error: \(error)")
            }
        }
        flags.sort { ($0.range.lowerBound, $0.rule) < ($1.range.lowerBound, $1.rule) }
        return (flags, report(flags, map: map, decoded: decoded) + stopped)
    }

    /// One warning per damage rule per document, with the places (original byte offsets), at most ten shown.
    func report(_ flags: [CleanText.Flag], map: OffsetMap, decoded: DecodedText) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for id in Set(flags.map(\.rule)).sorted() {
            let mine = flags.filter { $0.rule == id }
            let places = mine.prefix(10).map { f -> String in
                let o = map.original(f.range)
                return "\(o.byte.lowerBound) «\(decoded.text(o.char))»"
            }
            let more = mine.count > 10 ? ", …" : ""
            out.append(Diagnostic(.warning, offset: map.original(mine[0].range).byte.lowerBound,
                                  "\(mine.count) place(s) flagged by \(id) at bytes \(places.joined(separator: ", "))\(more); nothing there is extracted"))
        }
        return out
    }
}
