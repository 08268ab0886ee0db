import Foundation
import PCRE2

/// What the pipeline made of one document.
public struct DocumentResult: Sendable {
    public let doc: String
    public let records: [Record]
    public let diagnostics: [Diagnostic]
    /// True when the document could not be processed at all (empty, binary, unreadable).
    public let skipped: Bool
    /// True when the user must act: undecodable bytes, a rule that hit a PCRE2 limit, a skipped binary.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The stages wired together for one document: decode → clean → segment → match → normalize → emit.
/// Holds no stage logic of its own. Immutable and shared by all worker threads.
public struct Pipeline: Sendable {
    public let ruleSet: RuleSet
    public let cleaner: Cleaner
    public private(set) var matcher: Matcher
    public let normalizer: Normalizer
    public var forcedEncoding: TextEncoding?
    /// Every rule over every byte, without the prefilter (`--plain` or TIQU_PLAIN=1): the reference the
    /// prefiltered path must equal byte for byte.
    public var plain: Bool {
        get { matcher.plain }
        set { matcher.plain = newValue }
    }

    /// Threads a large document may use for its parts (set by the driver; 1 = no splitting).
    public var parallelism = 1
    /// Documents with more cleaned bytes than this are matched in parts (TIQU_PART_BYTES overrides it).
    public var partBytes = 4 << 20

    public init(ruleSet: RuleSet, forcedEncoding: TextEncoding? = nil) {
        self.ruleSet = ruleSet
        cleaner = Cleaner(removalRules: ruleSet.removalRules.map { RemovalRule(id: $0.id, regex: $0.regex) })
        matcher = Matcher(rules: ruleSet.rules)
        normalizer = Normalizer(lexicon: ruleSet.lexicon)
        self.forcedEncoding = forcedEncoding
        if let env = ProcessInfo.processInfo.environment["TIQU_PLAIN"], env == "1" { matcher.plain = true }
        if let env = ProcessInfo.processInfo.environment["TIQU_PART_BYTES"], let n = Int(env), n > 0 { partBytes = n }
    }

    /// A place the damage rules flagged (mojibake, redaction), in cleaned bytes.
    public struct Flag: Sendable, Equatable {
        public let rule: String
        public let range: Range<Int>
        /// Kinds whose matches may overlap this place (the rule's `allows:`).
        public let allows: Set<ExtractionKind>
    }

    /// Intermediate values for one document, for `tiqu clean`, tests and the rule checker.
    public struct Stages: Sendable {
        public let decoded: DecodedText
        public let clean: CleanText
        public let segmentation: Segmentation
        public let flags: [Flag]
        public let records: [Record]
        public let diagnostics: [Diagnostic]
    }

    public func run(_ doc: SourceDocument, scratch: MatchScratch) throws -> Stages {
        let decoded = try Decoder.decode(doc.bytes, forced: forcedEncoding)
        var diagnostics = decoded.diagnostics
        let clean: CleanText
        do {
            clean = try cleaner.clean(decoded, scratch: scratch)
        } catch let e as PCRE2Error {
            // A debris rule that hits a limit: report it and extract from the uncleaned text.
            diagnostics.append(Diagnostic(.error, "a clean rule hit a PCRE2 limit (\(e.message)); the document was not cleaned"))
            clean = try Cleaner().clean(decoded, scratch: scratch)
        }
        let segmentation = Segmenter.segment(clean, decoded: decoded, scratch: scratch)
        diagnostics += segmentation.problems.map { Diagnostic(.error, $0) }
        var hits: [Matcher.LimitHit] = []
        let flags = findFlags(clean, scratch: scratch, limitHits: &hits)
        diagnostics += report(flags, clean: clean, decoded: decoded)
        // A number that overlaps damage (X亿元, 規?;a業) is never turned into a value; a damage rule may allow
        // some kinds (a project name may hold a redaction mark: 《**方案》 is still a document).
        // Match, normalize and emit: over the whole document, or over parts in parallel when the document
        // is large (parts split between paragraphs, so no match, sentence or link crosses a part; the
        // plain path never splits and is the reference the test compares against).
        let parts = plain ? [nil] : splitParts(segmentation, bytes: clean.bytes.count, parallelism: parallelism)
        var partRecords = [[Record]](repeating: [], count: parts.count)
        var partHits = [[Matcher.LimitHit]](repeating: [], count: parts.count)
        let lock = NSLock()
        func runPart(_ k: Int, _ scratch: MatchScratch) {
            var hits: [Matcher.LimitHit] = []
            let rules = ruleSet.rules
            let matches = matcher.matches(in: clean, segmentation: segmentation, part: parts[k], scratch: scratch, limitHits: &hits).filter { m in
                let kind = rules[m.ruleIndex].kind
                return !flags.contains { $0.range.overlaps(m.range) && !$0.allows.contains(kind) }
            }
            let extractions = normalizer.normalize(matches, rules: rules, text: clean, segmentation: segmentation)
            let records = Emitter.records(doc: doc.path, extractions: extractions, rules: rules, decoded: decoded,
                                          clean: clean, segmentation: segmentation)
            lock.lock()
            partRecords[k] = records
            partHits[k] = hits
            lock.unlock()
        }
        if parts.count == 1 {
            runPart(0, scratch)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in runPart(k, MatchScratch(limits: scratch.limits)) }
        }
        hits += partHits.flatMap { $0 }
        let allRules = ruleSet.rules + ruleSet.flagRules
        for h in hits {
            let location = allRules.first { $0.id == h.rule }.map { " (\($0.location))" } ?? ""
            diagnostics.append(Diagnostic(.error, offset: clean.map.original(h.offset..<h.offset).byte.lowerBound,
                "rule `\(h.rule)`\(location) stopped on this document: \(h.error.message); the other rules ran. Make the pattern backtrack less (bounded repeats, possessive or atomic groups)"))
        }
        let records = partRecords.flatMap { $0 }
        return Stages(decoded: decoded, clean: clean, segmentation: segmentation, flags: flags,
                      records: records, diagnostics: diagnostics)
    }

