import PCRE2

/// Per-thread memory for running patterns (PCRE2 match data and JIT stack), reused across documents: one
/// per worker thread. The driver makes them; the stages that run patterns use them.
public final class Scratch: @unchecked Sendable {
    package let pcre2: MatchScratch
    /// Vectorscan scratch space for the match stage's candidate pass (allocated on first scan).
    package let candidates = CandidateScratch()
    public let limits: Limits

    public init(limits: Limits = .default) {
        self.limits = limits
        pcre2 = MatchScratch(limits: MatchLimits(matchLimit: limits.matchLimit, depthLimit: limits.depthLimit,
                                                 heapLimitKiB: limits.heapLimitKiB, jitStackMax: limits.jitStackMax))
    }

    /// Bounds on one match, so a pattern that backtracks without end fails fast with a message.
    public struct Limits: Sendable, Equatable {
        public var matchLimit: UInt32 = 1_000_000
        public var depthLimit: UInt32 = 10_000
        public var heapLimitKiB: UInt32 = 20_000
        public var jitStackMax = 1 << 20
        public init() {}
        public static let `default` = Limits()
    }
}

/// A pattern that stopped on a document (PCRE2's match, depth or heap limit): what to tell the user.
public struct PatternStop: Error, Sendable {
    public let message: String
    package init(_ e: PCRE2Error) { message = e.message }
}

extension PatternStop {
    /// The message for a rule that stopped on a document: what, which rule where, and what to do.
    public func stoppedMessage(rule: Rule) -> String {
        "rule `\(rule.id)` (\(rule.location)) stopped on this document: \(message); the other rules ran. Make the pattern backtrack less (bounded repeats, possessive or atomic groups)"
    }
}
