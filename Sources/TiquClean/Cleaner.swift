import PCRE2
import TiquRules
import TiquText

/// The clean stage: decoded text → `CleanText`. Folds width, line ends and Traditional characters one
/// scalar to one, drops layout spaces inside numbers, removes web debris (`rules/clean/`, kind `remove`)
/// and flags damage (kind `flag`), recording every change in the offset map. Rules downstream are written
/// once, in Simplified Chinese with ASCII digits and punctuation.
public struct Cleaner: Sendable {
    public let removalRules: [Rule]
    public let flagRules: [Rule]
    public let words: CleanWords
    /// The candidate passes of the debris and the damage rules (`CandidatePass.load`); nil: every rule
    /// runs over the whole text (same result).
    public var removalCandidates: CandidatePass?
    public var flagCandidates: CandidatePass?

    public init(removalRules: [Rule] = [], flagRules: [Rule] = [], words: CleanWords) {
        self.removalRules = removalRules
        self.flagRules = flagRules
        self.words = words
    }

    public init(ruleSet: RuleSet) {
        self.init(removalRules: ruleSet.removalRules, flagRules: ruleSet.flagRules,
                  words: ruleSet.clean ?? CleanWords(numberContinues: ScalarSet([String]())))
    }

    /// Never fails: a debris rule that hits a PCRE2 limit leaves the document folded but not cleaned, and
    /// says so; a damage rule that does leaves its places unflagged, and says so.
    public func clean(_ text: DecodedText, scratch: Scratch) -> CleanText {
        clean(text, folded: fold(text), scratch: scratch)
    }

    /// Decodes and cleans a file's bytes (as `Decoder.decode` and `clean(_:scratch:)` would, with the same
    /// result): a file read as UTF-8 is checked while it is folded, in one pass over its bytes, and is
    /// decoded apart only when it turns out not to be valid UTF-8 (it is then folded again).
    public func clean(bytes: [UInt8], forced: TextEncoding?, scratch: Scratch) throws -> (decoded: DecodedText, clean: CleanText) {
        if let (start, bom) = try Decoder.utf8Start(bytes, forced: forced), let (decoded, map) = foldValidating(bytes, from: start, bom: bom) {
            return (decoded, clean(decoded, folded: map, scratch: scratch))
        }
        let decoded = try Decoder.decode(bytes, forced: forced)
        return (decoded, clean(decoded, scratch: scratch))
    }

    func clean(_ text: DecodedText, folded: OffsetMap, scratch: Scratch) -> CleanText {
        var map = folded
        var diagnostics: [Diagnostic] = []
        var removed: [(rule: String, range: Range<Int>)] = []
        do {
            removed = try findRemovals(map.cleanBytes, scratch: scratch)
        } catch {
            diagnostics.append(Diagnostic(.error, "a clean rule hit a PCRE2 limit (\(error.message)); the document was not cleaned"))
        }
        let removals = removed.isEmpty ? [] : remove(removed, from: &map)
        let damage = DamageScanner(rules: flagRules, candidates: flagCandidates).scan(map.cleanBytes, map: map, decoded: text, scratch: scratch)
        return CleanText(bytes: map.cleanBytes, map: map, removals: removals, flags: damage.flags, diagnostics: diagnostics + damage.diagnostics)
    }

    /// Pass 2a: the removal rules over the folded text: what they remove, in folded bytes.
    func findRemovals(_ utf8: [UInt8], scratch: Scratch) throws(PatternStop) -> [(rule: String, range: Range<Int>)] {
        var result: [(rule: String, range: Range<Int>)] = []
        let ends = removalCandidates?.scan(utf8, range: utf8.indices, scratch: scratch)
        for (index, rule) in removalRules.enumerated() {
            do {
                for (subject, _, limit) in CandidatePass.searches(removalCandidates, index, ends: ends, range: utf8.indices) {
                    try rule.regex.forEachMatch(in: utf8, range: subject, startLimit: limit, scratch: scratch.pcre2) { m in
                        if !m.range.isEmpty { result.append((rule.id, m.range)) }
                        return true
                    }
                }
            } catch let e as PCRE2Error {
                throw PatternStop(e)
            } catch {
                fatalError("forEachMatch throws only PCRE2Error: \(error)")
            }
        }
        result.sort { ($0.range.lowerBound, $0.range.upperBound, $0.rule) < ($1.range.lowerBound, $1.range.upperBound, $1.rule) }
        return result
    }

    /// Pass 2b: the folded text without the removed stretches (compacted in place), with its map, and
    /// each removal with the cleaned byte where it stood and its original span.
    func remove(_ removed: [(rule: String, range: Range<Int>)], from map: inout OffsetMap) -> [CleanText.Removal] {
        // Removed stretches merged into disjoint runs, sorted by start.
        var runs: [Range<Int>] = []
        for r in removed {
            if let last = runs.last, r.range.lowerBound <= last.upperBound {
                runs[runs.count - 1] = last.lowerBound..<max(last.upperBound, r.range.upperBound)
            } else {
                runs.append(r.range)
            }
        }
        // Original spans first: they are read from the folded map, which the compaction replaces.
        let spans = removed.map { map.original($0.range) }
        let at = map.remove(runs)
        return removed.indices.map { i -> CleanText.Removal in
            let run = Search.first(runs.count) { runs[$0].upperBound > removed[i].range.lowerBound }
            return CleanText.Removal(rule: removed[i].rule, at: at[run], original: spans[i])
        }
    }
}
