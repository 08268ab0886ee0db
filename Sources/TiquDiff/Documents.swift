import Foundation
import TiquEmit
import TiquText

/// The documents records point to, read when a diff or a report shows a record's sentence. A record's
/// `doc` is looked up in the paths given for it (`tiqu diff --rules` knows each input's path), then under
/// each folder of `roots` in order (`--docs DIR`, then the folders the records were read from). A document
/// that is missing, or whose text at a record's span is not the record's text (it changed since), gives
/// no sentence rather than a wrong one.
public final class Documents: @unchecked Sendable {
    let roots: [String]
    let paths: [String: String]
    var cache: [String: Loaded?] = [:]
    let lock = NSLock()

    public struct Loaded: Sendable {
        public let path: String
        public let decoded: DecodedText
        /// The 1-based line of each scalar (one more entry: the end).
        public let lines: [Int32]

        public func text(_ r: Range<Int>) -> String {
            decoded.text(max(0, r.lowerBound)..<min(decoded.scalars.count, r.upperBound))
        }
        /// True when the record's span holds the record's text in this document.
        public func holds(_ r: DiffRecord) -> Bool {
            r.chars.upperBound <= decoded.scalars.count && text(r.chars) == r.text
        }
        public func line(_ r: DiffRecord) -> Int { Int(lines[min(r.chars.lowerBound, lines.count - 1)]) }
    }

    public init(roots: [String], paths: [String: String] = [:]) {
        self.roots = roots
        self.paths = paths
    }

    /// The folder to look for documents in, given a records file or folder: the folder itself, or the
    /// file's folder (`samples/expected.jsonl` → `samples`).
    public static func root(of recordsPath: String) -> String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: recordsPath, isDirectory: &isDir), isDir.boolValue { return recordsPath }
        let parent = (recordsPath as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    public func document(_ doc: String) -> Loaded? {
        lock.lock()
        defer { lock.unlock() }
        if let hit = cache[doc] { return hit }
        let candidates = (paths[doc].map { [$0] } ?? []) + roots.map { $0 + "/" + doc }
        var loaded: Loaded?
        for c in candidates {
            guard let data = FileManager.default.contents(atPath: c), let d = try? Decoder.decode([UInt8](data)) else { continue }
            loaded = Loaded(path: c, decoded: d, lines: Outline.lineNumbers(d))
            break
        }
        cache[doc] = .some(loaded)
        return loaded
    }

    /// The sentence of a record's side of a difference, cut into pieces: text outside the records, and the
    /// text of each record (with the index of the record in `records`). Nil when the document is not at
    /// hand, the records have no sentence, or the document no longer holds their text.
    public func sentence(_ records: [DiffRecord]) -> [(text: String, record: Int?)]? {
        guard let first = records.first, let d = document(first.doc), records.allSatisfy(d.holds) else { return nil }
        var lo = Int.max, hi = 0
        for r in records {
            let s = r.sentence ?? r.chars
            lo = min(lo, s.lowerBound, r.chars.lowerBound)
            hi = max(hi, s.upperBound, r.chars.upperBound)
        }
        var pieces: [(String, Int?)] = []
        var at = lo
        for (k, r) in records.enumerated().sorted(by: { $0.1.chars.lowerBound < $1.1.chars.lowerBound }) where r.chars.lowerBound >= at {
            if r.chars.lowerBound > at { pieces.append((d.text(at..<r.chars.lowerBound), nil)) }
            pieces.append((d.text(r.chars), k))
            at = r.chars.upperBound
        }
        if hi > at { pieces.append((d.text(at..<hi), nil)) }
        return pieces.map { (text: $0.0.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: " "), record: $0.1) }
    }
}
