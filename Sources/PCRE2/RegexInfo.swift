// The lazy-compile hook of `Regex` (the compiled-rules cache): what a compiled pattern tells, and the
// library version that makes it safe to trust.
import CPCRE2

extension Regex {
    /// What `pattern_info` tells of a compiled pattern, kept so a pattern can be rebuilt without compiling
    /// it (the compiled-rules cache): it is then compiled at its first match.
    public struct Info: Sendable, Equatable {
        public let captureCount: Int
        public let groupNumbers: [String: Int]
        public let minLength: Int
        public init(captureCount: Int, groupNumbers: [String: Int], minLength: Int) {
            self.captureCount = captureCount
            self.groupNumbers = groupNumbers
            self.minLength = minLength
        }
    }

    public var info: Info { Info(captureCount: captureCount, groupNumbers: groupNumbers, minLength: minLength) }

    /// The PCRE2 library and its version (part of a cache key: `init(pattern:options:info:)` trusts the info).
    public static var libraryVersion: String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBufferPointer { pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), $0.baseAddress) }
        return "pcre2 " + String(decoding: buffer.prefix(max(0, Int(n) - 1)), as: UTF8.self)
    }

    /// Named groups → group number, from the compiled pattern's name table.
    static func groupNumbers(_ compiled: OpaquePointer) -> [String: Int] {
        var nameCount: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMECOUNT), &nameCount)
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMETABLE), &table)
        var names: [String: Int] = [:]
        if let table, nameCount > 0 {
            for i in 0..<Int(nameCount) {
                let entry = table + i * Int(entrySize)
                let number = Int(entry[0]) << 8 | Int(entry[1])
                var end = 2
                while end < Int(entrySize) && entry[end] != 0 { end += 1 }
                let name = String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self)
                names[name] = number
            }
        }
        return names
    }
}
