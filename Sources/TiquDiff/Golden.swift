import Foundation
import TiquRun
import TiquText

/// Expected records kept beside the documents (snapshot tests for any folder): `tiqu run --update`
/// writes what the rules find now, `tiqu run --check` compares with it record by record.
///
/// Where they live: with `--expected FILE`, there; else, for one folder `DIR`, `DIR/expected.jsonl`; for
/// one file `NAME.txt`, `NAME.expected.jsonl` beside it. Several inputs need `--expected`.
public enum Golden {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// More than one input and no `--expected` (a usage error).
        case needsExpected
        /// `--check` and no expected records yet.
        case missing(String)
        case cannotWrite(String, String)
        public var description: String {
            switch self {
            case .needsExpected:
                return "several inputs have no default expected file: pass --expected FILE"
            case .missing(let p):
                return "\(p): no expected records; write them with --update (and check them in)"
            case .cannotWrite(let p, let why): return "cannot write \(p): \(why)"
            }
        }
    }

    /// The expected records' file for these inputs (see the type's comment).
    public static func expectedPath(inputs: [String], expected: String?) throws -> String {
        if let expected { return expected }
        guard inputs.count == 1, let input = inputs.first else { throw Failure.needsExpected }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: input, isDirectory: &isDir), isDir.boolValue {
            return (input.hasSuffix("/") ? String(input.dropLast()) : input) + "/expected.jsonl"
        }
        let ext = (input as NSString).pathExtension
        return (ext.isEmpty ? input : String(input.dropLast(ext.count + 1))) + ".expected.jsonl"
    }

    /// The inputs without the expected file itself (a glob of `*` would otherwise read it as a document).
    public static func documents(_ files: [InputFile], expected: String) -> [InputFile] {
        let real = URL(fileURLWithPath: expected).standardizedFileURL.resolvingSymlinksInPath().path
        return files.filter { URL(fileURLWithPath: $0.path).standardizedFileURL.resolvingSymlinksInPath().path != real }
    }

    /// The records found now against those expected: the diff, with the inputs at hand for sentences.
    /// Throws `Failure.missing` when there is no expected file, `RecordError` when a line is not a record.
    public static func check(got: [UInt8], expected: String, files: [InputFile]) throws -> (RecordDiff, Documents) {
        guard let data = FileManager.default.contents(atPath: expected) else { throw Failure.missing(expected) }
        let want = try RecordReader.parse([UInt8](data), file: expected)
        let have = try RecordReader.parse(got, file: "(records found now)")
        var paths: [String: String] = [:]
        for f in files { paths[f.doc] = f.path }
        return (Differ.diff(old: want, new: have), Documents(roots: [], paths: paths))
    }

    /// Writes the records as found, byte for byte as `tiqu run -o` would; returns whether the file changed.
    @discardableResult
    public static func update(got: [UInt8], expected: String) throws -> Bool {
        if let old = FileManager.default.contents(atPath: expected), [UInt8](old) == got { return false }
        // As `-o` writes: atomically, through a symbolic link to its target, keeping the file's mode.
        do {
            let out = try Output(path: expected == "-" ? "./-" : expected)  // a file named -, as --check reads
            out.write(got)
            try out.commit()
        } catch let e as OutputError {
            throw Failure.cannotWrite(expected, e.reason)
        }
        return true
    }
}

extension Golden {
    /// Runs the driver over the files and returns their records as JSON Lines, in document order.
    public static func records(_ driver: RunDriver, _ files: [InputFile],
                               report: @escaping (InputFile, [Diagnostic]) -> Void) -> ([UInt8], RunSummary) {
        var out: [UInt8] = []
        let lock = NSLock()
        let summary = driver.run(files, write: { bytes in lock.lock(); out += bytes; lock.unlock() }, report: report)
        return (out, summary)
    }
}

/// The output formats of a diff.
public enum DiffFormat: String, CaseIterable, Sendable {
    case terminal, markdown, json, html

    /// The diff in this format; `color` only matters for `terminal`, `title` for `markdown`.
    public func render(_ view: DiffView, color: Bool = false, title: String? = nil) -> String {
        switch self {
        case .terminal: return TerminalFormat(view, color: color).render()
        case .markdown:
            var m = MarkdownFormat(view)
            if let title { m.title = title }
            return m.render()
        case .json: return JSONFormat(view).render()
        case .html: return HTMLDiff(view).render()
        }
    }
}
