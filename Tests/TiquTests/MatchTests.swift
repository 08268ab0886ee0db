import Foundation
import XCTest
@testable import TiquRun

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
