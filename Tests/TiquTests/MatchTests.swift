import Foundation
import XCTest
@testable import TiquMatch
@testable import TiquRules
@testable import TiquRun
import TiquText

/// Issue "Speed and memory": the prefilter (rules run only over sentences holding one of their
/// characters) changes nothing in the output.
final class PrefilterTests: XCTestCase {
    func output(_ dir: String, plain: Bool) throws -> String {
        let pipeline = try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: Pipeline.Options(plain: plain))
        var out: [UInt8] = []
        let lock = NSLock()
        _ = RunDriver(pipeline: pipeline, jobs: 2).run(try InputWalker.files([dir]), write: { b in lock.lock(); out += b; lock.unlock() }, report: { _, _ in })
        return String(decoding: out, as: UTF8.self)
    }

    func testPrefilteredOutputIsByteIdenticalToThePlainPathOnSamples() throws {
        let fast = try output(Fixtures.samplesDir, plain: false)
        XCTAssertFalse(fast.isEmpty)
        XCTAssertEqual(fast, try output(Fixtures.samplesDir, plain: true))
    }

    func testPrefilteredOutputIsByteIdenticalToThePlainPathOnTheCorpus() throws {
        let dir = try Fixtures.corpus()
        let fast = try output(dir, plain: false)
        XCTAssertGreaterThan(fast.count, 1_000_000)
        XCTAssertEqual(fast, try output(dir, plain: true))
    }

    /// A unit word added to the `UNIT` list must have its last character in the quantity rules' prefilter
    /// (the other unit lists, Latin units and durations, have rules of their own), and a head noun in the
    /// project lists likewise, or the prefilter would skip its sentences.
    func testPrefiltersCoverTheirWordLists() throws {
        let lexicon = Fixtures.shipped.ruleSet.lexicon
        let rules = Dictionary(uniqueKeysWithValues: Fixtures.shipped.ruleSet.rules.map { ($0.id, $0) })
        let units = try XCTUnwrap(Fixtures.shipped.patterns.first { $0.name == "UNIT" }).words
        XCTAssertGreaterThan(units.count, 40)
        for id in ["quantity.amount", "quantity.range"] {
            let pre = try XCTUnwrap(rules[id]?.prefilter)
            for word in units { XCTAssertTrue(pre.contains(word.unicodeScalars.last!), "\(id) prefilter lacks \(word)") }
        }
        let heads = lexicon.meanings["project_head"] ?? [:]
        for (id, subtype) in [("project.named_plan", "plan"), ("project.named_platform", "platform"), ("project.named_project", "project")] {
            guard let pre = rules[id]?.prefilter else { continue }
            for (word, meaning) in heads where meaning == subtype {
                XCTAssertTrue(pre.contains(word.unicodeScalars.last!), "\(id) prefilter lacks \(word)")
            }
        }
    }
}

/// Issue 19, second round: `prefilter_words:` marks a sentence only when one of the words ends in it, so
/// a head noun's last character alone (动 of 行动 in 激动) no longer lets `project.named_plan` run there;
/// a word may begin in the sentence before (it counts where it ends, as its last character would).
final class PrefilterWordsTests: XCTestCase {
    func testSentencesAreMarkedByWholeWords() throws {
        let rules = Fixtures.shipped.ruleSet.rules
        let index = try XCTUnwrap(rules.firstIndex { $0.id == "project.named_plan" })
        XCTAssertTrue(try XCTUnwrap(rules[index].prefilterWords).contains("行动"))
        let prefilter = Prefilter(rules: rules)
        let bit = try XCTUnwrap(prefilter.bits[index])
        let text = Array("大家都很激动。深入实施城市更新行动。行".utf8) + Array("动".utf8)
        let cut = [0, Array("大家都很激动。".utf8).count, Array("大家都很激动。深入实施城市更新行动。行".utf8).count, text.count]
        let sentences = (0..<3).map { cut[$0]..<cut[$0 + 1] }
        let masks = prefilter.sentenceMasks(text, sentences: sentences[...])
        XCTAssertEqual(masks.map { $0 >> UInt64(bit) & 1 }, [0, 1, 1])
    }
}

