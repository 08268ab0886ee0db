import Foundation


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

