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
    public let records: [Record]
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
    public struct Options: Sendable {
        public var forcedEncoding: TextEncoding?
        /// Every rule over every byte, without the prefilter (`--plain`): the reference the prefiltered path
        /// must equal byte for byte. It never splits documents into parts either.
        public var plain = false
        /// Documents with more cleaned bytes than this are matched in parts (`Parts`).
        public var partBytes = 4 << 20
        /// Threads a large document may use for its parts (the driver sets it to its jobs; 1 = no splitting).
        public var parallelism = 1
        public init(forcedEncoding: TextEncoding? = nil, plain: Bool = false, partBytes: Int = 4 << 20) {
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
        cleaner = Cleaner(ruleSet: ruleSet)
        segmenter = Segmenter(structure: structure)
        var matcher = Matcher(rules: ruleSet.rules)
        matcher.plain = options.plain
        self.matcher = matcher
        normalizer = Normalizer(lexicon: ruleSet.lexicon, words: context)
    }

    /// Every stage's output for one document, for `tiqu clean`, `tiqu segment`, tests and the rule checker.
    public struct Stages: Sendable {
        public let decoded: DecodedText
        public let clean: CleanText
        public let segmentation: Segmentation
        public let records: [Record]
        /// Every stage's diagnostics, with original offsets, lines and columns.
        public let diagnostics: [Diagnostic]
    }

    public func run(_ doc: SourceDocument, scratch: Scratch) throws -> Stages {
        let decoded = try Decoder.decode(doc.bytes, forced: options.forcedEncoding)
        let clean = cleaner.clean(decoded, scratch: scratch)
        let segmentation = segmenter.segment(clean, decoded: decoded, scratch: scratch)
        let parts = options.plain ? [nil] : Parts.split(segmentation, bytes: clean.bytes.count, partBytes: options.partBytes,
                                                        parallelism: options.parallelism)
        var partRecords = [[Record]](repeating: [], count: parts.count)
        var partDiagnostics = [[Diagnostic]](repeating: [], count: parts.count)
        let lock = NSLock()
        func runPart(_ k: Int, _ scratch: Scratch) {
            let matched = matcher.matches(in: clean, segmentation: segmentation, part: parts[k], scratch: scratch)
            let extractions = normalizer.normalize(matched.matches, text: clean, segmentation: segmentation)
            let records = Emitter.records(doc: doc.path, extractions: extractions, decoded: decoded, clean: clean, segmentation: segmentation)
            lock.lock()
            partRecords[k] = records
            partDiagnostics[k] = matched.diagnostics
            lock.unlock()
        }
        if parts.count == 1 {
            runPart(0, scratch)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in runPart(k, Scratch(limits: scratch.limits)) }
        }
        let diagnostics = decoded.diagnostics + clean.diagnostics + segmentation.problems + partDiagnostics.flatMap { $0 }
        return Stages(decoded: decoded, clean: clean, segmentation: segmentation, records: partRecords.flatMap { $0 },
                      diagnostics: diagnostics.map { $0.located(in: decoded) })
    }

    /// Processes one document; never throws: what goes wrong becomes a diagnostic on the result.
    public func process(_ doc: SourceDocument, scratch: Scratch) -> DocumentResult {
        process(doc, scratch: scratch, render: nil).result
    }

    /// Processes one document and, when asked, renders its stages (the outline of `tiqu segment`).
    public func process(_ doc: SourceDocument, scratch: Scratch,
                        render: ((Stages) -> [UInt8])?) -> (result: DocumentResult, rendered: [UInt8]?) {
        do {
            let s = try run(doc, scratch: scratch)
            return (DocumentResult(doc: doc.path, records: s.records, diagnostics: s.diagnostics, skipped: false), render?(s))
        } catch DecodeError.empty {
            return (DocumentResult(doc: doc.path, records: [], diagnostics: [Diagnostic(.warning, "\(DecodeError.empty)")], skipped: true), nil)
        } catch let e as DecodeError {
            return (DocumentResult(doc: doc.path, records: [], diagnostics: [Diagnostic(.error, offset: e.offset, "\(e)")], skipped: true), nil)
        } catch {
            return (DocumentResult(doc: doc.path, records: [], diagnostics: [Diagnostic(.error, "\(error)")], skipped: true), nil)
        }
    }
}

extension Pipeline {
    /// Every stage's output for one file (`tiqu clean`): read here, like the driver reads its files.
    public func stages(ofFile path: String, scratch: Scratch = Scratch()) throws -> Stages {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError.notFound(path) }
        return try run(SourceDocument(path: path, bytes: [UInt8](data)), scratch: scratch)
    }
}
