import Foundation
import TiquEmit
import TiquText

/// `tiqu run --stdin-jsonl` (docs/RECORDS.md, "Streaming"): documents arrive as JSON Lines, one per
/// line (`{"doc":NAME,"content_b64":BASE64}` or `{"doc":NAME,"path":PATH}`), and each one's records are
/// written before the next line is read, exactly as `tiqu run` writes them for that file under that name
/// (the same driver, so large documents still stream part by part). Nothing is kept from one document to
/// the next, so any split of the input into batches (Spark's partitions) gives the same lines. A document
/// that fails gives one error line after whatever records it had; the stream goes on.
public final class StreamRunner {
    public let driver: RunDriver
    /// Seconds a document may take (`--doc-timeout`); with a limit, a document's records are held until
    /// it finishes, so a document that runs out of time writes only its error line.
    public let timeout: Double?

    public struct Summary: Sendable {
        public var run = RunSummary()
        public var errorLines = 0
        public var errorsByKind: [String: Int] = [:]
    }

    public init(driver: RunDriver, timeout: Double?) {
        self.driver = driver
        self.timeout = timeout
    }

    /// Reads documents from `fd` to its end; `write` gets records and error lines, `report` each
    /// document's diagnostics (for stderr), as `RunDriver.run` gives them, and `notice` the message of
    /// each error line that no diagnostic reported (a malformed line, a timeout).
    public func run(input fd: Int32, write: @escaping ([UInt8]) -> Void,
                    report: @escaping (InputFile, [Diagnostic]) -> Void, notice: (String) -> Void) -> Summary {
        var summary = Summary()
        var lines = LineReader(handle: FileHandle(fileDescriptor: fd, closeOnDealloc: false))
        var number = 0
        func fail(_ doc: String?, _ kind: String, _ messages: [String], records: Int) {
            write(Self.errorLine(doc: doc, error: kind, messages: messages, records: records, inputLine: number))
            summary.errorLines += 1
            summary.errorsByKind[kind, default: 0] += 1
        }
        while let line = lines.next() {
            number += 1
            // A blank line (a trailing newline, a hand-written file) is no document.
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let file: InputFile
            switch StreamInput.parse(line) {
            case .failure(let e):
                notice("input line \(number)\(e.doc.map { " (\($0))" } ?? ""): error: \(e.message)")
                fail(e.doc, e.kind, [e.message], records: 0)
                continue
            case .success(let f): file = f
            }
            let (one, diagnostics, timedOut) = runOne(file, write: write, report: report)
            if timedOut {
                notice("\(file.path): error: took longer than --doc-timeout \(timeout!) s; its records were dropped")
                fail(file.doc, "timeout", ["took longer than --doc-timeout \(timeout!) s"], records: 0)
                continue
            }
            summary.run.add(one)
            if one.documentsWithErrors > 0 {
                let messages = diagnostics.filter { $0.severity == .error }.map { $0.formatted(file: file.doc) }
                fail(file.doc, one.skipped > 0 ? "skipped" : "errors", messages, records: one.records)
            }
        }
        return summary
    }

    /// One document through the driver, within the time limit if there is one.
    func runOne(_ file: InputFile, write: @escaping ([UInt8]) -> Void,
                report: @escaping (InputFile, [Diagnostic]) -> Void) -> (RunSummary, [Diagnostic], timedOut: Bool) {
        let held = Held()
        guard let timeout else {
            let s = driver.run([file], write: write, report: { f, d in held.diagnostics = d; report(f, d) })
            return (s, held.diagnostics, false)
        }
        let done = DispatchSemaphore(value: 0)
        let driver = self.driver
        // The document runs on its own thread; past the limit it is abandoned (a thread cannot be stopped
        // from outside): what it writes afterwards is dropped, and the process exits without waiting.
        let thread = Thread {
            let s = driver.run([file], write: { held.append($0) }, report: { _, d in held.diagnostics = d })
            held.finish(s)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + timeout) == .success else {
            held.abandon()
            return (RunSummary(), [], true)
        }
        write(held.bytes)
        if !held.diagnostics.isEmpty { report(file, held.diagnostics) }
        return (held.summary, held.diagnostics, false)
    }

