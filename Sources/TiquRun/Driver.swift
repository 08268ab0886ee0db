#if canImport(CSystem)
import CSystem
#endif
import Foundation
import TiquEmit
import TiquRules
import TiquText

/// Totals of a run, for the summary line.
public struct RunSummary: Sendable {
    public var documents = 0
    public var bytes = 0
    public var records = 0
    public var recordsByKind: [String: Int] = [:]
    public var documentsWithErrors = 0
    public var skipped = 0
}

/// Runs the pipeline over many files on `jobs` threads and hands each document's output to `write` in
/// document order, as soon as it and all before it are done. At most `window` finished documents wait
/// in memory, or more while the documents claimed and not yet written hold at most `aheadBudget` bytes
/// of input (small documents: a thread on a long one does not stall the others), so memory stays
/// bounded whatever the corpus size.
public final class RunDriver {
    public let pipeline: Pipeline
    public let jobs: Int
    public let limits: Scratch.Limits
    /// What is written per document: its records as JSON Lines, or its tree (`tiqu segment`).
    public enum Output: Sendable { case records, outline, outlineJSON }
    public var output: Output = .records
    /// How records are written: JSON Lines, or rows of the CSV/TSV table (the header is the caller's).
    public var format: RecordFormat = .jsonl

    public init(pipeline: Pipeline, jobs: Int, limits: Scratch.Limits = .default) {
        var pipeline = pipeline
        // A large document is matched in parts on all the threads (a single 100 MB file scales too).
        pipeline.options.parallelism = max(1, jobs)
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
        self.limits = limits
    }

    /// What the workers share, under one condition lock.
    final class Shared {
        let condition = NSCondition()
        var nextClaim = 0
        /// The input bytes of the documents claimed and not yet written.
        var aheadBytes = 0
        /// Documents before this one are written (and their diagnostics reported).
        var nextWrite = 0
        /// A thread is writing finished documents, outside the lock.
        var writing = false
        var done = 0
        var doneBytes = 0
        var pending: [Int: (result: DocumentResult, output: [UInt8], size: Int, streamed: Bool)] = [:]
        var summary = RunSummary()
    }

    public func run(_ files: [InputFile],
                    write: @escaping ([UInt8]) -> Void,
                    report: @escaping (InputFile, [Diagnostic]) -> Void,
                    progress: ((Int, Int, Int) -> Void)? = nil) -> RunSummary {
        let shared = Shared()
        let window = jobs * 4
        let aheadBudget = jobs * (1 << 20)
        func worker() {
            let scratch = Scratch(limits: limits)
            while let index = claim(shared, files: files, window: window, budget: aheadBudget) {
                let (result, output, size, streamed) = process(files[index], index: index, shared: shared, scratch: scratch, write: write)
                shared.condition.lock()
                shared.pending[index] = (result, output, size, streamed)
                // Whoever completes the next document in order writes everything that is ready, unless
                // another thread is writing already (it takes this one too before it stops).
                if !shared.writing { flushReady(shared, files: files, write: write, report: report) }
                shared.done += 1
                shared.doneBytes += size
                progress?(shared.done, files.count, shared.doneBytes)
                shared.condition.broadcast()
                shared.condition.unlock()
            }
        }
        let threads = min(jobs, max(1, files.count))
        if threads == 1 {
            worker()
        } else {
            let group = DispatchGroup()
            // The worker shares `shared` (read and written under its lock), the files (read only) and the
            // caller's closures (called by one thread at a time: under that lock, or by the one document
            // whose turn it is to write): safe on several threads, which the compiler cannot see.
            let work = Work(run: worker)
            for _ in 0..<threads {
                group.enter()
                let t = Thread { work.run(); group.leave() }
                t.stackSize = 8 << 20
                t.start()
            }
            group.wait()
        }
        return shared.summary
    }

    /// The worker loop, handed to the threads (a local function is not `@Sendable`; see `run`).
    struct Work: @unchecked Sendable { let run: () -> Void }

    /// The next document to process, waiting while `window` documents are ahead of the writer and the
    /// next would take their input past `budget` bytes.
    func claim(_ shared: Shared, files: [InputFile], window: Int, budget: Int) -> Int? {
        shared.condition.lock()
        defer { shared.condition.unlock() }
        while shared.nextClaim < files.count && shared.nextClaim >= shared.nextWrite + window
            && shared.aheadBytes + files[shared.nextClaim].size > budget { shared.condition.wait() }
        let index = shared.nextClaim
        shared.nextClaim += 1
        guard index < files.count else { return nil }
        shared.aheadBytes += files[index].size
        return index
    }

