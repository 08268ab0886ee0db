import Foundation
import XCTest

/// `tiqu run --stdin-jsonl` (issue 20): the records of each document as `tiqu run` writes them, and one
/// error line per failing document, never a lost batch.
extension CLITests {
    /// One input line of the streaming mode.
    static func streamLine(_ doc: String, content: [UInt8]) -> String {
        #"{"doc":"\#(doc)","content_b64":"\#(Data(content).base64EncodedString())"}"# + "\n"
    }

    /// The samples as stdin-jsonl lines, in `tiqu run`'s document order (byte order of names).
    static func sampleLines() throws -> [(name: String, line: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.samplesDir).filter { $0.hasSuffix(".txt") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return try names.map { n in (n, streamLine(n, content: [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.samplesDir + "/" + n))))) }
    }

    func testStdinJSONLWritesTheRecordsOfRunForEachDocument() throws {
        let run = try tiqu(["run", Fixtures.samplesDir, "-q"])
        XCTAssertEqual(run.status, 0, run.err)
        let lines = try Self.sampleLines()
        // The second document by path on shared storage, the others by content.
        var input = lines.map(\.line)
        input[1] = #"{"doc":"\#(lines[1].name)","path":"\#(Fixtures.samplesDir)/\#(lines[1].name)"}"# + "\n"
        // Parts of 4 KB: the large-document path (records streamed part by part) gives the same bytes.
        for env in [[:], ["TIQU_PART_BYTES": "4096"]] {
            let s = try tiqu(["run", "--stdin-jsonl", "-q", "--jobs", "2"], environment: env, stdin: Array(input.joined().utf8))
            XCTAssertEqual(s.status, 0, s.err)
            XCTAssertEqual(s.out, run.out, "stdin-jsonl with \(env)")
            XCTAssertTrue(s.err.contains(", 0 error lines; rules "), s.err)
        }
    }

    func testEveryFailingDocumentGivesOneErrorLineAndTheOthersTheirRecords() throws {
        let good = Self.streamLine("good.txt", content: Array("投资3805亿元".utf8))
        let input = [
            "not json\n", good, "\n",
            #"{"doc":"a.txt","content":"eA=="}"# + "\n",
            #"{"doc":"b.txt","content_b64":"%%%"}"# + "\n",
            #"{"doc":"c.txt","path":"/nonexistent/c.txt"}"# + "\n",
            #"{"content_b64":"eA=="}"# + "\n",
            Self.streamLine("binary.txt", content: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]),
            Self.streamLine("broken.txt", content: Array("投资".utf8) + [0xFF, 0xFF] + Array("126亿元".utf8)),
            Self.streamLine("empty.txt", content: []),
            good,
        ].joined()
        let s = try tiqu(["run", "--stdin-jsonl", "-q"], stdin: Array(input.utf8))
        XCTAssertEqual(s.status, 1, "error lines exit 1, as documents with errors do in tiqu run")
        let out = s.out.split(separator: "\n").map(String.init)
        let goodRecord = try tiqu(["run", "-", "--stdin-name", "good.txt", "-q"], stdin: Array("投资3805亿元".utf8)).out
        let shape = #"a line is {\"doc\":NAME,\"content_b64\":BASE64} or {\"doc\":NAME,\"path\":PATH}"#
        XCTAssertEqual(out, [
            #"{"doc":null,"error":"input","messages":["not a JSON object: \#(shape)"],"records":0,"input_line":1}"#,
            String(goodRecord.dropLast()),
            #"{"doc":"a.txt","error":"input","messages":["unknown key \"content\": \#(shape)"],"records":0,"input_line":4}"#,
            #"{"doc":"b.txt","error":"input","messages":["\"content_b64\" is not base64 (RFC 4648, with padding)"],"records":0,"input_line":5}"#,
            #"{"doc":"c.txt","error":"unreadable","messages":["/nonexistent/c.txt: no such file (or not a regular file)"],"records":0,"input_line":6}"#,
            #"{"doc":null,"error":"input","messages":["no \"doc\" string: \#(shape)"],"records":0,"input_line":7}"#,
            #"{"doc":"binary.txt","error":"skipped","messages":["binary.txt: error: binary file (NUL byte at offset 4): skipped; pass text files only, or --encoding utf-16le/utf-16be for UTF-16 without a BOM (byte 4)"],"records":0,"input_line":8}"#,
        ] + out.filter { $0.contains(#""doc":"broken.txt","rule""#) } + [
            #"{"doc":"broken.txt","error":"errors","messages":["broken.txt:1:3: error: 2 invalid UTF-8 sequence(s) replaced by U+FFFD, the first at byte 6; the rest of the document was processed (byte 6)"],"records":1,"input_line":9}"#,
            String(goodRecord.dropLast()),
        ])
        XCTAssertTrue(s.err.contains("input line 1: error: not a JSON object"), s.err)
        XCTAssertTrue(s.err.contains("binary.txt: error: binary file"), s.err)
        XCTAssertTrue(s.err.contains(", 7 error lines (errors 1, input 4, skipped 1, unreadable 1); "), s.err)
    }

    func testADocumentPastTheTimeoutGivesOnlyItsErrorLine() throws {
        // A microsecond is shorter than any document takes (starting its thread alone takes longer).
        let big = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.samplesDir + "/work-report.txt")))
        let input = Self.streamLine("slow.txt", content: big) + Self.streamLine("slow2.txt", content: big)
        let s = try tiqu(["run", "--stdin-jsonl", "--doc-timeout", "0.000001"], stdin: Array(input.utf8))
        XCTAssertEqual(s.status, 1, s.err)
        XCTAssertEqual(s.out, """
            {"doc":"slow.txt","error":"timeout","messages":["took longer than --doc-timeout 1e-06 s"],"records":0,"input_line":1}
            {"doc":"slow2.txt","error":"timeout","messages":["took longer than --doc-timeout 1e-06 s"],"records":0,"input_line":2}

            """)
        // With time enough, the same document's records are all there, held until it finished.
        let ok = try tiqu(["run", "--stdin-jsonl", "--doc-timeout", "600"], stdin: Array(Self.streamLine("slow.txt", content: big).utf8))
        XCTAssertEqual(ok.status, 0, ok.err)
        let run = try tiqu(["run", "-", "--stdin-name", "slow.txt"], stdin: big)
        XCTAssertEqual(ok.out, run.out)
        XCTAssertGreaterThan(run.out.split(separator: "\n").count, 20)
    }

    func testStreamAndTableUsageErrorsExit64() throws {
        for args in [["run", "--stdin-jsonl", Fixtures.samplesDir], ["run", Fixtures.samplesDir, "--doc-timeout", "5"],
                     ["run", "--stdin-jsonl", "--doc-timeout", "0"], ["run", "--stdin-jsonl", "--format", "csv"],
                     ["run", "--stdin-jsonl", "--check"], ["run", Fixtures.samplesDir, "--update", "--format", "csv"],
                     ["run", Fixtures.samplesDir, "--check", "--format", "csv"], ["run", Fixtures.samplesDir, "--format", "html"],
                     ["run", Fixtures.samplesDir, "--format", "xlsx"], ["run", Fixtures.samplesDir, "--bom"],
                     ["run", Fixtures.samplesDir, "--check", "--context"], ["run"]] {
            let r = try tiqu(args)
            XCTAssertEqual(r.status, 64, "\(args): \(r.err)")
        }
        XCTAssertTrue(try tiqu(["run", Fixtures.samplesDir, "--format", "html"]).err.contains("--format html goes with --check; records are jsonl, csv or tsv"))
    }
}
