import Foundation

/// One record read back from JSON Lines (docs/RECORDS.md): the keys the diff pairs on, read once, and
/// every field as written, for comparing and showing.
public struct DiffRecord: Sendable {
    public let doc: String
    public let rule: String
    public let kind: String
    public let text: String
    /// `span.byte` and `span.char`.
    public let bytes: Range<Int>
    public let chars: Range<Int>
    /// `sentence.char`, when the record has a sentence.
    public let sentence: Range<Int>?
    public let json: JSON
    /// Where the record was read: the file and its 1-based line.
    public let file: String
    public let line: Int

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
    public static func read(_ path: String) throws -> [DiffRecord] {
        var out: [DiffRecord] = []
        for f in try files(path) {
            guard let data = FileManager.default.contents(atPath: f) else {
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
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            out.append(try record(bytes, start..<stop, file: file, line: line))
            start = end + 1
            line += 1
        }
        return out
    }

    static func record(_ bytes: [UInt8], _ range: Range<Int>, file: String, line: Int) throws -> DiffRecord {
        func fail(_ m: String) -> RecordError { RecordError(file: file, line: line, message: "not a record: " + m) }
        if range.isEmpty { throw fail("an empty line") }
        let json: JSON
        do { json = try JSONParser.parse(bytes, range) } catch let e as JSONError { throw fail("\(e)") }
        guard case .object = json else { throw fail("not a JSON object") }
        for key in ["doc", "rule", "kind", "text"] where json[key]?.string == nil {
            throw fail("`\(key)` is missing or not a string")
        }
        guard let b = json["span"]?["byte"]?.range, let c = json["span"]?["char"]?.range else {
            throw fail("`span` is missing or not {\"byte\":[s,e],\"char\":[s,e]}")
        }
        return DiffRecord(doc: json["doc"]!.string!, rule: json["rule"]!.string!, kind: json["kind"]!.string!,
                          text: json["text"]!.string!, bytes: b, chars: c, sentence: json["sentence"]?["char"]?.range,
                          json: json, file: file, line: line)
    }
}
