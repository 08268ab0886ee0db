import Foundation

/// Where records go: standard output, or a file written atomically. A file is written as a temporary
/// file in the same folder and renamed over the destination only when the run completes, so a killed or
/// failed run leaves the previous output as it was (`abort()` removes the temporary file; after SIGKILL
/// only a hidden `.NAME.tiqu-PID.tmp` can remain, never a half-written NAME).
public final class Output: @unchecked Sendable {
    public let path: String?
    let temporary: String?
    let handle: FileHandle
    /// The first write error, if any (later writes are skipped).
    public private(set) var failure: OutputError?
    private let lock = NSLock()

    /// `nil` or `-`: standard output.
    public init(path: String?) throws {
        guard let path, path != "-" else {
            self.path = nil
            temporary = nil
            handle = FileHandle.standardOutput
            return
        }
        // A destination that exists and is not a regular file (a device such as /dev/stdout or /dev/null, a
        // pipe) is written directly: it cannot be replaced, and must not be.
        if let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType, type != .typeRegular {
            guard let h = FileHandle(forWritingAtPath: path) else { throw OutputError(path: path, reason: Self.lastError()) }
            self.path = path
            temporary = nil
            handle = h
            return
        }
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tiqu-\(getpid()).tmp").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, reason: Self.lastError()) }
        self.path = path
        temporary = temp
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
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
    public func commit() throws {
        lock.lock()
        defer { lock.unlock() }
        if let failure { abortLocked(); throw failure }
        guard let path, let temporary else {
            try? handle.synchronize()
            return
        }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            abortLocked()
            throw OutputError(path: path, reason: Self.reason(error))
        }
        guard rename(temporary, path) == 0 else {
            let reason = Self.lastError()
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
    }

    /// Removes the temporary file (on an interrupted or failed run); the destination is untouched.
    public func abort() {
        lock.lock()
        abortLocked()
        lock.unlock()
    }

    private func abortLocked() {
        if let temporary { unlink(temporary) }
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
