import Foundation

/// One record read back from JSON Lines (docs/RECORDS.md): the keys the diff pairs on, read at once, the
/// line as written, and its fields, parsed when first asked for (most records are unchanged, and the
/// same line on both sides is the same record without reading further).
public final class DiffRecord: @unchecked Sendable {
    public let doc: String
    public let rule: String
    public let kind: String
    public let text: String
    /// `span.byte` and `span.char`.
    public let bytes: Range<Int>
    public let chars: Range<Int>
    /// `sentence.char`, when the record has a sentence.
    public let sentence: Range<Int>?
    /// The file's bytes (shared by its records) and the line's range in them.
    let source: [UInt8]
    let range: Range<Int>
    /// The line as written (checked: it is one JSON object).
    public var raw: ArraySlice<UInt8> { source[range] }
    /// Where the record was read: the file and its 1-based line.
    public let file: String
    public let line: Int

    init(doc: String, rule: String, kind: String, text: String, bytes: Range<Int>, chars: Range<Int>, sentence: Range<Int>?,
         source: [UInt8], range: Range<Int>, file: String, line: Int) {
        (self.doc, self.rule, self.kind, self.text) = (doc, rule, kind, text)
        (self.bytes, self.chars, self.sentence) = (bytes, chars, sentence)
        (self.source, self.range, self.file, self.line) = (source, range, file, line)
    }

    /// One lock for every record's parse (a lock each cost as much as reading the line): only lines that
    /// differ are parsed, and a parse is short.
    private static let lock = NSLock()
    private var parsed: JSON?

    /// Every field, in the line's order.
    public var json: JSON {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let parsed { return parsed }
        var p = JSONParser(source, range)
        p.validated = true
        // The line was checked when read, so this cannot fail; a failure would be a bug in the parser.
        let v = (try? p.value(depth: 0)) ?? .null
        parsed = v
        return v
    }

    /// The same record: the same line, or the same fields whatever their order and number spelling.
    public func same(_ other: DiffRecord) -> Bool { raw == other.raw || json == other.json }

    public subscript(key: String) -> JSON? { json[key] }

    /// The record's fields as `(key, value)` in its own order, with `point` opened one level
    /// (`point.path`, `point.span`, `point.speech`): the fields a diff names.
    public var fields: [(String, JSON)] {
        guard case .object(let top) = json else { return [] }
        var out: [(String, JSON)] = []
        for (k, v) in top {
            if k == "point", case .object(let inner) = v {
                for (ik, iv) in inner { out.append(("point." + ik, iv)) }
            } else {
                out.append((k, v))
            }
        }
        return out
    }
}

/// A line that is not a record: which file, which line, what is wrong.
public struct RecordError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file):\(line): error: \(message)" }
}

/// Reads records from JSON Lines files, or from every `*.jsonl` file under a folder (walked in byte
/// order of paths, hidden entries skipped). Every line must be one record; an empty file holds none.
public enum RecordReader {
    /// The records of each path, read at once on several threads; the first path in order that fails
    /// throws its error, as reading them one by one would.
    public static func read(_ paths: [String]) throws -> [[DiffRecord]] {
        try Parallel.map(paths.count) { k in Result { try read(paths[k]) } }.map { try $0.get() }
    }