    /// A document's output while it runs under a time limit.
    final class Held: @unchecked Sendable {
        private let lock = NSLock()
        private var abandoned = false
        private(set) var bytes: [UInt8] = []
        var diagnostics: [Diagnostic] = []
        private(set) var summary = RunSummary()

        func append(_ b: [UInt8]) {
            lock.lock()
            if !abandoned { bytes += b }
            lock.unlock()
        }

        func finish(_ s: RunSummary) {
            lock.lock()
            summary = s
            lock.unlock()
        }

        func abandon() {
            lock.lock()
            abandoned = true
            bytes = []
            lock.unlock()
        }
    }

    /// The error line of a document (docs/RECORDS.md, "Error lines"): keys in this order, always all of
    /// them; `doc` is null when the input line gave no name.
    public static func errorLine(doc: String?, error: String, messages: [String], records: Int, inputLine: Int) -> [UInt8] {
        var out: [UInt8] = Array(#"{"doc":"#.utf8)
        JSONLines.optional(doc, &out)
        out.append(contentsOf: #","error":"#.utf8)
        JSONLines.string(error, &out)
        out.append(contentsOf: #","messages":["#.utf8)
        for (i, m) in messages.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONLines.string(m, &out)
        }
        out.append(contentsOf: #"],"records":"#.utf8)
        JSONLines.int(records, &out)
        out.append(contentsOf: #","input_line":"#.utf8)
        JSONLines.int(inputLine, &out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }
}

extension RunSummary {
    mutating func add(_ o: RunSummary) {
        documents += o.documents
        bytes += o.bytes
        records += o.records
        for (k, n) in o.recordsByKind { recordsByKind[k, default: 0] += n }
        documentsWithErrors += o.documentsWithErrors
        skipped += o.skipped
    }
}

/// One input line of `--stdin-jsonl` read as a document, or why it is none.
public enum StreamInput {
    public struct Failure: Error {
        public let doc: String?
        /// `input` (the line is not a document) or `unreadable` (its `path` cannot be read).
        public let kind: String
        public let message: String
    }

    static let shape = #"a line is {"doc":NAME,"content_b64":BASE64} or {"doc":NAME,"path":PATH}"#

    public static func parse(_ line: [UInt8]) -> Result<InputFile, Failure> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)), let o = object as? [String: Any] else {
            return .failure(Failure(doc: nil, kind: "input", message: "not a JSON object: \(shape)"))
        }
        guard let doc = o["doc"] as? String, !doc.isEmpty else {
            return .failure(Failure(doc: nil, kind: "input", message: "no \"doc\" string: \(shape)"))
        }
        if let other = o.keys.sorted().first(where: { !["doc", "content_b64", "path"].contains($0) }) {
            return .failure(Failure(doc: doc, kind: "input", message: "unknown key \"\(other)\": \(shape)"))
        }
        switch (o["content_b64"], o["path"]) {
        case (let b64 as String, nil):
            guard let data = Data(base64Encoded: b64) else {
                return .failure(Failure(doc: doc, kind: "input", message: "\"content_b64\" is not base64 (RFC 4648, with padding)"))
            }
            return .success(InputFile(doc: doc, content: [UInt8](data)))
        case (nil, let path as String):
            var st = stat()
            guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                return .failure(Failure(doc: doc, kind: "unreadable", message: "\(path): no such file (or not a regular file)"))
            }
            return .success(InputFile(pathBytes: Array(path.utf8), doc: doc, size: Int(st.st_size)))
        default:
            return .failure(Failure(doc: doc, kind: "input", message: "give exactly one of \"content_b64\" and \"path\" as a string: \(shape)"))
        }
    }
}

/// Lines of a file descriptor, read in chunks of 1 MB (a document's line can be far longer; it is
/// gathered whole), without their `\n`.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() -> [UInt8]? {
        var searched = start
        while true {
            if let nl = buffer[searched...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<nl])
                start = nl + 1
                return line
            }
            if ended {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            searched = buffer.count
            // A read error ends the input like its end does: the documents before it are done.
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
            if let chunk, !chunk.isEmpty { buffer += chunk } else { ended = true }
        }
    }
}
