// Vectorscan (Hyperscan's portable fork) in prefilter mode: the one candidate pass over a text for many
// patterns. Like CPCRE2, CVectorscan is imported only here, and its unsafe code stays in this module.
import CVectorscan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Many patterns compiled into one Vectorscan database with HS_FLAG_PREFILTER. A scan reports, for each
/// pattern it took, every offset where a match may end: prefilter mode widens what it cannot do
/// (lookarounds, back-references, large bounded repeats), so it reports false candidates but never misses
/// a match end. PCRE2 stays the judge of every match and its span. Immutable; shared by all threads.
public final class CandidateDatabase: @unchecked Sendable {
    /// For each pattern given, by index: nil when Vectorscan cannot take it even in prefilter mode (the
    /// caller searches for it another way), else the most bytes a match can span (`Int.max`: unbounded).
    public let widths: [Int?]
    /// For each pattern: whether it holds `\G` or `\K`, which Vectorscan cannot take and which are left
    /// out of its expression (a wider pattern, so still no match end missed); a candidate end then says
    /// nothing about where the search may start (`\G` holds where the previous match ended).
    public let relaxed: [Bool]
    fileprivate let db: OpaquePointer

    /// The library and its version (part of a cache key: a database only loads into the version that wrote it).
    public static var libraryVersion: String { "vectorscan " + String(cString: hs_version()) }

    /// Compiles the patterns Vectorscan takes, but those in `excluding`; nil when it takes none. Costs
    /// about a second for 30 rules. `scans[i]`, when given, is what Vectorscan scans for instead of pattern
    /// `i` (a cheaper pattern that matches wherever a match of it ends); the width and `relaxed` stay the
    /// pattern's own, and it is taken only when Vectorscan takes both.
    public init?(patterns: [(text: String, options: Regex.Options)], scans: [String?] = [], excluding: Set<Int> = []) {
        var widths = [Int?](repeating: nil, count: patterns.count)
        func scan(_ i: Int) -> (String, UInt32) {
            Self.expression(i < scans.count ? scans[i] ?? patterns[i].text : patterns[i].text, patterns[i].options)
        }
        for (i, p) in patterns.enumerated() where !excluding.contains(i) {
            let (text, f) = Self.expression(p.text, p.options)
            guard let w = Self.width(text, f) else { continue }
            if i < scans.count, scans[i] != nil { guard Self.width(scan(i).0, f) != nil else { continue } }
            widths[i] = w
        }
        // A pattern can pass the parse and still fail to compile (too large): drop it and compile the rest.
        while true {
            let ids = widths.indices.filter { widths[$0] != nil }
            guard !ids.isEmpty else { return nil }
            let kept = ids.map(scan)
            switch Self.compile(kept.map(\.0), kept.map(\.1), ids.map(UInt32.init)) {
            case .success(let db):
                self.db = db
                self.widths = widths
                relaxed = patterns.map { Self.relax($0.text).1 }
                return
            case .failure(let failure):
                guard let expression = failure.expression, expression < ids.count else { return nil }
                widths[ids[expression]] = nil
            }
        }
    }

