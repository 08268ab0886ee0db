import Foundation
import XCTest
@testable import TiquDiff
@testable import TiquRules
@testable import TiquRun
@testable import TiquText

/// samples/ are documents written for the project; their expected output is checked in
/// (samples/expected.jsonl, rewritten with `make golden` after a deliberate change).
final class SamplesTests: XCTestCase {
    /// Compared record by record (`tiqu run --check`'s comparison): one inserted record is reported as
    /// that record, not as every line after it.
    func testSamplesGiveTheExpectedOutput() throws {
        let (out, summary) = try Fixtures.run([Fixtures.samplesDir], jobs: 2)
        XCTAssertGreaterThan(summary.documents, 5)
        let expected = Fixtures.samplesDir + "/expected.jsonl"
        let (diff, documents) = try Golden.check(got: Array(out.utf8), expected: expected, files: try InputWalker.files([Fixtures.samplesDir]))
        if !diff.identical {
            XCTFail("samples/expected.jsonl differs (run `make golden` if the change is deliberate):\n"
                    + TerminalFormat(DiffView(diff, documents: documents), color: false).render())
        }
        XCTAssertEqual(diff.unchanged, diff.oldCount)
        // And byte for byte, as `make golden` writes it.
        XCTAssertEqual(out, try String(contentsOfFile: expected, encoding: .utf8))
    }

    func testProvenanceInvariantOnEverySampleRecord() throws {
        let (out, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 1)
        XCTAssertGreaterThan(try Fixtures.assertProvenance(out, root: Fixtures.samplesDir), 50)
    }

    func testIndependentCheckerAcceptsSampleRecords() throws {
        let (out, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 1)
        guard let report = try Fixtures.checkRecordsTool(root: Fixtures.samplesDir, jsonl: out) else {
            throw XCTSkip("../shared/tools/check-records is absent")
        }
        XCTAssertTrue(report.contains("invariant and order hold"), report)
    }

    func testOutputIsIdenticalForAnyNumberOfJobs() throws {
        let (one, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 1)
        let (four, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 4)
        XCTAssertEqual(one, four)
        if FileManager.default.fileExists(atPath: Fixtures.corpusDir) {
            let (c1, _) = try Fixtures.run([Fixtures.corpusDir], jobs: 1)
            let (c4, _) = try Fixtures.run([Fixtures.corpusDir], jobs: 4)
            XCTAssertEqual(c1, c4)
        }
    }
}

/// A large document is matched in parts on several threads, split between paragraphs: the output is the
/// same as the plain path's over the whole text.
final class LargeDocumentTests: XCTestCase {
    func testPartsGiveTheSameRecordsAsTheWholeDocument() throws {
        var text = ""
        for f in try InputWalker.files([Fixtures.samplesDir]) {
            let bytes = [UInt8](FileManager.default.contents(atPath: f.path)!)
            let d = try Decoder.decode(bytes)
            text += d.text(0..<d.scalars.count) + "\n"
        }
        let doc = SourceDocument(path: "big.txt", bytes: Array(String(repeating: text, count: 6).utf8))
        var parted = try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: Pipeline.Options(partBytes: 20_000))
        parted.options.parallelism = 4
        let whole = try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: Pipeline.Options(plain: true))
        let a = try parted.run(doc, scratch: Scratch())
        XCTAssertGreaterThanOrEqual(Parts.split(a.segmentation, bytes: a.clean.bytes.count, partBytes: 20_000, parallelism: 4).count, 4)
        let b = try whole.run(doc, scratch: Scratch())
        XCTAssertGreaterThan(a.records.count, 1000)
        XCTAssertEqual(a.records, b.records)
    }
}

