import Foundation
import PCRE2

/// A file to process and the path it is reported under (relative to the input root, with `/`).
public struct InputFile: Sendable, Equatable {
    public let path: String
    public let doc: String
}

public enum InputError: Error, CustomStringConvertible {
    case notFound(String)
    case sameName(String, String, String)
    public var description: String {
        switch self {
        case .notFound(let p): return "\(p): no such file or directory"
        case .sameName(let doc, let a, let b):
            return "\(a) and \(b) would both be reported as `\(doc)`: pass their common parent folder instead"
        }
    }
}

/// Finds the documents under the paths given: directories are walked recursively for files whose name
/// matches `glob` (hidden files and folders skipped); a file named directly is always taken.
public enum InputWalker {
    public static func files(_ paths: [String], glob: String = "*.txt") throws -> [InputFile] {
        var out: [InputFile] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw InputError.notFound(p) }
            if !isDir.boolValue {
                out.append(InputFile(path: p, doc: (p as NSString).lastPathComponent))
                continue
            }
            let root = p.hasSuffix("/") ? String(p.dropLast()) : p
            guard let e = fm.enumerator(atPath: root) else { continue }
            while let rel = e.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    if (e.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { e.skipDescendants() }
                    continue
                }
                guard (e.fileAttributes?[.type] as? FileAttributeType) == .typeRegular, fnmatch(glob, name, 0) == 0 else { continue }
                out.append(InputFile(path: root + "/" + rel, doc: rel))
            }
        }
        // A file named twice (directly, or under two roots given) is read once; two files under one name
        // would make `doc` ambiguous, so that is refused.
        var byDoc: [String: String] = [:]
        var unique: [InputFile] = []
        for f in out {
            let real = URL(fileURLWithPath: f.path).standardizedFileURL.resolvingSymlinksInPath().path
            if let other = byDoc[f.doc] {
                if other == real { continue }
                throw InputError.sameName(f.doc, other, real)
            }
            byDoc[f.doc] = real
            unique.append(f)
        }
        // EXTRACTION.md: sorted by document path (byte order, the same on every machine).
        return unique.sorted { Array($0.doc.utf8).lexicographicallyPrecedes(Array($1.doc.utf8)) }
    }
}

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
/// in memory, so memory stays bounded whatever the corpus size.
public final class RunDriver {
    public let pipeline: Pipeline
    public let jobs: Int
    public let limits: MatchLimits
    /// What is written per document: its records as JSON Lines, or its tree (`tiqu segment`).
    public enum Output: Sendable { case records, outline, outlineJSON }
    public var output: Output = .records

    public init(pipeline: Pipeline, jobs: Int, limits: MatchLimits = .default) {
        var pipeline = pipeline
        // A large document is matched in parts on all the threads (a single 100 MB file scales too).
        pipeline.parallelism = max(1, jobs)
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
        self.limits = limits
    }

    public func run(_ files: [InputFile],
                    write: @escaping ([UInt8]) -> Void,
                    report: @escaping (InputFile, [Diagnostic]) -> Void,
                    progress: ((Int, Int, Int) -> Void)? = nil) -> RunSummary {
        let condition = NSCondition()
        var nextClaim = 0
        var nextWrite = 0
        var done = 0
        var doneBytes = 0
        var pending: [Int: (DocumentResult, [UInt8], Int)] = [:]
        var summary = RunSummary()
        let window = jobs * 4

        func worker() {
            let scratch = MatchScratch(limits: limits)
            while true {
                condition.lock()
                while nextClaim < files.count && nextClaim >= nextWrite + window { condition.wait() }
                let index = nextClaim
                nextClaim += 1
                condition.unlock()
                if index >= files.count { return }

                let file = files[index]
                let result: DocumentResult
                var size = 0
                // The file's bytes as an array, the Data it was read into released at once.
                var bytes: [UInt8] = []
                if let input = FileManager.default.contents(atPath: file.path).map({ [UInt8]($0) }) {
                    size = input.count
                    let doc = SourceDocument(path: file.doc, bytes: input)
                    switch output {
                    case .records:
                        result = pipeline.process(doc, scratch: scratch)
                        for r in result.records { JSONLines.append(r, to: &bytes) }
                    case .outline, .outlineJSON:
                        let json = output == .outlineJSON
                        let (r, rendered) = pipeline.process(doc, scratch: scratch) { s in
                            json ? Outline.jsonLines(s, doc: file.doc) : Array("== \(file.doc)\n\(Outline.text(s))".utf8)
                        }
                        result = r
                        bytes = rendered ?? []
                    }
                } else {
                    result = DocumentResult(doc: file.doc, records: [],
                                            diagnostics: [Diagnostic(.error, "cannot read the file (permissions?)")], skipped: true)
                }

                condition.lock()
                pending[index] = (result, bytes, size)
                // Whoever completes the next document in order writes everything that is ready.
                while let (res, out, sz) = pending.removeValue(forKey: nextWrite) {
                    write(out)
                    if !res.diagnostics.isEmpty { report(files[nextWrite], res.diagnostics) }
                    summary.documents += 1
                    summary.bytes += sz
                    summary.records += res.records.count
                    for r in res.records { summary.recordsByKind[r.kind.rawValue, default: 0] += 1 }
                    if res.hasErrors { summary.documentsWithErrors += 1 }
                    if res.skipped { summary.skipped += 1 }
                    nextWrite += 1
                }
                done += 1
                doneBytes += size
                progress?(done, files.count, doneBytes)
                condition.broadcast()
                condition.unlock()
            }
        }

        let threads = min(jobs, max(1, files.count))
        if threads == 1 {
            worker()
        } else {
            let group = DispatchGroup()
            for _ in 0..<threads {
                group.enter()
                let t = Thread { worker(); group.leave() }
                t.stackSize = 8 << 20
                t.start()
            }
            group.wait()
        }
        return summary
    }
}