/// Issue 19: the Vectorscan candidate pass (PCRE2 confirms only from the widest match before each
/// candidate end) gives the same records as the sentence prefilter alone and as the plain path, and its
/// database is cached on disk, surviving a corrupt or stale file.
final class CandidatePassTests: XCTestCase {
    static let cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-candidates-\(ProcessInfo.processInfo.processIdentifier)").path
    static let cached = try! Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: options(partBytes: 1 << 20))

    // The cache folder is this process's own: left behind, every test run would add one to /tmp.
    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: cacheDir)
        super.tearDown()
    }

    static func options(partBytes: Int) -> Pipeline.Options {
        var o = Pipeline.Options(partBytes: partBytes)
        o.candidateCache = Pipeline.CandidateCache(directory: cacheDir)
        return o
    }

    func output(_ dir: String, _ pipeline: Pipeline, jobs: Int = 2) throws -> String {
        var out: [UInt8] = []
        let lock = NSLock()
        _ = RunDriver(pipeline: pipeline, jobs: jobs).run(try InputWalker.files([dir]), write: { b in lock.lock(); out += b; lock.unlock() }, report: { _, _ in })
        return String(decoding: out, as: UTF8.self)
    }

    func testTheCandidatePassCoversTheSelectiveRulesOnly() throws {
        let pass = try XCTUnwrap(Self.cached.matcher.candidates)
        let rules = Self.cached.matcher.rules
        let covered = Set(rules.indices.filter { pass.database.widths[$0] != nil }.map { rules[$0].id })
        // Branch reset (?| is beyond Vectorscan; the listed projects are selective only in a lookahead, which
        // prefilter mode drops: they match nearly anywhere and stay with the sentence prefilter. Bare 亿 is
        // selective only in lookarounds too, and is taken with its `candidate:` pattern (亿 and what follows).
        XCTAssertEqual(Set(rules.map(\.id)).subtracting(covered), ["date.plan", "project.listed", "project.listed_platform"])
        // A rule scanned for by its `candidate:` keeps its own pattern's widest match: 度 after a numeral of
        // any length, not the candidate's one character before 度 (at most 9 bytes).
        let degree = try XCTUnwrap(rules.firstIndex { $0.id == "quantity.degree_after" })
        XCTAssertNotNil(rules[degree].candidate)
        XCTAssertGreaterThan(try XCTUnwrap(pass.database.widths[degree]), 9)
        let named = try XCTUnwrap(rules.firstIndex { $0.id == "project.named_plan" })
        XCTAssertTrue(pass.database.relaxed[named], "named_plan chains list items with \\G")
        let amount = try XCTUnwrap(rules.firstIndex { $0.id == "money.amount" })
        XCTAssertFalse(pass.database.relaxed[amount])
        // The clean stage's debris and damage rules have passes of their own (over the whole text); every
        // debris rule is taken (a line end written `$ \n?` would keep one out: docs/RULES.md, Lint).
        let cleaner = Self.cached.cleaner
        XCTAssertEqual(cleaner.flagCandidates?.covered, 2)
        XCTAssertEqual(cleaner.flagRules.count, 2)
        XCTAssertEqual(cleaner.removalCandidates?.covered, 12)
        XCTAssertEqual(cleaner.removalRules.count, 12)
    }

    func testCandidateOutputIsByteIdenticalOnSamplesAndTheCorpus() throws {
        let plain = try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: Pipeline.Options(plain: true))
        let samples = try output(Fixtures.samplesDir, Self.cached)
        XCTAssertFalse(samples.isEmpty)
        XCTAssertEqual(samples, try output(Fixtures.samplesDir, plain))
        XCTAssertEqual(samples, try output(Fixtures.samplesDir, Fixtures.pipeline))
        let dir = try Fixtures.corpus()
        let corpus = try output(dir, Self.cached, jobs: 1)
        XCTAssertGreaterThan(corpus.count, 1_000_000)
        XCTAssertEqual(corpus, try output(dir, Fixtures.pipeline))
        // Parts small enough to cut inside paragraphs: each part is scanned on its own.
        var parted = try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: Self.options(partBytes: 3_000))
        parted.options.parallelism = 2
        XCTAssertEqual(corpus, try output(dir, parted))
    }

    func testTheCacheIsReadBackAndACorruptOrStaleFileIsCompiledAgain() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = Fixtures.shipped.ruleSet.rules
        let first = try XCTUnwrap(CandidatePass.load(rules: rules, cache: .init(directory: dir)))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        XCTAssertEqual(files.count, 1)
        XCTAssertTrue(files[0].hasPrefix("candidates-") && files[0].hasSuffix(".hsdb"), files[0])
        // A hit needs no compiling: allowed not to compile, it still loads, with the same widths.
        let hit = try XCTUnwrap(CandidatePass.load(rules: rules, cache: .init(directory: dir, compile: false)))
        XCTAssertEqual(hit.database.widths, first.database.widths)
        XCTAssertEqual(hit.database.relaxed, first.database.relaxed)
        // Other rules: another key, a miss (no compiling allowed: no pass).
        XCTAssertNil(CandidatePass.load(rules: Array(rules.dropFirst()), cache: .init(directory: dir, compile: false)))
        // A corrupt file is a miss, compiled again and rewritten.
        let path = dir + "/" + files[0]
        let good = try XCTUnwrap(FileManager.default.contents(atPath: path))
        for bad in [Data(), good.prefix(100), good.prefix(good.count - 1000), Data(repeating: 7, count: good.count)] {
            try bad.write(to: URL(fileURLWithPath: path))
            XCTAssertNil(CandidatePass.load(rules: rules, cache: .init(directory: dir, compile: false)), "\(bad.count) bytes")
        }
        XCTAssertNotNil(CandidatePass.load(rules: rules, cache: .init(directory: dir)))
        XCTAssertEqual(FileManager.default.contents(atPath: path), good)
    }

    /// Issue 19, round four: the rules the pass does not take get their sentence windows from literals of
    /// their prefilter keys compiled into the same scan, and those it takes relaxed (\G, \K) from the
    /// sentences around their own candidate ends: exactly the windows the sentence prefilter's pass over
    /// every character gives (which a run with the pass then skips), on the samples and the corpus.
    func testLiteralWindowsAreTheSentencePrefiltersWindows() throws {
        let pipeline = Self.cached
        let pass = try XCTUnwrap(pipeline.matcher.candidates)
        let rules = pipeline.matcher.rules
        let prefilter = Prefilter(rules: rules)
        let keyed = rules.indices.filter { pass.literal[$0] != nil }
        XCTAssertEqual(Set(keyed.map { rules[$0].id }), ["date.plan", "project.listed", "project.listed_platform"])
        // Rules taken relaxed find their windows around their own candidate ends.
        let relaxed = rules.indices.filter { pass.database.widths[$0] != nil && pass.database.relaxed[$0] && prefilter.bits[$0] != nil }
        XCTAssertTrue(Set(relaxed.map { rules[$0].id }).isSuperset(of: ["project.named_plan", "money.bare_wan", "money.clause"]))
        XCTAssertFalse(pipeline.matcher.needsMasks(true))
        XCTAssertTrue(pipeline.matcher.needsMasks(false))
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.samplesDir)) ?? []).filter { $0.hasSuffix(".txt") }
            .map { Fixtures.samplesDir + "/" + $0 }
            + (FileManager.default.subpaths(atPath: Fixtures.corpusDir) ?? []).filter { $0.hasSuffix(".txt") }.sorted().map { Fixtures.corpusDir + "/" + $0 }
        var compared = 0
        let scratch = Scratch()
        for file in files {
            let decoded = try Decoder.decode(Array(try XCTUnwrap(FileManager.default.contents(atPath: file))))
            let clean = pipeline.cleaner.clean(decoded, scratch: scratch)
            let sentences = pipeline.segmenter.segment(clean, decoded: decoded, scratch: scratch).sentences[...]
            let masks = prefilter.sentenceMasks(clean.bytes, sentences: sentences)
            let ends = pass.scan(clean.bytes, range: clean.bytes.indices, scratch: scratch)
            for i in keyed {
                let literal = try XCTUnwrap(pass.literalWindows(rule: i, ends: ends, sentences: sentences, bytes: clean.bytes))
                let masked = try XCTUnwrap(prefilter.windows(rule: i, masks: masks, sentences: sentences, bytes: clean.bytes))
                XCTAssertEqual(literal.map { [$0.0.lowerBound, $0.0.upperBound, $0.1] }, masked.map { [$0.0.lowerBound, $0.0.upperBound, $0.1] },
                               "\(rules[i].id) in \(file)")
                compared += literal.count
            }
            for i in relaxed {
                let around = try XCTUnwrap(prefilter.windows(rule: i, around: ends[i], sentences: sentences, bytes: clean.bytes))
                let masked = try XCTUnwrap(prefilter.windows(rule: i, masks: masks, sentences: sentences, bytes: clean.bytes))
                let kept = CandidatePass.windows(around, ends: ends[i])
                XCTAssertEqual(kept.map { [$0.0.lowerBound, $0.0.upperBound, $0.1, $0.2 ?? -1] },
                               CandidatePass.windows(masked, ends: ends[i]).map { [$0.0.lowerBound, $0.0.upperBound, $0.1, $0.2 ?? -1] },
                               "\(rules[i].id) in \(file)")
                compared += kept.count
            }
        }
        XCTAssertGreaterThan(compared, FileManager.default.fileExists(atPath: Fixtures.corpusDir) ? 3_000 : 50)
    }

    /// Stretches run from the widest match before each candidate end, cut to the sentence window holding
    /// it; touching ones are joined, candidates outside every window dropped.
    func testStretchesFromCandidateEnds() {
        XCTAssertEqual(CandidatePass.stretches(ends: [10, 12, 40], width: 5, floor: 0, windows: nil).map { [$0.0, $0.1] }, [[5, 12], [35, 40]])
        XCTAssertEqual(CandidatePass.stretches(ends: [3, 17], width: 5, floor: 0, windows: nil).map { [$0.0, $0.1] }, [[0, 3], [12, 17]])
        XCTAssertEqual(CandidatePass.stretches(ends: [12, 30, 60], width: Int.max, floor: 0, windows: [(7..<20, 8), (40..<70, 41)]).map { [$0.0, $0.1] },
                       [[8, 12], [41, 60]])
        XCTAssertEqual(CandidatePass.windows([(7..<20, 8), (21..<30, 22), (40..<70, 41)], ends: [9, 15, 45]).map { [$0.0.lowerBound, $0.1, $0.2!] },
                       [[7, 8, 15], [40, 41, 45]])
    }
}