/// Bad input never crashes the run: documents spliced from the samples with random bytes, cut in the
/// middle of characters, with NULs, lone surrogates in UTF-16, and long runs of blanks. Every record that
/// comes out still satisfies the provenance invariant.
final class HostileInputTests: XCTestCase {
    func testRandomlyDamagedDocumentsNeverCrashAndKeepProvenance() throws {
        var pieces: [[UInt8]] = []
        for f in try InputWalker.files([Fixtures.samplesDir]) {
            let bytes = [UInt8](FileManager.default.contents(atPath: f.path)!)
            stride(from: 0, to: bytes.count, by: 97).forEach { pieces.append(Array(bytes[$0..<min(bytes.count, $0 + 150)])) }
        }
        var rng = Fixtures.seededGenerator()
        let scratch = Scratch()
        var records = 0
        for round in 0..<300 {
            var doc: [UInt8] = round % 7 == 0 ? [0xFF, 0xFE] : (round % 11 == 0 ? [0xEF, 0xBB, 0xBF] : [])
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: doc += (0..<Int.random(in: 1...20, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                case 1: doc += Array(repeating: 0x20, count: Int.random(in: 1...500, using: &rng)) + [0x0D]
                case 2: doc += Array("１２３４５亿元（一）一是二是——".utf8)
                default: doc += pieces.randomElement(using: &rng)!
                }
            }
            let result = Fixtures.pipeline.process(SourceDocument(path: "r\(round).txt", bytes: doc), scratch: scratch)
            guard !result.skipped else { continue }
            let decoded = try Decoder.decode(doc)
            for r in result.records {
                records += 1
                XCTAssertEqual(decoded.text(r.span.char), r.text, "round \(round), seed \(rng.seed)")
                XCTAssertEqual(Int(decoded.byteOffsets[r.span.char.lowerBound]), r.span.byte.lowerBound, "round \(round), seed \(rng.seed)")
                XCTAssertEqual(Int(decoded.byteOffsets[r.span.char.upperBound]), r.span.byte.upperBound, "round \(round), seed \(rng.seed)")
            }
        }
        XCTAssertGreaterThan(records, 100)
    }
}

/// Parts bound memory too: a document of one long line is cut between sentences, and a large document's
/// records are streamed part by part by the driver; the records are those of the whole document.
final class StreamingTests: XCTestCase {
    func samplesText() throws -> String {
        var text = ""
        for f in try InputWalker.files([Fixtures.samplesDir]) {
            let d = try Decoder.decode([UInt8](FileManager.default.contents(atPath: f.path)!))
            text += d.text(0..<d.scalars.count) + "\n"
        }
        return text
    }

    func testALongLineIsCutBetweenSentencesWithTheSameRecords() throws {
        let line = try samplesText().replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        let doc = SourceDocument(path: "line.txt", bytes: Array(String(repeating: line, count: 3).utf8))
        let parted = try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: Pipeline.Options(partBytes: 3_000))
        let whole = try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: Pipeline.Options(plain: true))
        let a = try parted.run(doc, scratch: Scratch())
        XCTAssertEqual(a.segmentation.paragraphs.count, 1)
        XCTAssertGreaterThan(Parts.split(a.segmentation, bytes: a.clean.bytes.count, partBytes: 3_000, parallelism: 1).count, 5)
        XCTAssertEqual(a.records, try whole.run(doc, scratch: Scratch()).records)
    }

    func testTheDriverStreamsLargeDocumentsWithIdenticalOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = try samplesText()
        for (i, n) in [1, 8, 2, 12].enumerated() {
            try Data(String(repeating: text, count: n).utf8).write(to: dir.appendingPathComponent("d\(i).txt"))
        }
        func output(_ options: Pipeline.Options, jobs: Int) throws -> String {
            var out: [UInt8] = []
            let lock = NSLock()
            let driver = RunDriver(pipeline: try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: options), jobs: jobs)
            let summary = driver.run(try InputWalker.files([dir.path]), write: { b in lock.lock(); out += b; lock.unlock() }, report: { _, _ in })
            XCTAssertEqual(summary.records, String(decoding: out, as: UTF8.self).split(separator: "\n").count)
            return String(decoding: out, as: UTF8.self)
        }
        let reference = try output(Pipeline.Options(plain: true), jobs: 1)
        XCTAssertGreaterThan(reference.count, 100_000)
        XCTAssertEqual(try output(Pipeline.Options(partBytes: 10_000), jobs: 1), reference)
        XCTAssertEqual(try output(Pipeline.Options(partBytes: 10_000), jobs: 3), reference)
    }

    /// A long document first and many short ones after it: the threads run ahead of the writer (past four
    /// documents each, within the input budget) and write outside the lock, and the records and the
    /// diagnostics still come in document order, the same for any number of jobs.
    func testShortDocumentsAfterALongOneAreWrittenInOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-ahead-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = try samplesText()
        try Data(String(repeating: text, count: 4).utf8).write(to: dir.appendingPathComponent("a.txt"))
        let line = String(text.split(separator: "\n").first { $0.utf8.count > 60 } ?? "")
        for i in 0..<40 {
            // Every fifth one is empty: a document with a diagnostic, reported when it is written.
            try Data((i % 5 == 4 ? "" : line + "\n").utf8).write(to: dir.appendingPathComponent(String(format: "b%02d.txt", i)))
        }
        func output(jobs: Int) throws -> (String, [String]) {
            var out: [UInt8] = []
            var reported: [String] = []
            let driver = RunDriver(pipeline: try Pipeline(ruleSet: Fixtures.shipped.ruleSet), jobs: jobs)
            let summary = driver.run(try InputWalker.files([dir.path]), write: { out += $0 }, report: { f, _ in reported.append(f.doc) })
            XCTAssertEqual(summary.documents, 41)
            return (String(decoding: out, as: UTF8.self), reported)
        }
        let (one, reportedOne) = try output(jobs: 1)
        XCTAssertEqual(reportedOne, (0..<8).map { String(format: "b%02d.txt", $0 * 5 + 4) })
        XCTAssertGreaterThan(one.count, 10_000)
        for jobs in [2, 3] {
            let (many, reported) = try output(jobs: jobs)
            XCTAssertEqual(many, one)
            XCTAssertEqual(reported, reportedOne)
        }
    }
}


