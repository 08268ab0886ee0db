import Foundation
import PCRE2

/// The one candidate pass over a text for every rule Vectorscan takes (`CandidateDatabase`, prefilter
/// mode): where a match of each rule may end. The match stage runs a rule's PCRE2 pattern only from the
/// widest match before each such end (and, for a rule with `prefilter:` characters, only inside the
/// sentences that hold one), so PCRE2 stays the judge of every span; the clean stage does the same for
/// its debris and damage rules over the whole text. Rules Vectorscan cannot take (`\G`, `\K`,
/// branch reset) keep the sentence prefilter; the output is the same either way (tests compare them).
public struct CandidatePass: Sendable {
    package let database: CandidateDatabase
    /// For each rule the pass covers (not relaxed), the characters its matches are made of
    /// (`MatchAlphabet`), which bound where a search for a candidate end starts; nil: the widest match does.
    package let alphabets: [MatchAlphabet?]

    /// Where the compiled database is kept between runs, and whether to compile it when it is not there.
    public struct Cache: Sendable {
        /// A folder (created when missing); nil keeps nothing on disk.
        public var directory: String?
        /// Compile on a miss (about a second); false: no candidate pass this run, the sentence prefilter
        /// does it all (for one small file that is quicker than compiling).
        public var compile: Bool
        public init(directory: String?, compile: Bool = true) {
            self.directory = directory
            self.compile = compile
        }
    }

    /// For each rule, the index (into a scan's ends) of the literal of its prefilter key, when the pass
    /// holds one (`literals(keys:unbounded:)`): its sentence windows then come from the scan.
    package let literal: [Int?]

    /// `alphabets`: each rule's (`Rule.alphabet`, read once when the rules load).
    init(database: CandidateDatabase, alphabets: [MatchAlphabet?], literal: [Int?]) {
        self.database = database
        self.literal = literal
        self.alphabets = alphabets.indices.map { i in database.widths[i] == nil || database.relaxed[i] ? nil : alphabets[i] }
    }

    /// The pass for these rules: from the cache when a file for exactly these patterns and this library
    /// version is there, else compiled (and written to the cache atomically). Nil when there is nothing to
    /// gain (no rule taken) or a miss may not compile. A corrupt or unreadable cache file is a miss.
    public static func load(rules: [Rule], cache: Cache) -> CandidatePass? {
        let patterns = rules.map { (text: $0.regex.pattern, options: $0.regex.options) }
        let keys = rules.map(PrefilterKey.of)
        let scans = rules.map(\.candidate)
        // The prefilter keys and the `candidate:` patterns are part of the key: the database is made of them too.
        let key = CandidateCacheFile.key(patterns + keys.map { (text: $0?.expression ?? "", options: []) }
            + scans.map { (text: $0 ?? "", options: []) }, library: CandidateDatabase.libraryVersion)
        let file = cache.directory.map { ($0 as NSString).appendingPathComponent("candidates-\(key).hsdb") }
        if let file, let hit = CandidateCacheFile.read(file, key: key, count: patterns.count) {
            return CandidatePass(database: hit.0, alphabets: rules.map(\.alphabet), literal: hit.literal)
        }
        guard cache.compile, let made = compile(patterns, scans: scans, keys: keys) else { return nil }
        if let file, let dir = cache.directory { CandidateCacheFile.write(made.0, literal: made.literal, to: file, in: dir, key: key) }
        return CandidatePass(database: made.0, alphabets: rules.map(\.alphabet), literal: made.literal)
    }

