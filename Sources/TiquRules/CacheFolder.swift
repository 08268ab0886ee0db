import Foundation

/// The cache folder's one way of writing (the candidate databases and the compiled rules).
enum CacheFolder {
    /// Written to a temporary file and renamed, so a reader never sees half a file; a failure (a read-only
    /// folder, a full disk) only means the next run builds it again.
    static func write(_ bytes: [UInt8], to path: String, in dir: String) {
        let tmp = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: tmp))
            if rename(tmp, path) != 0 { try? FileManager.default.removeItem(atPath: tmp) }
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
        }
    }
}
