import Foundation
import TiquClean
import TiquEmit
import TiquMatch
import TiquNormalize
import TiquRules
import TiquSegment
import TiquText

/// What the pipeline made of one document.
public struct DocumentResult: Sendable {
    public let doc: String
    /// The records, unless they were streamed to the driver's sink part by part (a large document).
    public let records: [Record]
    /// How many records of each kind the document gave (streamed or not).
    public var counts: [ExtractionKind: Int] = [:]
    public let diagnostics: [Diagnostic]
    /// True when the document could not be processed at all (empty, binary, unreadable).
    public let skipped: Bool
    /// True when the user must act: undecodable bytes, a rule that hit a PCRE2 limit, a skipped binary.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The rules folder lacks what a stage needs (the load errors say what); no pipeline can be built.
public struct PipelineError: Error, CustomStringConvertible {
    public let description: String
}

/// The stages wired together for one document: decode → clean → segment → match → normalize → emit.
/// It holds no stage logic: each stage is one value with one entry point, and this only hands each the
/// previous one's output. Immutable and shared by all worker threads.
public struct Pipeline: Sendable {
    /// Where the candidate pass's database is cached (`CandidatePass.Cache`, in the match stage).
    public typealias CandidateCache = CandidatePass.Cache

    public struct Options: Sendable {
        public var forcedEncoding: TextEncoding?
        /// Every rule over every byte, without the prefilter (`--plain`): the reference the prefiltered path
        /// must equal byte for byte. It never splits documents into parts either.
        public var plain = false
        /// Documents with more cleaned bytes than this are matched in parts (`Parts`) and their records
        /// streamed: 1 MB of dense figures gives about 15,000 records, about 5 MB in memory.
        public var partBytes = 1 << 20
        /// Threads a large document may use for its parts (the driver sets it to its jobs; 1 = no splitting).
        public var parallelism = 1
        /// Records carry their sentence's text and point heading (`--context`, the CSV/TSV table).
        public var context = false
        /// The year of documents whose title or date line gives none (`--year`); without it, the year is
        /// inferred from the text where it can be (`period_inferred`).
        public var year: Int?
        /// The Vectorscan candidate pass and where its database is cached (`CandidatePass.Cache`); nil: the
        /// sentence prefilter alone (the fallback, same output). Ignored on the plain path.
        public var candidateCache: CandidatePass.Cache?
        public init(forcedEncoding: TextEncoding? = nil, plain: Bool = false, partBytes: Int = 1 << 20) {
            self.forcedEncoding = forcedEncoding
            self.plain = plain
            self.partBytes = partBytes
        }
    }

    public let ruleSet: RuleSet
    public var options: Options
    public let cleaner: Cleaner
    public let segmenter: Segmenter
    public let matcher: Matcher
    public let normalizer: Normalizer

    public init(ruleSet: RuleSet, options: Options = Options()) throws {
        guard let context = ruleSet.context, let structure = ruleSet.structure else {
            throw PipelineError(description: "the rules folder lacks the word lists or structure patterns the stages read (see the errors above)")
        }
        self.ruleSet = ruleSet
        self.options = options
        var cleaner = Cleaner(ruleSet: ruleSet)
        if let cache = options.candidateCache, !options.plain {
            cleaner.removalCandidates = CandidatePass.load(rules: ruleSet.removalRules, cache: cache)
            cleaner.flagCandidates = CandidatePass.load(rules: ruleSet.flagRules, cache: cache)
        }
        self.cleaner = cleaner
        segmenter = Segmenter(structure: structure)
        var matcher = Matcher(rules: ruleSet.rules)
        matcher.plain = options.plain
        if let cache = options.candidateCache, !options.plain { matcher.candidates = CandidatePass.load(rules: ruleSet.rules, cache: cache) }
        self.matcher = matcher
        normalizer = Normalizer(lexicon: ruleSet.lexicon, words: context)
    }

    /// Every stage's output for one document, for `tiqu clean`, `tiqu segment`, tests and the rule checker.
    public struct Stages: Sendable {
        public let decoded: DecodedText
        public let clean: CleanText
        public let segmentation: Segmentation
        /// The records (empty when they were streamed to a sink).
        public let records: [Record]
        /// Every stage's diagnostics, with original offsets, lines and columns.
        public let diagnostics: [Diagnostic]
        /// How many records of each kind (streamed or not).
        public var counts: [ExtractionKind: Int] = [:]
    }

    public func run(_ doc: SourceDocument, scratch: Scratch) throws -> Stages {
        var doc = doc
        return try run(&doc, scratch: scratch, sink: nil)
    }

