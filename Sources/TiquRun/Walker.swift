import Foundation
import TiquText

/// Finds the documents under the paths given. Directories are walked recursively (symbolic links
/// followed) for files whose name matches `glob`; hidden files and folders are passed over; a file named
/// directly is always taken, and `-` is standard input. Every other file found is named with the reason
/// it was not taken (a broken link, a link loop, not a regular file, too large, an unreadable folder), so
/// nothing is skipped silently. Names need not be UTF-8 (the walk reads them as bytes, through `find`).
public enum InputWalker {
    public struct Walk: Sendable {
        public var files: [InputFile] = []
        /// Files found but not taken, with why (each is an error the user must act on).
        public var skipped: [(path: String, reason: String)] = []
        /// Files passed over because their name does not match the glob (or is hidden).
        public var unmatched = 0
    }

    /// The documents only (tests and tools that know their inputs are clean).
    public static func files(_ paths: [String], glob: String = "*.txt") throws -> [InputFile] { try walk(paths, glob: glob).files }

    public static func walk(_ paths: [String], glob: String = "*.txt", stdinName: String = "-") throws -> Walk {
        var walk = Walk()
        var found: [(InputFile, identity: String)] = []
        var argument: [Int] = []  // which of `paths` each found file came from
        for (a, p) in paths.enumerated() {
            defer { argument += Array(repeating: a, count: found.count - argument.count) }
            if p == "-" { found.append((InputFile.standardInput(name: stdinName), "-")); continue }
            // The argument's own bytes: a name that is not UTF-8 reaches Swift with U+FFFD in it.
            let bytes = RawArguments.bytes(of: p)
            // stat, not lstat: a symbolic link named directly is the file it leads to (its size, and the
            // device and inode `find -L` reports for it under a folder).
            var st = stat()
            guard stat(bytes.map { CChar(bitPattern: $0) } + [0], &st) == 0 else { throw InputError.notFound(p) }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                guard String(validating: bytes, as: UTF8.self) != nil else { throw InputError.folderNotUTF8(DocName.escaped(bytes)) }
                try walkDirectory(p, glob: glob, into: &walk, found: &found)
                continue
            }
            let name = Array(bytes.split(separator: 0x2F).last ?? [])
            found.append((InputFile(pathBytes: bytes, doc: DocName.escaped(name), size: Int(st.st_size)), "\(st.st_dev) \(st.st_ino)"))
        }
        // A file named twice under one name (directly, or under two roots given) is read once; two files under one name
        // would make `doc` ambiguous, so that is refused.
        // One file reached from two of the paths under two names (a folder and a folder or file inside it)
        // would be read twice, its records doubled under both names: refused too.
        var byDoc: [String: (id: String, path: String)] = [:]
        var byID: [String: (doc: String, path: String, argument: Int)] = [:]
        for (k, (f, id)) in found.enumerated() {
            if let other = byDoc[f.doc] {
                if other.id == id { continue }
                throw InputError.sameName(f.doc, other.path, f.path)
            }
            if let other = byID[id], other.argument != argument[k] {
                throw InputError.sameFile(other.path, other.doc, f.path, f.doc)
            }
            if byID[id] == nil { byID[id] = (f.doc, f.path, argument[k]) }
            byDoc[f.doc] = (id, f.path)
            if f.size > Decoder.maxBytes {
                walk.skipped.append((f.path, "\(DecodeError.tooLarge(bytes: f.size))"))
            } else {
                walk.files.append(f)
            }
        }
        // docs/RECORDS.md: sorted by document path (byte order, the same on every machine).
        walk.files.sort { Array($0.doc.utf8).lexicographicallyPrecedes(Array($1.doc.utf8)) }
        return walk
    }

    /// The files under `root`, listed by `find -L` as (type, size, device, inode, relative path) records
    /// separated by NUL, so any byte of a name survives; its messages name loops and unreadable folders.
    static func walkDirectory(_ p: String, glob: String, into walk: inout Walk, found: inout [(InputFile, identity: String)]) throws {
        let root = p.count > 1 && p.hasSuffix("/") ? String(p.dropLast()) : p
        let (out, err) = try runFind(root)
        let rootBytes = Array(root.utf8) + [0x2F]
        for entry in out.split(separator: 0, omittingEmptySubsequences: true) {
            let fields = entry.split(separator: 0x20, maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, let type = fields[0].first else { continue }
            let rel = Array(fields[4])
            let name = Array(rel.split(separator: 0x2F).last ?? [])
            let display = DocName.escaped(rootBytes + rel)
            switch type {
            case UInt8(ascii: "d"): continue
            case UInt8(ascii: "f"):
                guard matches(glob, name) else { walk.unmatched += 1; continue }
                let size = Int(String(decoding: fields[1], as: UTF8.self)) ?? 0
                let id = String(decoding: fields[2], as: UTF8.self) + " " + String(decoding: fields[3], as: UTF8.self)
                found.append((InputFile(pathBytes: rootBytes + rel, doc: DocName.escaped(rel), size: size), id))
            case UInt8(ascii: "l"):
                walk.skipped.append((display, "a broken symbolic link: skipped"))
            default:
                guard matches(glob, name) else { walk.unmatched += 1; continue }
                walk.skipped.append((display, "not a regular file: skipped"))
            }
        }
        for line in err.split(separator: "\n") {
            var m = findMessage(String(line), root: root)
            if !root.hasPrefix("/") && m.path.hasPrefix("./") { m.path.removeFirst(2) }
            if !root.hasPrefix("/") { m.reason = m.reason.replacingOccurrences(of: " back to ./", with: " back to ") }
            walk.skipped.append(m)
        }
    }

    static func runFind(_ root: String) throws -> (out: [UInt8], err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/find")
        // A relative root is passed as ./ROOT: a folder named `-x`, `(` or `!` is then not read as an option
        // or an operator (%P, the path under the root, is the same).
        p.arguments = ["-L", root.hasPrefix("/") ? root : "./" + root, "-mindepth", "1", "(", "-name", ".*", "-prune", ")", "-o", "-printf", "%y %s %D %i %P\\0"]
        p.environment = ["LC_ALL": "C", "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        // Not waitUntilExit: on Linux it polls the run loop every 50 ms, which is up to 50 ms of a run's
        // start-up spent waiting for a `find` that has already exited.
        let exited = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in exited.signal() }
        try p.run()
        // Read both pipes to the end before waiting, so a large listing cannot fill a pipe and block find.
        final class Box: @unchecked Sendable { var data = Data() }
        let errData = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        exited.wait()
        return ([UInt8](outData), String(decoding: errData.data, as: UTF8.self))
    }

    /// find's messages (LC_ALL=C): `find: File system loop detected; 'X' is part of the same file system
    /// loop as 'Y'.` and `find: 'X': Permission denied`.
    static func findMessage(_ line: String, root: String) -> (path: String, reason: String) {
        let parts = line.split(separator: "'", omittingEmptySubsequences: false).map(String.init)
        if line.contains("File system loop detected"), parts.count >= 4 {
            return (parts[1], "a symbolic link loop back to \(parts[3]): not followed")
        }
        if line.hasSuffix("Permission denied"), parts.count >= 2 { return (parts[1], "cannot read the folder (permissions?): skipped") }
        return (root, line.hasPrefix("find: ") ? String(line.dropFirst(6)) : line)
    }

    /// fnmatch(3) on the name's bytes.
    static func matches(_ glob: String, _ name: [UInt8]) -> Bool {
        fnmatch(glob, name.map { CChar(bitPattern: $0) } + [0], 0) == 0
    }
}

