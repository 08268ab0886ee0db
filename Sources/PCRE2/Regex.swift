// The only module that imports CPCRE2 and the only one with unsafe code (STYLE.md, "C at arm's length").
// Everything outside sees byte offsets as `Range<Int>` into a `[UInt8]` UTF-8 subject.
import CPCRE2
import Synchronization

/// A PCRE2 failure, carrying PCRE2's own message and, for compile errors, the byte offset into the pattern.
public struct PCRE2Error: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Equatable, Sendable {
        case compile
        /// The match limit (backtracking steps) was hit: the pattern backtracks without end on this input.
        case matchLimit
        /// The depth or heap limit was hit (interpreter) or the JIT stack was exhausted.
        case depthLimit
        /// Any other matching error (bad UTF in the subject, internal errors).
        case match
    }
    public let kind: Kind
    public let code: Int32
    public let message: String
    /// Byte offset into the pattern where compilation failed; nil for matching errors.
    public let patternOffset: Int?

    public var description: String {
        if let off = patternOffset { return "\(message) (at pattern offset \(off))" }
        return message
    }

    static func from(code: Int32, patternOffset: Int? = nil, compile: Bool = false) -> PCRE2Error {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        let message = n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
        let kind: Kind
        if compile {
            kind = .compile
        } else {
            switch code {
            case PCRE2_ERROR_MATCHLIMIT: kind = .matchLimit
            case PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT: kind = .depthLimit
            default: kind = .match
            }
        }
        return PCRE2Error(kind: kind, code: code, message: message, patternOffset: patternOffset)
    }
}

/// Resource limits applied to every match, so a pattern that backtracks without end fails fast with a typed error.
public struct MatchLimits: Equatable, Sendable {
    public var matchLimit: UInt32
    public var depthLimit: UInt32
    /// Heap limit for the interpreter, in KiB.
    public var heapLimitKiB: UInt32
    /// Maximum JIT stack, in bytes.
    public var jitStackMax: Int

    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000,
                heapLimitKiB: UInt32 = 20_000, jitStackMax: Int = 1 << 20) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKiB = heapLimitKiB
        self.jitStackMax = jitStackMax
    }
    public static let `default` = MatchLimits()
}

/// One match: the whole range and each capture group's range (nil when unset), in subject bytes.
public struct Match: Equatable, Sendable {
    public let range: Range<Int>
    /// Index 0 is the whole match; 1... are the capture groups.
    public let groups: [Range<Int>?]
}