    /// Runs the stages over `doc`, releasing its bytes once decoded (when the caller holds no other
    /// reference, the file's bytes are freed before cleaning starts). With a `sink`, each part's records
    /// go to it in document order as soon as the part and every part before it are done, and are not
    /// kept: memory then holds the document's text and a few parts' records, not all its records.
    public func run(_ doc: inout SourceDocument, scratch: Scratch, sink: (([Record]) -> Void)?) throws -> Stages {
        // Decoded and folded in one pass when the file is UTF-8 (most are).
        let (decoded, clean) = try cleaner.clean(bytes: doc.bytes, forced: options.forcedEncoding, scratch: scratch)
        doc.bytes = []
        let path = doc.path
        let segmentation = segmenter.segment(clean, decoded: decoded, scratch: scratch)
        let parts = options.plain ? [nil] : Parts.split(segmentation, bytes: clean.bytes.count, partBytes: options.partBytes,
                                                        parallelism: options.parallelism)
        let collector = PartCollector(count: parts.count, sink: sink)
        let year = normalizer.fallbackYear(given: options.year, text: clean, segmentation: segmentation)
        // The spans headings name, read before the parts: a part may not hold its section's heading.
        let plans = parts.count == 1 ? nil : normalizer.headingPlans(segmentation: segmentation, text: clean) {
            matcher.matches(in: clean, segmentation: segmentation, part: $0, scratch: scratch).matches
        }
        func runPart(_ k: Int, _ scratch: Scratch) {
            let matched = matcher.matches(in: clean, segmentation: segmentation, part: parts[k], scratch: scratch)
            let extractions = normalizer.normalize(matched.matches, text: clean, segmentation: segmentation, year: year, plans: plans)
            let records = Emitter.records(doc: path, extractions: extractions, decoded: decoded, clean: clean, segmentation: segmentation,
                                         context: options.context)
            collector.finished(k, records: records, diagnostics: matched.diagnostics)
        }
        if parts.count == 1 || options.parallelism == 1 {
            for k in parts.indices { runPart(k, scratch) }
        } else {
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in runPart(k, Scratch(limits: scratch.limits)) }
        }
        let diagnostics = decoded.diagnostics + clean.diagnostics + segmentation.problems + collector.diagnostics
        var stages = Stages(decoded: decoded, clean: clean, segmentation: segmentation, records: collector.records,
                            diagnostics: diagnostics.map { $0.located(in: decoded) })
        stages.counts = collector.counts
        return stages
    }

    /// Processes one document; never throws: what goes wrong becomes a diagnostic on the result.
    public func process(_ doc: SourceDocument, scratch: Scratch) -> DocumentResult {
        process(doc, scratch: scratch, render: nil).result
    }

    /// Processes one document and, when asked, renders its stages (the outline of `tiqu segment`), or
    /// streams its records to `sink` part by part.
    public func process(_ doc: inout SourceDocument, scratch: Scratch, sink: (([Record]) -> Void)? = nil,
                        render: ((Stages) -> [UInt8])?) -> (result: DocumentResult, rendered: [UInt8]?) {
        let path = doc.path
        do {
            let s = try run(&doc, scratch: scratch, sink: sink)
            var result = DocumentResult(doc: path, records: s.records, diagnostics: s.diagnostics, skipped: false)
            result.counts = s.counts
            return (result, render?(s))
        } catch DecodeError.empty {
            return (DocumentResult(doc: path, records: [], diagnostics: [Diagnostic(.warning, "\(DecodeError.empty)")], skipped: true), nil)
        } catch let e as DecodeError {
            return (DocumentResult(doc: path, records: [], diagnostics: [Diagnostic(.error, offset: e.offset, "\(e)")], skipped: true), nil)
        } catch {
            return (DocumentResult(doc: path, records: [], diagnostics: [Diagnostic(.error, "\(error)")], skipped: true), nil)
        }
    }

    public func process(_ doc: SourceDocument, scratch: Scratch, render: ((Stages) -> [UInt8])?) -> (result: DocumentResult, rendered: [UInt8]?) {
        var doc = doc
        return process(&doc, scratch: scratch, render: render)
    }
}

/// The parts of a document as they finish (in any order, on any thread): their records handed on in
/// part order, to a sink as soon as possible or kept for the caller, and their diagnostics.
final class PartCollector: @unchecked Sendable {
    private let lock = NSLock()
    private let sink: (([Record]) -> Void)?
    private var waiting: [Int: [Record]] = [:]
    private var next = 0
    private var partDiagnostics: [[Diagnostic]]
    private(set) var records: [Record] = []
    private(set) var counts: [ExtractionKind: Int] = [:]

    init(count: Int, sink: (([Record]) -> Void)?) {
        self.sink = sink
        partDiagnostics = Array(repeating: [], count: count)
    }

    var diagnostics: [Diagnostic] { partDiagnostics.flatMap { $0 } }

    func finished(_ k: Int, records part: [Record], diagnostics: [Diagnostic]) {
        lock.lock()
        defer { lock.unlock() }
        partDiagnostics[k] = diagnostics
        count(part)
        waiting[k] = part
        while let ready = waiting.removeValue(forKey: next) {
            // The first part's records are taken as they are: `+=` copies each (a retain a string).
            if let sink { sink(ready) } else if records.isEmpty { records = ready } else { records += ready }
            next += 1
        }
    }

    /// Counts the records by kind: tallied among the few kinds first (by index: `for r in part` copies
    /// each record, and hashing each kind cost more than a search of at most nine).
    private func count(_ part: [Record]) {
        var tally: [(kind: ExtractionKind, n: Int)] = []
        for i in part.indices {
            let kind = part[i].kind
            if let j = tally.firstIndex(where: { $0.kind == kind }) { tally[j].n += 1 } else { tally.append((kind, 1)) }
        }
        for t in tally { counts[t.kind, default: 0] += t.n }
    }
}

extension Pipeline {
    /// Every stage's output for one file (`tiqu clean`): read here, like the driver reads its files.
    public func stages(ofFile path: String, scratch: Scratch = Scratch()) throws -> Stages {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError.notFound(path) }
        return try run(SourceDocument(path: path, bytes: [UInt8](data)), scratch: scratch)
    }
}