    /// The database without the patterns whose prefilter form matches nearly anywhere (a pattern whose
    /// selective part is a lookahead, which prefilter mode drops): their candidates would cost more to
    /// report than the sentence prefilter costs. Judged on a probe text of ideographs and digits, where
    /// a selective pattern finds next to nothing. Compiled with it, after the rules' patterns, the literals
    /// of the prefilter keys of the rules it does not take (`literals(keys:unbounded:)`; `literal`
    /// gives, for each rule, the index of its own among all the database's patterns).
    static func compile(_ patterns: [(text: String, options: Regex.Options)], scans: [String?] = [],
                        keys: [PrefilterKey?]) -> (CandidateDatabase, literal: [Int?])? {
        guard let db = CandidateDatabase(patterns: patterns, scans: scans) else { return nil }
        let probe = Array((Array(0x4E00..<0x5000) + Array(repeating: Array(0x30...0x39), count: 8).joined())
            .map { Character(Unicode.Scalar($0)!) }.map(String.init).joined().utf8)
        let ends = db.scan(probe, range: probe.indices, scratch: CandidateScratch())
        let dense = Set(ends.indices.filter { ends[$0].count > 64 })
        let (expressions, of) = literals(keys: keys) { i in db.widths[i] == nil || dense.contains(i) }
        guard !dense.isEmpty || !expressions.isEmpty else { return (db, [Int?](repeating: nil, count: patterns.count)) }
        let all = patterns + expressions.map { (text: $0, options: Regex.Options()) }
        guard let full = CandidateDatabase(patterns: all, scans: scans, excluding: dense) else { return nil }
        // A literal Vectorscan could not take leaves its rules to the sentence prefilter's own pass.
        let literal = of.map { k in k.map { patterns.count + $0 }.flatMap { full.widths[$0] == nil ? nil : $0 } }
        return (full, literal)
    }

    /// How many rules the pass covers (the literals of prefilter keys are not rules).
    public var covered: Int { database.widths[..<literal.count].lazy.filter { $0 != nil }.count }

    package func scan(_ bytes: [UInt8], range: Range<Int>, scratch: Scratch) -> [[Int]] {
        database.scan(bytes, range: range, scratch: scratch.candidates)
    }

    /// Where to search for pattern `index` of a pass over `range` (no sentence windows), each as
    /// (subject range, first byte a match may start at, last byte it may start at); the whole range when
    /// the pass does not cover it (or there is none). A plain search over these finds what one over the whole
    /// range finds.
    package static func searches(_ pass: CandidatePass?, _ index: Int, ends: [[Int]]?, range: Range<Int>) -> [(Range<Int>, Int, Int?)] {
        guard let pass, let ends, let width = pass.database.widths[index] else { return [(range, range.lowerBound, nil)] }
        let database = pass.database
        if database.relaxed[index] {
            return ends[index].last.map { [(range, range.lowerBound, $0)] } ?? []
        }
        return Self.stretches(ends: ends[index], width: width, floor: range.lowerBound, windows: nil)
            .map { (low, last) in (low..<range.upperBound, low, last) }
    }

    /// The stretches to search for a rule, as (first byte a match may start at, last one): from the widest
    /// match before each candidate end, or (`alphabet`, over `bytes`) from the run of the characters its
    /// matches are made of that ends there when that is later, cut to the sentence window holding that
    /// end when the rule has one (`windows`, the sentence prefilter's, which the rule's matches lie in);
    /// candidates outside every window are dropped. Every bound only rises from one end to the next, and
    /// touching stretches are joined, so a search goes on from a match's end as over the whole text.
    package static func stretches(ends: [Int], width: Int, floor: Int, windows: [(Range<Int>, Int)]?,
                                  alphabet: MatchAlphabet? = nil, bytes: [UInt8] = []) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var w = 0
        var previous = (end: floor, start: floor)  // the last end the alphabet was read to, and its bound
        for e in ends {
            var low = width == Int.max ? floor : max(floor, e - width)
            if let windows {
                // The window holding the match's last byte: starts before e, ends at or after it.
                while w < windows.count, windows[w].0.upperBound < e { w += 1 }
                guard w < windows.count, windows[w].1 < e else { continue }
                low = max(low, windows[w].1)
            }
            if let alphabet {
                // Back from e while the characters are the alphabet's, no further than the previous end:
                // reaching it, the run goes on as far as that end's did.
                let stop = max(low, previous.end)
                var start = alphabet.runStart(bytes, end: e, floor: stop)
                if start == stop && stop > low { start = max(low, previous.start) }
                previous = (e, start)
                low = start
            }
            if let last = out.last, low <= last.1 {
                out[out.count - 1].1 = max(last.1, e)
            } else {
                out.append((low, e))
            }
        }
        return out
    }
}

