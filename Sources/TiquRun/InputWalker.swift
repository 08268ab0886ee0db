import Foundation

/// A file to process: its path as bytes (names need not be UTF-8), the path shown in messages, and the
/// name it is reported under (`doc`: relative to the input root, with `/`; see docs/RECORDS.md).
public struct InputFile: Sendable, Equatable {
    public let pathBytes: [UInt8]
    /// The path for messages: `DocName.escaped` of the bytes.
    public let path: String
    public let doc: String
    public let size: Int
    /// Standard input (`-`): read once by the driver.
    public let isStandardInput: Bool
    /// The document's bytes when they came with it (`--stdin-jsonl`'s `content_b64`), not from a file.
    public let content: [UInt8]?

    public init(pathBytes: [UInt8], doc: String, size: Int, isStandardInput: Bool = false) {
        self.pathBytes = pathBytes
        path = DocName.escaped(pathBytes)
        self.doc = doc
        self.size = size
        self.isStandardInput = isStandardInput
        content = nil
    }

    /// A document whose bytes are at hand, reported as `doc` (its messages name `doc` too).
    public init(doc: String, content: [UInt8]) {
        pathBytes = []
        path = doc
        self.doc = doc
        size = content.count
        isStandardInput = false
        self.content = content
    }

    /// Standard input as one document, reported as `name`.
    public static func standardInput(name: String) -> InputFile {
        InputFile(pathBytes: Array("-".utf8), doc: name, size: 0, isStandardInput: true)
    }
}

/// Names of files as they appear in `doc` and in messages: UTF-8 as it is; a byte that is not part of
/// valid UTF-8 is written `\xHH` and a backslash `\\`, so every name maps back to its bytes.
public enum DocName {
    public static func escaped(_ bytes: [UInt8]) -> String {
        guard bytes.contains(0x5C) || String(validating: bytes, as: UTF8.self) == nil else { return String(decoding: bytes, as: UTF8.self) }
        var out = ""
        var i = 0
        while i < bytes.count {
            let n = validSequenceLength(bytes, i)
            if n > 0 {
                out += bytes[i] == 0x5C ? "\\\\" : String(decoding: bytes[i..<(i + n)], as: UTF8.self)
                i += n
            } else {
                out += "\\x" + String(bytes[i], radix: 16).leftPadded(to: 2)
                i += 1
            }
        }
        return out
    }

    /// The bytes of an escaped name (the inverse of `escaped`).
    public static func bytes(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        var u = Array(name.utf8)[...]
        while let b = u.first {
            if b == 0x5C, u.count >= 2, u[u.startIndex + 1] == 0x5C { out.append(0x5C); u = u.dropFirst(2); continue }
            if b == 0x5C, u.count >= 4, u[u.startIndex + 1] == 0x78, let v = UInt8(String(decoding: u.dropFirst(2).prefix(2), as: UTF8.self), radix: 16) {
                out.append(v); u = u.dropFirst(4); continue
            }
            out.append(b)
            u = u.dropFirst()
        }
        return out
    }

    static func validSequenceLength(_ b: [UInt8], _ i: Int) -> Int {
        let c = b[i]
        let n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0
        guard n > 0, i + n <= b.count else { return 0 }
        return String(validating: b[i..<(i + n)], as: UTF8.self) == nil ? 0 : n
    }
}

extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}

public enum InputError: Error, CustomStringConvertible {
    case notFound(String)
    case sameName(String, String, String)
    case folderNotUTF8(String)
    case sameFile(String, String, String, String)
    public var description: String {
        switch self {
        case .notFound(let p): return "\(p): no such file or directory"
        case .sameFile(let a, let docA, let b, let docB):
            return "\(a) and \(b) are one file, which would be reported twice, as `\(docA)` and as `\(docB)`: pass only the outer folder"
        case .folderNotUTF8(let p): return "\(p): a folder whose name is not UTF-8 cannot be walked yet: pass its parent folder"
        case .sameName(let doc, let a, let b):
            return "\(a) and \(b) would both be reported as `\(doc)`: pass their common parent folder instead"
        }
    }
}
