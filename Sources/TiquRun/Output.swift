import Foundation

/// Where records go: standard output, or a file written atomically. A file is written as a temporary
/// file in the same folder and renamed over the destination only when the run completes, so a killed or
/// failed run leaves the previous output as it was (`abort()` removes the temporary file; after SIGKILL
/// only a hidden `.NAME.tiqu-PID.tmp` can remain, never a half-written NAME).
public final class Output: @unchecked Sendable {
    public let path: String?
    /// The file replaced: `path` with its symbolic links followed.
    let destination: String?
    let temporary: String?
    let handle: FileHandle
    /// The first write error, if any (later writes are skipped).
    public private(set) var failure: OutputError?
    private let lock = NSLock()
    /// Renamed into place: nothing left to remove.
    private var committed = false

    /// `nil` or `-`: standard output.
    public init(path: String?) throws {
        guard let path, path != "-" else {
            self.path = nil
            destination = nil
            temporary = nil
            handle = FileHandle.standardOutput
            return
        }
        // A symbolic link is followed: its target is what is replaced (the link stays a link), as other
        // tools write through a link.
        var st = stat()
        let exists = stat(path, &st) == 0
        // (A device's path is not resolved: /dev/stdout leads to /proc/self/fd/1 and on to `pipe:[N]`.)
        let target = exists && (st.st_mode & S_IFMT) != S_IFREG ? path : Self.followingLinks(path)
        // A destination that exists and is not a regular file (a device such as /dev/stdout or /dev/null, a
        // pipe) is written directly: it cannot be replaced, and must not be.
        if exists && (st.st_mode & S_IFMT) != S_IFREG {
            guard let h = FileHandle(forWritingAtPath: path) else { throw OutputError(path: path, reason: Self.lastError()) }
            self.path = path
            destination = target
            temporary = nil
            handle = h
            return
        }
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        // The temporary name must fit NAME_MAX (255 bytes) where NAME does: a long NAME is shortened.
        let short = name.utf8.count > 200 ? String(decoding: Array(name.utf8.prefix(200)), as: UTF8.self) : name
        // O_EXCL: a file of that name is another run's (or one a killed run left): take the next name.
        var temp = ""
        var fd: Int32 = -1
        for n in 0..<1000 {
            temp = folder + ".\(short).tiqu-\(getpid())" + (n == 0 ? "" : "-\(n)") + ".tmp"
            fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw OutputError(path: path, reason: Self.lastError()) }
        // The replaced file keeps its permissions (a private 0600 output stays private).
        if exists { _ = fchmod(fd, st.st_mode & 0o7777) }
        self.path = path
        destination = target
        temporary = temp
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// The path with its symbolic links followed (the last component's, up to 40 of them), the target
    /// need not exist.
    static func followingLinks(_ path: String) -> String {
        var p = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(p, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK,
                  let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: p) else { return p }
            if dest.hasPrefix("/") {
                p = dest
            } else {
                let slash = p.lastIndex(of: "/")
                p = (slash.map { String(p[...$0]) } ?? "") + dest
            }
        }
        return p
    }

    public func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        do { try handle.write(contentsOf: bytes) } catch {
            failure = OutputError(path: path ?? "standard output", reason: Self.reason(error))
        }
    }

    /// Makes the output final: the temporary file is flushed to disk and renamed over the destination.
    /// Standard output and a device are not synced: every write has already reached the system (FileHandle
    /// does not buffer), as any Unix tool leaves its output, and an fsync of standard output redirected to
    /// a file was 13 ms at the end of a 0.6 s run on two cores, with every other thread done.
    public func commit() throws {
        lock.lock()
        defer { lock.unlock() }
        if let failure { abortLocked(); throw failure }
        guard let path, let destination, let temporary else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            abortLocked()
            throw OutputError(path: path, reason: Self.reason(error))
        }
        guard rename(temporary, destination) == 0 else {
            let reason = Self.lastError()
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
        committed = true
    }

    /// Removes the temporary file (on an interrupted or failed run); the destination is untouched.
    public func abort() {
        lock.lock()
        abortLocked()
        lock.unlock()
    }

    private func abortLocked() {
        if let temporary, !committed { unlink(temporary) }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}

/// Output could not be written: the path and why (an I/O error, exit status 74).
public struct OutputError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