/// A compiled pattern, always in UTF + UCP mode, JIT-compiled when the platform allows.
/// Immutable after init, so one instance is shared by all threads; each thread brings its own `MatchScratch`.
public final class Regex: @unchecked Sendable {
    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Whitespace in the pattern is ignored and `#` starts a comment (PCRE2_EXTENDED).
        public static let extended = Options(rawValue: PCRE2_EXTENDED)
        public static let multiline = Options(rawValue: PCRE2_MULTILINE)
        /// Matches may be bounded by where they start (`forEachMatch(startLimit:)`; PCRE2_USE_OFFSET_LIMIT).
        public static let startLimit = Options(rawValue: PCRE2_USE_OFFSET_LIMIT)
    }

    /// Nil until first use for a pattern made with `init(pattern:options:info:)`; written once under
    /// `jitLock` before `jit` leaves 0, so a reader that has seen `jit` set sees it.
    private var code: OpaquePointer?
    public let pattern: String
    public let options: Options
    /// Number of capture groups (not counting group 0).
    public let captureCount: Int
    /// Named groups → group number.
    public let groupNumbers: [String: Int]
    /// Whether matching runs on JIT-compiled code (JIT-compiling the pattern now if it was not yet).
    public var isJIT: Bool { jitState() == Self.jitReady }
    /// JIT on the first match, not at load (it was most of loading): a run compiles only what it uses.
    private let jit = Atomic<Int>(0), jitLock = Mutex<Void>(())  // 0 = not yet, jitReady, jitUnavailable
    private static let jitReady = 1, jitUnavailable = 2
    /// A lower bound on the length in bytes of any match (PCRE2_INFO_MINLENGTH): 0 when the pattern may
    /// match the empty string.
    public let minLength: Int

    /// A pattern that compiled before (with this PCRE2: `libraryVersion`) and gave `info`, compiled only at
    /// its first match: a run compiles only the patterns it uses.
    public init(pattern: String, options: Options, info: Info) {
        (self.pattern, self.options, captureCount, groupNumbers, minLength) = (pattern, options, info.captureCount, info.groupNumbers, info.minLength)
    }

    public init(_ pattern: String, options: Options = []) throws {
        self.pattern = pattern
        self.options = options
        let compiled = try Self.compile(pattern, options)
        code = compiled

        var count: UInt32 = 0, minimum: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_MINLENGTH), &minimum)
        minLength = Int(minimum)

        groupNumbers = Self.groupNumbers(compiled)
    }

    deinit { if let code { pcre2_code_free_8(code) } }

    /// JIT-compiles once, under a lock, before any thread matches: the others wait, then read it lock-free.
    private func jitState() -> Int {
        let state = jit.load(ordering: .acquiring)
        if state != 0 { return state }
        return jitLock.withLock { _ in
            let now = jit.load(ordering: .acquiring)
            if now != 0 { return now }
            // A lazy pattern compiled when its info was taken, with this library (the cache key holds its version).
            if code == nil { code = try? Self.compile(pattern, options) }
            guard let code else { fatalError("a cached pattern no longer compiles with \(Self.libraryVersion); delete the tiqu cache folder") }
            let compiled = pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE) == 0 ? Self.jitReady : Self.jitUnavailable
            jit.store(compiled, ordering: .releasing)
            return compiled
        }
    }

    /// Throws what `init` would for this pattern (whether a sub-pattern compiles on its own).
    public static func check(_ pattern: String, options: Options = []) throws {
        pcre2_code_free_8(try compile(pattern, options))
    }

    /// pcre2_compile in UTF + UCP mode; a typed error with PCRE2's message and the pattern offset.
    private static func compile(_ pattern: String, _ options: Options) throws -> OpaquePointer {
        let bytes = Array(pattern.utf8)
        var errorCode: Int32 = 0, errorOffset = 0
        let compiled = bytes.withUnsafeBufferPointer { buf in
            pcre2_compile_8(buf.baseAddress, buf.count, PCRE2_UTF | PCRE2_UCP | options.rawValue, &errorCode, &errorOffset, nil)
        }
        guard let compiled else { throw PCRE2Error.from(code: errorCode, patternOffset: errorOffset, compile: true) }
        return compiled
    }

    /// The first match starting at or after `start`, looking no further than `end` (the subject ends there;
    /// lookbehinds may still see bytes before `start`). Subjects must be valid UTF-8: callers build them
    /// from decoded text, so PCRE2's UTF check is skipped.
    public func firstMatch(in subject: [UInt8], from start: Int = 0, to end: Int? = nil,
                           scratch: MatchScratch) throws -> Match? {
        try match(subject, start: start, end: end ?? subject.count, options: 0, scratch: scratch)
    }

    /// Calls `body` for each non-overlapping match in `subject[range]`, left to right, until it returns false.
    /// After an empty match the search retries at the same place for a non-empty one, then moves on one
    /// character (the pcre2demo logic), so it never loops and never splits a UTF-8 sequence.
    /// With `startLimit` (a pattern compiled with `.startLimit`), only matches starting at or before it are
    /// found, and the search stops there: the subject (what lookarounds see) still ends at `range`'s end.
    public func forEachMatch(in subject: [UInt8], range: Range<Int>? = nil, startLimit: Int? = nil, scratch: MatchScratch,
                             _ body: (Match) throws -> Bool) throws {
        let range = range ?? 0..<subject.count
        if let startLimit {
            precondition(options.contains(.startLimit), "startLimit needs a pattern compiled with .startLimit")
            pcre2_set_offset_limit_8(scratch.context, startLimit)
        }
        defer { if startLimit != nil { pcre2_set_offset_limit_8(scratch.context, tiqu_pcre2_unset()) } }
        var offset = range.lowerBound
        var retryNonEmpty = false
        while offset <= range.upperBound {
            if let startLimit, offset > startLimit { return }
            let options: UInt32 = retryNonEmpty ? (PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED) : 0
            guard let m = try match(subject, start: offset, end: range.upperBound, options: options, scratch: scratch) else {
                if !retryNonEmpty { return }
                // No non-empty match here: step over one UTF-8 character.
                retryNonEmpty = false
                offset += 1
                while offset < range.upperBound && subject[offset] & 0xC0 == 0x80 { offset += 1 }
                continue
            }
            guard try body(m) else { return }
            // \K can report a match that ends before its start offset; never go backwards.
            offset = max(m.range.upperBound, offset)
            retryNonEmpty = m.range.isEmpty
        }
    }

    /// What a match attempt with PCRE2_PARTIAL_HARD gives when the subject ends at `end`.
    public enum PartialResult: Equatable, Sendable {
        /// A whole match that did not reach the end of the subject.
        case complete(Match)
        /// The subject ended while the pattern still matched: the text from `range.lowerBound` on is a
        /// prefix of a possible match.
        case partial(Range<Int>)
        case none
    }

    /// Matches `subject[start..<end]` with PCRE2_PARTIAL_HARD (interpreted, not JIT): tells whether the text
    /// up to `end` could begin a match, for showing how far a pattern gets before it and the text part ways.
    public func partialMatch(in subject: [UInt8], from start: Int, to end: Int, scratch: MatchScratch) throws -> PartialResult {
        precondition(start >= 0 && start <= end && end <= subject.count, "match range out of bounds")
        _ = jitState()  // never match while another thread JIT-compiles the same code
        scratch.ensureCapacity(pairs: captureCount + 1)
        let data = scratch.matchData
        let rc: Int32 = subject.withUnsafeBufferPointer { buf in
            let base = buf.baseAddress ?? UnsafePointer(bitPattern: 1)!
            return pcre2_match_8(code, base, end, start, PCRE2_PARTIAL_HARD | PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, data, scratch.context)
        }
        if rc == PCRE2_ERROR_NOMATCH { return .none }
        let ovector = pcre2_get_ovector_pointer_8(data)!
        if rc == PCRE2_ERROR_PARTIAL { return .partial(Int(ovector[0])..<Int(ovector[1])) }
        if rc < 0 { throw PCRE2Error.from(code: rc) }
        let s = Int(ovector[0]), e = Int(ovector[1])
        return .complete(Match(range: min(s, e)..<e, groups: [min(s, e)..<e]))
    }

    private func match(_ subject: [UInt8], start: Int, end: Int, options: UInt32, scratch: MatchScratch) throws -> Match? {
        precondition(start >= 0 && start <= end && end <= subject.count, "match range out of bounds")
        scratch.ensureCapacity(pairs: captureCount + 1)
        let data = scratch.matchData
        let isJIT = jitState() == Self.jitReady
        let rc: Int32 = subject.withUnsafeBufferPointer { buf in
            // An empty array may have no base address; PCRE2 accepts a null subject only with length 0.
            let base = buf.baseAddress ?? UnsafePointer(bitPattern: 1)!
            if isJIT && options & PCRE2_ANCHORED == 0 {
                return pcre2_jit_match_8(code, base, end, start, options, data, scratch.context)
            }
            return pcre2_match_8(code, base, end, start, options | PCRE2_NO_UTF_CHECK, data, scratch.context)
        }
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 { throw PCRE2Error.from(code: rc) }
        let ovector = pcre2_get_ovector_pointer_8(data)!
        let unset = tiqu_pcre2_unset()
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        for i in 0...captureCount {
            let s = ovector[2 * i], e = ovector[2 * i + 1]
            if i >= Int(rc) || s == unset || e == unset {
                groups.append(nil)
            } else {
                // With \K the start may lie after the end; report an empty range at the end then.
                groups.append(Int(min(s, e))..<Int(e))
            }
        }
        return Match(range: groups[0]!, groups: groups)
    }
}

/// Per-thread matching state: match data, a match context with the limits, and a JIT stack.
/// Not thread-safe: one per thread (or per worker), reused for every match.
public final class MatchScratch {
    fileprivate private(set) var matchData: OpaquePointer
    fileprivate let context: OpaquePointer
    private let jitStack: OpaquePointer?
    private var pairs: Int
    public let limits: MatchLimits

    public init(limits: MatchLimits = .default) {
        self.limits = limits
        pairs = 16
        matchData = pcre2_match_data_create_8(UInt32(pairs), nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackMax), nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    fileprivate func ensureCapacity(pairs needed: Int) {
        guard needed > pairs else { return }
        pcre2_match_data_free_8(matchData)
        pairs = needed
        matchData = pcre2_match_data_create_8(UInt32(pairs), nil)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
