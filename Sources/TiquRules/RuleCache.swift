import Foundation
import PCRE2

/// The compiled-rules cache: a rules folder that loaded without any error, kept as one file in the cache
/// folder (beside the candidate database), so that the next run reads it instead of parsing YAML,
/// expanding and compiling every pattern (patterns are then compiled at their first match). The file is
/// named by a hash of every rule file's path and bytes (`RuleFiles.hash`) and of the tool (`salt`: its
/// version and build), this format and the PCRE2 version: a changed rule file is another name. A
/// missing, truncated, corrupt or stale file is a miss: the rules are loaded from their files, and
/// written again when they load cleanly. A folder with an error is never written, so its errors are
/// always reported from the files, at file:line:col, as without a cache.
public enum RuleCache {
    static let magic = Array("tiqu-rules1\n".utf8)
    /// Raised when the format, or what the loader makes of a rule file, changes.
    static let format = 2

    /// The rules of `files.directory`, as `RuleLoader.load(directory:warnings: false)` gives them (from
    /// the cache the result has no `patterns`: those are for `tiqu rules doc`, which does not use it).
    /// `cache` nil: no file is read or written.
    public static func load(_ files: RuleFiles, cache: String?, salt: String) -> RuleLoader.Result {
        guard let cache else { return RuleLoader.load(directory: files.directory, warnings: false) }
        let key = key(files, salt: salt)
        let path = (cache as NSString).appendingPathComponent("rules-\(key).bin")
        if let set = read(path, key: key, directory: files.directory) {
            return RuleLoader.Result(ruleSet: set, errors: [], warnings: [], patterns: [])
        }
        let result = RuleLoader.load(directory: files.directory, warnings: false)
        let set = result.ruleSet
        if result.errors.isEmpty, result.droppedRules == 0, result.brokenFiles == 0, set.context != nil, set.structure != nil, set.clean != nil {
            write(set, to: path, in: cache, key: key, directory: files.directory)
        }
        return result
    }

    /// 32 hex digits: the rule files' hash, then one of the salt, the format and the PCRE2 version.
    static func key(_ files: RuleFiles, salt: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "\(salt)\u{0}\(format)\u{0}\(Regex.libraryVersion)".utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return RuleFiles.hex(files.hash) + RuleFiles.hex(h)
    }

    /// FNV-1a over `bytes[from...]`: a file cut short or changed on disk is a miss, never other rules.
    static func checksum(_ bytes: [UInt8], from: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in from..<bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return h
    }

    /// The header: magic, key, the payload's length and checksum (8 bytes each, little-endian).
    static func headerSize(_ key: String) -> Int { magic.count + key.utf8.count + 16 }

    static func read(_ path: String, key: String, directory: String) -> RuleSet? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        let head = headerSize(key)
        guard bytes.count >= head, bytes[0..<magic.count].elementsEqual(magic),
              bytes[magic.count..<head - 16].elementsEqual(key.utf8) else { return nil }
        func word(_ at: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) } }
        guard word(head - 16) == UInt64(bytes.count - head), word(head - 8) == checksum(bytes, from: head) else { return nil }
        var reader = CacheReader(bytes, at: head)
        var display: [String: String] = [:]  // each rule file's, worked out once
        return try? RuleSetCoding().read(&reader) { rel in
            if let known = display[rel] { return known }
            let path = RuleLoader.displayPath((directory as NSString).appendingPathComponent(rel), root: directory)
            display[rel] = path
            return path
        }
    }

    /// Written atomically (`CacheFolder`); a failure only means the next run loads the rule files again.
    static func write(_ set: RuleSet, to path: String, in dir: String, key: String, directory: String) {
        var coding = RuleSetCoding()
        for rel in RuleLoader.ruleFileNames(under: directory) {
            coding.relative[RuleLoader.displayPath((directory as NSString).appendingPathComponent(rel), root: directory)] = rel
        }
        var payload = CacheWriter()
        coding.write(set, into: &payload)
        var bytes = magic + Array(key.utf8)
        for v in [UInt64(payload.bytes.count), checksum(payload.bytes, from: 0)] {
            for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
        }
        bytes += payload.bytes
        CacheFolder.write(bytes, to: path, in: dir)
        prune(dir, keeping: path)
    }

    /// At most this many compiled-rules files are kept: every edit of a rule and every build of tiqu
    /// writes another.
    static let kept = 32

    /// The oldest compiled-rules files beyond `kept` are removed (never `path`, just written).
    static func prune(_ dir: String, keeping path: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return }
        let files = names.filter { $0.hasPrefix("rules-") && $0.hasSuffix(".bin") }.map { (dir as NSString).appendingPathComponent($0) }
        guard files.count > kept else { return }
        let dated = files.filter { $0 != path }.map { f in (f, (try? fm.attributesOfItem(atPath: f)[.modificationDate] as? Date) ?? .distantPast) }
        for (f, _) in dated.sorted(by: { $0.1 < $1.1 }).prefix(files.count - kept) { try? fm.removeItem(atPath: f) }
    }
}