    /// A database written by `serialized()` with the same library version; nil when the bytes are not one.
    public init?(serialized bytes: [UInt8], widths: [Int?], relaxed: [Bool]) {
        var db: OpaquePointer?
        let rc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { hs_deserialize_database($0, buf.count, &db) }
        }
        guard rc == HS_SUCCESS, let db else { return nil }
        self.db = db
        self.widths = widths
        self.relaxed = relaxed
    }

    deinit { hs_free_database(db) }

    /// The database as bytes (`hs_serialize_database`), for a cache on disk.
    public func serialized() -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(db, &out, &length) == HS_SUCCESS, let out else { return [] }
        defer { free(out) }
        return out.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// Every candidate match end in `subject[range]`, by pattern index (offsets into `subject`, ascending).
    public func scan(_ subject: [UInt8], range: Range<Int>, scratch: CandidateScratch) -> [[Int]] {
        let sink = Sink(count: widths.count, base: range.lowerBound)
        guard !range.isEmpty, range.count < Int(UInt32.max) else { return sink.ends }
        guard let space = scratch.prepare(self) else { return sink.ends }
        let handler: match_event_handler = { id, _, to, _, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            sink.ends[Int(id)].append(sink.base + Int(to))
            return 0
        }
        subject.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { base in
                _ = hs_scan(db, base + range.lowerBound, UInt32(range.count), 0, space, handler, Unmanaged.passUnretained(sink).toOpaque())
            }
        }
        for i in sink.ends.indices where !sink.ends[i].isEmpty { sink.ends[i].sort() }
        return sink.ends
    }

    private final class Sink {
        var ends: [[Int]]
        let base: Int
        init(count: Int, base: Int) { ends = Array(repeating: [], count: count); self.base = base }
    }

    /// The expression and flags Vectorscan gets for a PCRE2 pattern compiled in UTF + UCP mode.
    static func expression(_ text: String, _ options: Regex.Options) -> (String, UInt32) {
        var flags = UInt32(HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_PREFILTER)
        if options.contains(.multiline) { flags |= UInt32(HS_FLAG_MULTILINE) }
        let text = relax(text).0
        return (options.contains(.extended) ? "(?x)" + text : text, flags)
    }

    /// The pattern with each `\G` and `\K` replaced by an empty group, and whether there was one.
    static func relax(_ text: String) -> (String, Bool) {
        var out: [UInt8] = []
        var changed = false
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 1 < b.count {
                if b[i + 1] == UInt8(ascii: "G") || b[i + 1] == UInt8(ascii: "K") {
                    out += Array("(?:)".utf8)
                    changed = true
                } else {
                    out += [b[i], b[i + 1]]
                }
                i += 2
                continue
            }
            out.append(b[i])
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), changed)
    }

    /// The widest match of a pattern Vectorscan takes; nil when it does not, or when the pattern may match
    /// the empty string (which PCRE2's search retries in a way a match end cannot stand for).
    static func width(_ text: String, _ flags: UInt32) -> Int? {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        guard hs_expression_info(text, flags, &info, &error) == HS_SUCCESS, let info else {
            if let error { hs_free_compile_error(error) }
            return nil
        }
        defer { free(info) }
        guard info.pointee.min_width > 0 else { return nil }
        return info.pointee.max_width == UInt32.max ? Int.max : Int(info.pointee.max_width)
    }

    static func compile(_ texts: [String], _ flags: [UInt32], _ ids: [UInt32]) -> Result<OpaquePointer, CompileFailure> {
        var cstrings = texts.map { strdup($0) }
        defer { for c in cstrings { free(c) } }
        var db: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let rc = cstrings.withUnsafeMutableBufferPointer { strs in
            strs.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: strs.count) { p in
                hs_compile_multi(p, flags, ids, UInt32(texts.count), UInt32(HS_MODE_BLOCK), nil, &db, &error)
            }
        }
        if rc == HS_SUCCESS, let db { return .success(db) }
        let expression = error.map { Int($0.pointee.expression) }
        if let error { hs_free_compile_error(error) }
        return .failure(CompileFailure(expression: expression.flatMap { $0 >= 0 ? $0 : nil }))
    }

    struct CompileFailure: Error { let expression: Int? }
}

/// Per-thread Vectorscan scratch space, one for each database it has scanned with: the clean stage's two
/// passes and the match stage's alternate on every document, and one space grown to fit them all is
/// reallocated by hs_alloc_scratch on each switch (177 reallocations, 88 M instructions over the corpus).
/// The space holds its database, so an address is never reused by another database while kept here.
/// When it ends (a run of `--stdin-jsonl` makes one for each document) its spaces go to a pool the next
/// one takes them from: allocating one costs about 460,000 instructions.
public final class CandidateScratch {
    private var spaces: [(database: CandidateDatabase, space: OpaquePointer)] = []

    public init() {}

    fileprivate func prepare(_ database: CandidateDatabase) -> OpaquePointer? {
        if let kept = spaces.first(where: { $0.database === database }) { return kept.space }
        var space = ScratchPool.shared.take(database)
        if space == nil {
            guard hs_alloc_scratch(database.db, &space) == HS_SUCCESS else { return nil }
        }
        guard let space else { return nil }
        spaces.append((database, space))
        return space
    }

    deinit { for kept in spaces { ScratchPool.shared.give(kept) } }
}

/// Scratch spaces of ended `CandidateScratch`es, each with its database, for the next one to take. Holds
/// a few (as many as threads scanned at once, for the few databases of a run); beyond that the oldest
/// is freed, so a long-lived process that loads other rules does not keep every database it had.
private final class ScratchPool: @unchecked Sendable {
    static let shared = ScratchPool()
    static let capacity = 16
    private var lock = pthread_mutex_t()
    private var free: [(database: CandidateDatabase, space: OpaquePointer)] = []

    init() { pthread_mutex_init(&lock, nil) }

    func take(_ database: CandidateDatabase) -> OpaquePointer? {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard let k = free.lastIndex(where: { $0.database === database }) else { return nil }
        return free.remove(at: k).space
    }

    func give(_ kept: (database: CandidateDatabase, space: OpaquePointer)) {
        pthread_mutex_lock(&lock)
        free.append(kept)
        let dropped = free.count > Self.capacity ? free.removeFirst() : nil
        pthread_mutex_unlock(&lock)
        // Freed outside the lock: the database it holds may end here too.
        if let dropped { hs_free_scratch(dropped.space) }
    }
}