    /// One file through the pipeline: its result, the bytes to write, and its size.
    func process(_ file: InputFile, index: Int, shared: Shared, scratch: Scratch,
                 write: @escaping ([UInt8]) -> Void) -> (DocumentResult, [UInt8], Int, streamed: Bool) {
        // A large document streams its records part by part, so its records never sit in memory all at
        // once: it waits until every document before it is written, then writes as its parts finish.
        let streams = output == .records && !pipeline.options.plain && file.size > pipeline.options.partBytes
        if streams { waitForTurn(index, shared) }
        // The file's bytes live only in `doc`, which the pipeline empties once they are decoded.
        guard var doc = FileReader.read(file).map({ SourceDocument(path: file.doc, bytes: $0) }) else {
            let result = DocumentResult(doc: file.doc, records: [],
                                        diagnostics: [Diagnostic(.error, "cannot read the file (permissions?)")], skipped: true)
            return (result, [], 0, false)
        }
        let size = doc.bytes.count
        switch output {
        case .records:
            let format = self.format
            let sink: (([Record]) -> Void)? = streams ? { records in
                // Written in chunks of about 64 KB: a part's JSON is never held whole.
                var bytes: [UInt8] = []
                bytes.reserveCapacity(1 << 17)
                var writer = RecordWriter(format)
                // By index: `for r in records` copies each record (a retain a string).
                for i in records.indices {
                    writer.append(records[i], to: &bytes)
                    if bytes.count >= 1 << 16 {
                        write(bytes)
                        bytes.removeAll(keepingCapacity: true)
                    }
                }
                write(bytes)
            } : nil
            let result = pipeline.process(&doc, scratch: scratch, sink: sink, render: nil).result
            var bytes: [UInt8] = []
            var writer = RecordWriter(format)
            for i in result.records.indices { writer.append(result.records[i], to: &bytes) }
            if streams { Self.returnFreedMemory() }
            return (result, bytes, size, streams)
        case .outline, .outlineJSON:
            let json = output == .outlineJSON
            let (result, rendered) = pipeline.process(&doc, scratch: scratch, render: { s in
                json ? Outline.jsonLines(decoded: s.decoded, clean: s.clean, segmentation: s.segmentation, doc: file.doc)
                     : Array("== \(file.doc)\n\(Outline.text(decoded: s.decoded, clean: s.clean, segmentation: s.segmentation))".utf8)
            })
            return (result, rendered ?? [], size, false)
        }
    }

    /// After a large document, gives the memory it freed back to the system: glibc keeps freed blocks in
    /// each thread's arena, so without this the peak of one large document stays resident for the next.
    static func returnFreedMemory() {
        #if os(Linux)
        malloc_trim(0)
        #endif
    }

    /// Waits until every document before `index` is written.
    func waitForTurn(_ index: Int, _ shared: Shared) {
        shared.condition.lock()
        while shared.nextWrite < index { shared.condition.wait() }
        shared.condition.unlock()
    }

    /// Writes, in document order, every finished document whose predecessors are written (called with the
    /// lock held, returns with it held). The lock is released while bytes are written, so the other
    /// threads can hand in their documents and claim the next ones meanwhile; `writing` keeps them from
    /// writing at the same time, and `nextWrite` moves on only once a document is written.
    func flushReady(_ shared: Shared, files: [InputFile], write: ([UInt8]) -> Void, report: (InputFile, [Diagnostic]) -> Void) {
        shared.writing = true
        defer { shared.writing = false }
        while let (res, out, size, streamed) = shared.pending.removeValue(forKey: shared.nextWrite) {
            let file = files[shared.nextWrite]
            shared.condition.unlock()
            if !streamed { write(out) }
            if !res.diagnostics.isEmpty { report(file, res.diagnostics) }
            shared.condition.lock()
            shared.summary.documents += 1
            shared.summary.bytes += size
            for (kind, n) in res.counts {
                shared.summary.records += n
                shared.summary.recordsByKind[kind.rawValue, default: 0] += n
            }
            if res.hasErrors { shared.summary.documentsWithErrors += 1 }
            if res.skipped { shared.summary.skipped += 1 }
            shared.aheadBytes -= file.size
            shared.nextWrite += 1
            shared.condition.broadcast()
        }
    }
}
