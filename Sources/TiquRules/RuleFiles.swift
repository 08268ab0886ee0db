import Foundation

/// A rules folder's files as bytes, hashed once: the hash names the rules in a run's summary
/// (`fingerprint`) and keys the compiled-rules cache (`RuleCache`), so any change to any rule file, its
/// examples' test documents or their names is another key.
public struct RuleFiles: Sendable {
    public let directory: String
    /// FNV-1a (64 bits) of every `*.yaml`, `*.yml` and `*.test.txt` file's relative path and bytes, in
    /// sorted order: the same rules give the same hash on every machine.
    public let hash: UInt64

    public init(directory: String) {
        self.directory = directory
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over arrays: through `Data`'s iterator the same loop cost 55 instructions a byte.
        func mix(_ bytes: [UInt8]) { for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        let files = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".test.txt") }.sorted()
        for rel in files {
            mix(Array(rel.utf8))
            mix([0])
            mix(FileManager.default.contents(atPath: directory + "/" + rel).map { [UInt8]($0) } ?? [])
            mix([0])
        }
        hash = h
    }

    /// The hash as 12 hex digits (what a run's summary prints).
    public var fingerprint: String { String(Self.hex(hash).prefix(12)) }

    /// 16 hex digits, zero-padded.
    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 16 - s.count)) + s
    }
}