    /// Parts of a large document as ranges of sentence indices, cut where a sentence starts a paragraph,
    /// about `partBytes` each and at least as many as `parallelism`; `[nil]` (the whole) for small ones.
    func splitParts(_ seg: Segmentation, bytes: Int, parallelism: Int) -> [Range<Int>?] {
        guard parallelism > 1, bytes > partBytes, seg.sentences.count > 1 else { return [nil] }
        let count = max(parallelism, (bytes + partBytes - 1) / partBytes)
        let target = bytes / count
        var out: [Range<Int>?] = []
        var start = 0
        var p = 0  // paragraph index
        for k in 1..<seg.sentences.count {
            let s = seg.sentences[k].lowerBound
            while p < seg.paragraphs.count && seg.paragraphs[p].upperBound < s { p += 1 }
            // Cut only where this sentence opens its paragraph.
            guard p < seg.paragraphs.count, seg.paragraphs[p].lowerBound <= s,
                  seg.sentences[k - 1].upperBound <= seg.paragraphs[p].lowerBound else { continue }
            if s - seg.sentences[start].lowerBound >= target {
                out.append(start..<k)
                start = k
            }
        }
        out.append(start..<seg.sentences.count)
        return out
    }

    func findFlags(_ clean: CleanText, scratch: MatchScratch, limitHits: inout [Matcher.LimitHit]) -> [Flag] {
        var flags: [Flag] = []
        for rule in ruleSet.flagRules {
            do {
                try rule.regex.forEachMatch(in: clean.bytes, scratch: scratch) { m in
                    if !m.range.isEmpty { flags.append(Flag(rule: rule.id, range: m.range, allows: rule.allows)) }
                    return true
                }
            } catch let e as PCRE2Error {
                limitHits.append(Matcher.LimitHit(rule: rule.id, error: e, offset: 0))
            } catch {
                assertionFailure("unexpected error \(error)")
            }
        }
        return flags.sorted { ($0.range.lowerBound, $0.rule) < ($1.range.lowerBound, $1.rule) }
    }

    /// One warning per damage rule per document, with the places (original byte offsets), at most ten shown.
    func report(_ flags: [Flag], clean: CleanText, decoded: DecodedText) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for id in Set(flags.map(\.rule)).sorted() {
            let mine = flags.filter { $0.rule == id }
            let places = mine.prefix(10).map { f -> String in
                let o = clean.map.original(f.range)
                return "\(o.byte.lowerBound) «\(decoded.text(o.char))»"
            }
            let more = mine.count > 10 ? ", …" : ""
            out.append(Diagnostic(.warning, offset: clean.map.original(mine[0].range).byte.lowerBound,
                                  "\(mine.count) place(s) flagged by \(id) at bytes \(places.joined(separator: ", "))\(more); nothing there is extracted"))
        }
        return out
    }

    /// Processes one document; never throws: what goes wrong becomes a diagnostic on the result.
    public func process(_ doc: SourceDocument, scratch: MatchScratch) -> DocumentResult {
        process(doc, scratch: scratch, render: nil).result
    }

    /// Processes one document and, when asked, renders its stages (the outline of `tiqu segment`).
    public func process(_ doc: SourceDocument, scratch: MatchScratch,
                        render: ((Stages) -> [UInt8])?) -> (result: DocumentResult, rendered: [UInt8]?) {
        do {
            let s = try run(doc, scratch: scratch)
            return (DocumentResult(doc: doc.path, records: s.records, diagnostics: s.diagnostics, skipped: false), render?(s))
        } catch DecodeError.empty {
            return (DocumentResult(doc: doc.path, records: [], diagnostics: [Diagnostic(.warning, "\(DecodeError.empty)")], skipped: true), nil)
        } catch let e as DecodeError {
            return (DocumentResult(doc: doc.path, records: [], diagnostics: [Diagnostic(.error, "\(e)")], skipped: true), nil)
        } catch {
            return (DocumentResult(doc: doc.path, records: [], diagnostics: [Diagnostic(.error, "\(error)")], skipped: true), nil)
        }
    }
}