    public static func read(_ path: String) throws -> [DiffRecord] {
        var out: [DiffRecord] = []
        for f in try files(path) {
            // Mapped, not read: the bytes are copied once, into the array the records share.
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: f), options: .alwaysMapped) else {
                throw RecordError(file: f, line: 0, message: "cannot read the file")
            }
            out += try parse([UInt8](data), file: f)
        }
        return out
    }

    /// The JSON Lines files of a path: the file itself, or the `*.jsonl` files under a folder.
    public static func files(_ path: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw RecordError(file: path, line: 0, message: "no such file or directory")
        }
        guard isDir.boolValue else { return [path] }
        let root = path.hasSuffix("/") ? String(path.dropLast()) : path
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            if (rel as NSString).lastPathComponent.hasPrefix(".") {
                if (e?.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { e?.skipDescendants() }
                continue
            }
            if rel.hasSuffix(".jsonl") && (e?.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { out.append(root + "/" + rel) }
        }
        return out.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The records of one file's bytes; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws -> [DiffRecord] {
        var out: [DiffRecord] = []
        var start = 0
        var line = 1
        var docs = Interner()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count {
            if let (k, end) = RecordScanner.scanLine(bytes, from: start) {
                let stop = bytes[end - 1] == 0x0D ? end - 1 : end
                out.append(record(k, bytes, start..<stop, file: file, line: line, docs: &docs))
                start = end + 1
                line += 1
                continue
            }
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            out.append(try fullRecord(bytes, start..<stop, file: file, line: line))
            start = end + 1
            line += 1
        }
        return out
    }

    /// Consecutive records mostly share their document: one String for them all.
    struct Interner {
        var last: Range<Int> = 0..<0
        var string = ""

        mutating func string(_ b: [UInt8], _ r: Range<Int>) -> String {
            if r.count != last.count || !b[r].elementsEqual(b[last]) { (last, string) = (r, String(decoding: b[r], as: UTF8.self)) }
            return string
        }
    }

    /// A record whose keys the fast scanner read.
    static func record(_ k: RecordScanner.Keys, _ bytes: [UInt8], _ range: Range<Int>, file: String, line: Int,
                       docs: inout Interner) -> DiffRecord {
        func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
        return DiffRecord(doc: docs.string(bytes, k.doc), rule: text(k.rule), kind: text(k.kind), text: text(k.text),
                          bytes: k.bytes, chars: k.chars, sentence: k.sentence, source: bytes, range: range, file: file, line: line)
    }

    /// A line off the fast path, read in full: its keys, or what is wrong with it.
    static func fullRecord(_ bytes: [UInt8], _ range: Range<Int>, file: String, line: Int) throws -> DiffRecord {
        func fail(_ m: String) -> RecordError { RecordError(file: file, line: line, message: "not a record: " + m) }
        if range.isEmpty { throw fail("an empty line") }
        if let bad = UTF8Check.firstInvalid(bytes, range) { throw fail("column \(bad - range.lowerBound + 1): not UTF-8") }
        var p = JSONParser(bytes, range)
        p.validated = true
        var found: [(String, JSON)] = []
        do {
            p.blanks()
            guard p.i < p.end, bytes[p.i] == UInt8(ascii: "{") else { throw fail("not a JSON object") }
            try scanObject(&p, into: &found)
            p.blanks()
            if p.i < p.end { throw p.error("unexpected text after the value") }
        } catch let e as JSONError { throw fail("\(e)") }
        let keys = JSON.object(found)
        for key in ["doc", "rule", "kind", "text"] where keys[key]?.string == nil {
            throw fail("`\(key)` is missing or not a string")
        }
        guard let b = keys["span"]?["byte"]?.range, let c = keys["span"]?["char"]?.range else {
            throw fail("`span` is missing or not {\"byte\":[s,e],\"char\":[s,e]}")
        }
        return DiffRecord(doc: keys["doc"]!.string!, rule: keys["rule"]!.string!, kind: keys["kind"]!.string!,
                          text: keys["text"]!.string!, bytes: b, chars: c, sentence: keys["sentence"]?["char"]?.range,
                          source: bytes, range: range, file: file, line: line)
    }

    static let paired = ["doc", "rule", "kind", "text", "span", "sentence"]

    /// The top-level object: the keys pairing needs are read, the others only checked.
    static func scanObject(_ p: inout JSONParser, into keys: inout [(String, JSON)]) throws {
        p.i += 1
        // Arrays, not sets: a record has some twenty short keys, and hashing them cost more than the parse.
        var seen: [String] = []
        seen.reserveCapacity(24)
        p.blanks()
        if p.i < p.end, p.bytes[p.i] == UInt8(ascii: "}") { p.i += 1; return }
        while true {
            p.blanks()
            guard p.i < p.end, p.bytes[p.i] == UInt8(ascii: "\"") else { throw p.error("expected a key in quotes") }
            let keyStart = p.i
            let key = try p.string()
            if seen.contains(key) { p.i = keyStart; throw p.error("key \"\(key)\" appears twice") }
            seen.append(key)
            p.blanks()
            guard p.i < p.end, p.bytes[p.i] == UInt8(ascii: ":") else { throw p.error("expected : after a key") }
            p.i += 1
            if paired.contains(key) { keys.append((key, try p.value(depth: 1))) } else { try p.skip(depth: 1) }
            p.blanks()
            guard p.i < p.end else { throw p.error("unexpected end of line in an object") }
            if p.bytes[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
            if p.bytes[p.i] == UInt8(ascii: "}") { p.i += 1; return }
            throw p.error("expected , or } in an object")
        }
    }
}

/// UTF-8 validation of a line without building a String (the record reader's hot path).
enum UTF8Check {
    /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence.
    static func firstInvalid(_ b: [UInt8], _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        while i < r.upperBound {
            if b[i] < 0x80 { i += 1; continue }
            guard let n = sequenceLength(b, i, r.upperBound) else { return i }
            i += n
        }
        return nil
    }

    /// The length of the well-formed multi-byte sequence starting at `i` (before `end`), or nil.
    static func sequenceLength(_ b: [UInt8], _ i: Int, _ end: Int) -> Int? {
        let n: Int, low: UInt8, high: UInt8
        switch b[i] {
        case 0xC2...0xDF: (n, low, high) = (1, 0x80, 0xBF)
        case 0xE0: (n, low, high) = (2, 0xA0, 0xBF)
        case 0xED: (n, low, high) = (2, 0x80, 0x9F)
        case 0xE1...0xEF: (n, low, high) = (2, 0x80, 0xBF)
        case 0xF0: (n, low, high) = (3, 0x90, 0xBF)
        case 0xF4: (n, low, high) = (3, 0x80, 0x8F)
        case 0xF1...0xF3: (n, low, high) = (3, 0x80, 0xBF)
        default: return nil
        }
        guard i + n < end, (low...high).contains(b[i + 1]) else { return nil }
        for k in 1..<(n + 1) where k > 1 && !(0x80...0xBF).contains(b[i + k]) { return nil }
        return n + 1
    }
}