/// `doc` names of files whose names are not UTF-8 map back to the bytes of the name.
final class DocNameTests: XCTestCase {
    func testBadBytesAndBackslashesAreEscapedAndMapBack() {
        let cases: [([UInt8], String)] = [
            (Array("a/b.txt".utf8), "a/b.txt"),
            (Array("bad-".utf8) + [0xFF] + Array("-name.txt".utf8), #"bad-\xff-name.txt"#),
            (Array(#"back\slash.txt"#.utf8), #"back\\slash.txt"#),
            ([0xE6, 0x8A] + Array("x".utf8), #"\xe6\x8ax"#),
            (Array("报告.txt".utf8), "报告.txt"),
        ]
        for (bytes, doc) in cases {
            XCTAssertEqual(DocName.escaped(bytes), doc)
            XCTAssertEqual(DocName.bytes(doc), bytes, doc)
        }
    }
}

/// The atomic output file (`-o`).
final class OutputFileTests: XCTestCase {
    /// A temporary file left by a killed run with this PID (a container's tiqu is often PID 1) does not
    /// stop later runs; the replaced output keeps its permissions.
    func testAStaleTemporaryFileDoesNotStopTheRunAndTheModeIsKept() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.jsonl")
        try "old\n".write(to: out, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: out.path)
        let stale = dir.appendingPathComponent(".out.jsonl.tiqu-\(getpid()).tmp")
        FileManager.default.createFile(atPath: stale.path, contents: Data("stale".utf8))
        let o = try Output(path: out.path)
        o.write(Array("new\n".utf8))
        try o.commit()
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "new\n")
        let mode = try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
        XCTAssertEqual(try String(contentsOf: stale, encoding: .utf8), "stale", "another run's file is left alone")
    }
}

extension OutputFileTests {
    /// An output name near NAME_MAX (255 bytes) is written: the temporary file's name is shortened.
    func testALongOutputNameIsWritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent(String(repeating: "长", count: 80) + ".jsonl")  // 246 bytes
        let o = try Output(path: out.path)
        o.write(Array("new\n".utf8))
        try o.commit()
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "new\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [out.lastPathComponent])
    }

    /// A file named directly through a symbolic link has the size of the file (the too-large check and
    /// streaming go by it), not of the link.
    func testALinkNamedDirectlyHasTheSizeOfItsFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file-with-a-long-name.txt")
        try Data(repeating: 0x41, count: 5000).write(to: file)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("l.txt").path, withDestinationPath: file.lastPathComponent)
        let files = try InputWalker.files([dir.appendingPathComponent("l.txt").path])
        XCTAssertEqual(files.map(\.size), [5000])
    }
}