extension CandidatePass {
    /// The sentence windows (`Prefilter.windows`) of a rule Vectorscan took only relaxed (`\G`, `\K`):
    /// those holding a candidate end, each searched as before but only for matches starting at or before
    /// its last candidate end (every match ends at a candidate).
    package static func windows(_ windows: [(Range<Int>, Int)], ends: [Int]) -> [(Range<Int>, Int, Int?)] {
        var out: [(Range<Int>, Int, Int?)] = []
        var k = 0
        for (subject, start) in windows {
            while k < ends.count, ends[k] <= start { k += 1 }
            var last: Int?
            while k < ends.count, ends[k] <= subject.upperBound { last = ends[k]; k += 1 }
            if let last { out.append((subject, start, last)) }
        }
        return out
    }
}

/// The cache file: a header (magic, key, the number of patterns, each pattern's width or none, whether
/// it is relaxed and, for a rule, the index of its prefilter literal or none) and the serialized database.
enum CandidateCacheFile {
    static let magic = Array("tiqu-hs3".utf8)

    /// FNV-1a over the library version and every pattern with its options: a change to any rule, or
    /// another library version, gives another file name.
    static func key(_ patterns: [(text: String, options: Regex.Options)], library: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        mix(library.utf8); mix([0])
        for p in patterns { mix(p.text.utf8); mix([0]); mix(String(p.options.rawValue).utf8); mix([0]) }
        return String(h, radix: 16)
    }

    /// The database and each rule's literal index; nil for anything but a whole file of this key written
    /// for `count` rules.
    static func read(_ path: String, key: String, count: Int) -> (CandidateDatabase, literal: [Int?])? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        let top = magic.count + 16
        guard bytes.count > top + 8, Array(bytes[0..<magic.count]) == magic,
              String(decoding: bytes[magic.count..<top], as: UTF8.self) == key.padding(toLength: 16, withPad: " ", startingAt: 0)
        else { return nil }
        func int(_ at: Int) -> Int64 { (0..<8).reduce(Int64(0)) { $0 | Int64(bytes[at + $1]) << (8 * Int64($1)) } }
        let n = Int(int(top))
        let head = top + 8 + 24 * n
        guard n >= count, n < 1 << 20, bytes.count > head else { return nil }
        let widths = (0..<n).map { i in int(top + 8 + 24 * i) }.map { $0 < 0 ? nil : Int($0) }
        let relaxed = (0..<n).map { i in int(top + 16 + 24 * i) != 0 }
        let literal = (0..<count).map { i in int(top + 24 + 24 * i) }.map { $0 < 0 || $0 >= n ? nil : Int($0) }
        return CandidateDatabase(serialized: Array(bytes[head...]), widths: widths, relaxed: relaxed).map { ($0, literal) }
    }

    /// Written to a temporary file and renamed, so a reader never sees half a file; a failure (a read-only
    /// folder, a full disk) only means the next run compiles again.
    static func write(_ db: CandidateDatabase, literal: [Int?], to path: String, in dir: String, key: String) {
        let blob = db.serialized()
        guard !blob.isEmpty else { return }
        var bytes = magic + Array(key.padding(toLength: 16, withPad: " ", startingAt: 0).utf8)
        func put(_ v: Int64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * Int64(k)))) } }
        put(Int64(db.widths.count))
        for (i, (w, r)) in zip(db.widths, db.relaxed).enumerated() {
            put(Int64(w ?? -1)); put(r ? 1 : 0); put(Int64((i < literal.count ? literal[i] : nil) ?? -1))
        }
        bytes += blob
        CacheFolder.write(bytes, to: path, in: dir)
    }
}