/// Reads a whole file by the bytes of its path (any name, UTF-8 or not), or standard input.
public enum FileReader {
    public static func read(_ file: InputFile) -> [UInt8]? {
        if let content = file.content { return content }
        if file.isStandardInput { return readToEnd(FileHandle.standardInput) }
        let fd = open(file.pathBytes.map { CChar(bitPattern: $0) } + [0], O_RDONLY)
        guard fd >= 0 else { return nil }
        return readToEnd(FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    static func readToEnd(_ handle: FileHandle) -> [UInt8]? {
        do {
            let data: Data? = try handle.readToEnd()
            return data.map { [UInt8]($0) } ?? []
        } catch {
            return nil
        }
    }
}

/// The bytes of a command-line argument as the shell passed them. Swift's `CommandLine.arguments` (and
/// so ArgumentParser) repairs bytes that are not UTF-8 to U+FFFD; for such an argument this finds the raw
/// argument it was decoded from, in /proc/self/cmdline (Linux; elsewhere the repaired string's bytes).
public enum RawArguments {
    public static func bytes(of argument: String) -> [UInt8] {
        guard argument.unicodeScalars.contains("\u{FFFD}"), let data = FileManager.default.contents(atPath: "/proc/self/cmdline") else {
            return Array(argument.utf8)
        }
        for raw in [UInt8](data).split(separator: 0, omittingEmptySubsequences: false) where String(decoding: raw, as: UTF8.self) == argument {
            return Array(raw)
        }
        return Array(argument.utf8)
    }
}
