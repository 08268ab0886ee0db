/// The byte format of the compiled-rules cache: unsigned LEB128 integers (signed ones zigzagged),
/// strings as a length and their UTF-8 bytes, optionals and booleans as a byte, lists as a count.
struct CacheWriter {
    var bytes: [UInt8] = []

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64(v << 1 ^ v >> 63))) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func string(_ s: String) {
        uint(UInt64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optional<T>(_ v: T?, _ body: (inout CacheWriter, T) -> Void) {
        bool(v != nil)
        if let v { body(&self, v) }
    }

    mutating func list<T>(_ items: [T], _ body: (inout CacheWriter, T) -> Void) {
        uint(UInt64(items.count))
        for item in items { body(&self, item) }
    }

    /// A dictionary of strings, in key order (the same rules write the same bytes).
    mutating func strings(_ d: [String: String]) {
        list(d.sorted { $0.key < $1.key }) { w, kv in w.string(kv.key); w.string(kv.value) }
    }
}

/// A truncated or corrupt cache file: the caller loads the rules from their files instead.
struct CacheFormatError: Error {}

struct CacheReader {
    let bytes: [UInt8]
    var at: Int

    init(_ bytes: [UInt8], at: Int = 0) {
        self.bytes = bytes
        self.at = at
    }

    var atEnd: Bool { at == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard at < bytes.count else { throw CacheFormatError() }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func uint() throws -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw CacheFormatError() }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let u = try uint()
        return Int(truncatingIfNeeded: Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1))
    }

    /// A count of items still to read: never more than the bytes left (each item takes at least one).
    mutating func count() throws -> Int {
        let n = try uint()
        guard n <= UInt64(bytes.count - at) else { throw CacheFormatError() }
        return Int(n)
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw CacheFormatError()
        }
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }

    mutating func optional<T>(_ body: (inout CacheReader) throws -> T) throws -> T? {
        try bool() ? try body(&self) : nil
    }

    mutating func list<T>(_ body: (inout CacheReader) throws -> T) throws -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try body(&self)) }
        return out
    }

    mutating func strings() throws -> [String: String] {
        let pairs = try list { r in (try r.string(), try r.string()) }
        var d = [String: String](minimumCapacity: pairs.count)
        for (k, v) in pairs { d[k] = v }
        return d
    }
}
