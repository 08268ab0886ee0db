import Foundation
import XCTest

/// The command line as a Unix tool: every exit status, standard input and output, atomic output under
/// signals, odd file names, rules found beside the binary.
extension CLITests {
    func testVersionIsOneSourceOfTruthAndTheSummaryNamesTheRules() throws {
        let v = try tiqu(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertEqual(v.out, "0.3.0\n")
        try write("a.txt", Array("增长5%。".utf8))
        let r = try tiqu(["run", tmp.path])
        XCTAssertEqual(r.status, 0, r.err)
        let summary = try XCTUnwrap(r.err.split(separator: "\n").last)
        XCTAssertTrue(summary.hasPrefix("tiqu 0.3.0: 1 documents, 1 records (percent 1), 0 documents with errors; rules "), String(summary))
        XCTAssertNotNil(summary.range(of: #"/rules \([0-9a-f]{12}\)$"#, options: .regularExpression), String(summary))
    }

    func testNoRulesFolderOrNoRulesExit2() throws {
        let missing = try tiqu(["run", tmp.path, "--rules", "/nonexistent/rules"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.err, "tiqu: error: the rules folder /nonexistent/rules (from --rules) does not exist\n")
        let empty = tmp.appendingPathComponent("norules")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try Fixtures.copyBase(to: empty)
        let none = try tiqu(["run", tmp.path, "--rules", empty.path])
        XCTAssertEqual(none.status, 2)
        XCTAssertEqual(none.err, "tiqu: error: no rules in \(empty.path): pass --rules DIR with a rules folder (a copy of the shipped rules/)\n")
    }

    func testNoDocumentsIsAWarningNamingPathsAndGlob() throws {
        try write("only/page.html", Array("增长5%".utf8))
        let dir = tmp.appendingPathComponent("only").path
        let r = try tiqu(["run", dir])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasPrefix("tiqu: warning: no documents in \(dir) matching --glob '*.txt' (1 other file(s) passed over)\n"), r.err)
    }

    func testFilesNotTakenAreNamedWithWhy() throws {
        try write("d/a.txt", Array("增长5%".utf8))
        let d = tmp.appendingPathComponent("d")
        try FileManager.default.createSymbolicLink(atPath: d.appendingPathComponent("broken.txt").path, withDestinationPath: "nowhere")
        try FileManager.default.createDirectory(at: d.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: d.appendingPathComponent("sub/loop").path, withDestinationPath: "..")
        let r = try tiqu(["run", d.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("\(d.path)/broken.txt: error: a broken symbolic link: skipped\n"), r.err)
        XCTAssertTrue(r.err.contains("\(d.path)/sub/loop: error: a symbolic link loop back to \(d.path): not followed\n"), r.err)
        XCTAssertTrue(r.err.contains("1 documents, 1 records (percent 1), 0 documents with errors, 2 files skipped;"), r.err)
        XCTAssertEqual(r.out.split(separator: "\n").count, 1)
    }

    /// A symbolic link named directly is the file it leads to: named again under its folder it is read
    /// once (RunTests checks its size is the file's).
    func testALinkNamedDirectlyIsTheFileItLeadsTo() throws {
        try write("e/a.txt", Array("增长5%".utf8))
        let e = tmp.appendingPathComponent("e")
        try FileManager.default.createSymbolicLink(atPath: e.appendingPathComponent("link.txt").path, withDestinationPath: "a.txt")
        let r = try tiqu(["run", e.path, e.appendingPathComponent("link.txt").path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.split(separator: "\n").count, 2, r.out)
    }

    /// Folders named like find's options or operators (`-x`, `(`, `!`) are walked like any other, and
    /// relative paths in messages stay as given.
    func testFoldersNamedLikeFindOptionsAreWalked() throws {
        for dir in ["-x", "(", "!"] { try write("\(dir)/a.txt", Array("增长5%".utf8)) }
        let r = try tiqu(["run", "--", "-x", "(", "!"], cwd: tmp.path)
        XCTAssertEqual(r.status, 64, "three a.txt: one name; the walk itself worked: " + r.err)
        XCTAssertTrue(r.err.contains("would both be reported as `a.txt`"), r.err)
        for dir in ["-x", "(", "!"] {
            let one = try tiqu(["run", "--", dir], cwd: tmp.path)
            XCTAssertEqual(one.status, 0, one.err)
            XCTAssertTrue(one.out.hasPrefix(#"{"doc":"a.txt""#), one.out)
        }
        try FileManager.default.createDirectory(at: tmp.appendingPathComponent("-x/sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tmp.appendingPathComponent("-x/sub/loop").path, withDestinationPath: "..")
        let loop = try tiqu(["run", "--", "-x"], cwd: tmp.path)
        XCTAssertTrue(loop.err.contains("-x/sub/loop: error: a symbolic link loop back to -x: not followed\n"), loop.err)
    }

    /// A folder and a folder or file inside it: the same file would be read twice under two names, its
    /// records doubled; refused, naming both. Hard links inside one folder stay two documents.
    func testNestedInputsAreRefusedRatherThanDoubled() throws {
        try write("n/sub/a.txt", Array("增长5%".utf8))
        let n = tmp.appendingPathComponent("n").path
        for inner in [n + "/sub", n + "/sub/a.txt"] {
            let r = try tiqu(["run", n, inner])
            XCTAssertEqual(r.status, 64, r.out + r.err)
            XCTAssertTrue(r.err.contains("\(n)/sub/a.txt and \(n)/sub/a.txt are one file, which would be reported twice, as `sub/a.txt` and as `a.txt`"), r.err)
            XCTAssertEqual(r.out, "")
        }
        try FileManager.default.linkItem(atPath: n + "/sub/a.txt", toPath: n + "/b.txt")
        let links = try tiqu(["run", n])
        XCTAssertEqual(links.status, 0, links.err)
        XCTAssertEqual(links.out.split(separator: "\n").count, 2)
        XCTAssertEqual(try tiqu(["run", n, n]).out, links.out, "a folder given twice is read once")
    }

    /// A name that is not UTF-8 is processed; its `doc` writes the bad byte as `\xff`.
    func testNonUTF8FileNamesAreProcessedWithAnEscapedDoc() throws {
        let d = tmp.appendingPathComponent("odd")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = ["-c", #"printf '增长5%%。' > "$(printf 'bad-\377-name.txt')""#]
        sh.currentDirectoryURL = d
        try sh.run()
        sh.waitUntilExit()
        let r = try tiqu(["run", d.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix(#"{"doc":"bad-\\xff-name.txt","rule":"percent.arabic""#), r.out)
    }

    /// A file named on the command line with a name that is not UTF-8 (as a shell glob passes it) is read,
    /// reported under the same escaped `doc` as when its folder is walked.
    func testNonUTF8FileNamedDirectlyIsProcessed() throws {
        let d = tmp.appendingPathComponent("odd")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = ["-c", #"n="$(printf 'bad-\377-name.txt')"; printf '增长5%%。' > "$n"; exec "$0" run "$n" "$(printf 'a\\b.txt')" > ../out.jsonl 2> ../err.txt"#, Self.executable.path]
        try "增长6%。".write(to: d.appendingPathComponent(#"a\b.txt"#), atomically: true, encoding: .utf8)
        sh.currentDirectoryURL = d
        sh.environment = ProcessInfo.processInfo.environment.merging(["TIQU_RULES": Fixtures.rulesDir]) { $1 }
        try sh.run()
        sh.waitUntilExit()
        let err = try String(contentsOf: tmp.appendingPathComponent("err.txt"), encoding: .utf8)
        XCTAssertEqual(sh.terminationStatus, 0, err)
        let out = try String(contentsOf: tmp.appendingPathComponent("out.jsonl"), encoding: .utf8)
        XCTAssertTrue(out.hasPrefix(#"{"doc":"a\\\\b.txt","#), out)
        XCTAssertTrue(out.contains(#"{"doc":"bad-\\xff-name.txt","rule":"percent.arabic""#), out)
        let walked = try tiqu(["run", d.path, "--glob", "*.txt"])
        XCTAssertEqual(walked.out, out)
    }

    func testStandardInputAndStandardOutput() throws {
        let r = try tiqu(["run", "-", "--stdin-name", "in.txt", "-o", "-"], stdin: Array("全年地区生产总值增长4.2%。".utf8))
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix(#"{"doc":"in.txt","rule":"percent.arabic","kind":"percent","text":"4.2%""#), r.out)
        let unnamed = try tiqu(["run", "-"], stdin: Array("增长5%".utf8))
        XCTAssertTrue(unnamed.out.hasPrefix(#"{"doc":"-","#), unnamed.out)
    }

    func testUnwritableOutputIsAnIOErrorWithoutUsage() throws {
        try write("a.txt", Array("增长5%".utf8))
        let r = try tiqu(["run", tmp.path, "-o", "/nonexistent/out.jsonl"])
        XCTAssertEqual(r.status, 74)
        XCTAssertTrue(r.err.hasSuffix("tiqu: error: cannot write /nonexistent/out.jsonl: No such file or directory\n"), r.err)
        XCTAssertFalse(r.err.contains("USAGE"), r.err)
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let full = try tiqu(["run", tmp.path, "-o", "/dev/full"])
        XCTAssertEqual(full.status, 74)
        XCTAssertTrue(full.err.hasSuffix("tiqu: error: cannot write /dev/full: No space left on device\n"), full.err)
        // /dev/stdout is a link (to /proc/self/fd/1, a pipe here): written directly, not replaced.
        let stdout = try tiqu(["run", tmp.path, "-o", "/dev/stdout"])
        XCTAssertEqual(stdout.status, 0, stdout.err)
        XCTAssertTrue(stdout.out.hasPrefix(#"{"doc":"a.txt""#), stdout.out)
    }

    /// `--update` writes expected records like `-o` writes records: through a symbolic link to its target
    /// (a link to a shared golden file stays a link), keeping the file's permissions.
    func testUpdateWritesThroughASymbolicLinkAndKeepsTheMode() throws {
        try write("docs/a.txt", Array("增长5%".utf8))
        let docs = tmp.appendingPathComponent("docs")
        let shared = tmp.appendingPathComponent("shared.jsonl")
        try "old\n".write(to: shared, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: shared.path)
        try FileManager.default.createSymbolicLink(atPath: docs.appendingPathComponent("expected.jsonl").path, withDestinationPath: "../shared.jsonl")
        let r = try tiqu(["run", "--update", docs.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: docs.appendingPathComponent("expected.jsonl").path), "../shared.jsonl")
        XCTAssertEqual(try String(contentsOf: shared, encoding: .utf8), try tiqu(["run", docs.path]).out)
        let mode = try FileManager.default.attributesOfItem(atPath: shared.path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o664)
        XCTAssertEqual(try tiqu(["run", "--check", docs.path]).status, 0)
        // `--expected -` is a file named -, for --update as for --check.
        let dash = try tiqu(["run", "--update", docs.path, "--expected", "-"], cwd: tmp.path)
        XCTAssertEqual(dash.status, 0, dash.err)
        XCTAssertEqual(dash.out, "")
        XCTAssertEqual(try tiqu(["run", "--check", docs.path, "--expected", "-"], cwd: tmp.path).status, 0)
    }

    /// `-o` inside a folder being read, with a glob that matches it: the output is not read back as a
    /// document on the next run (as --update leaves out the expected records).
    func testTheOutputFileIsNotReadAsADocument() throws {
        try write("docs/a.txt", Array("增长5%".utf8))
        let docs = tmp.appendingPathComponent("docs").path
        let first = try tiqu(["run", docs, "--glob", "*", "-o", docs + "/out.jsonl"])
        XCTAssertEqual(first.status, 0, first.err)
        let again = try tiqu(["run", docs, "--glob", "*", "-o", docs + "/out.jsonl"])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertTrue(again.err.contains(" 1 documents, 1 records "), again.err)
        XCTAssertEqual(try String(contentsOfFile: docs + "/out.jsonl", encoding: .utf8), try tiqu(["run", docs + "/a.txt"]).out)
    }

    /// Killed mid-run (SIGTERM, SIGINT, SIGHUP or SIGKILL), the previous complete output is still there, whole;
    /// after SIGTERM/SIGINT/SIGHUP (a closed terminal) no temporary file is left either.
    func testInterruptedRunLeavesThePreviousOutputWhole() throws {
        let docs = tmp.appendingPathComponent("big")
        let sample = try String(contentsOfFile: Fixtures.samplesDir + "/work-report.txt", encoding: .utf8)
        for i in 0..<120 { try write("big/\(i).txt", Array(String(repeating: sample, count: 8).utf8)) }
        let out = tmp.appendingPathComponent("out.jsonl")
        for sig in [SIGTERM, SIGINT, SIGHUP, SIGKILL] {
            try "previous complete output\n".write(to: out, atomically: true, encoding: .utf8)
            let p = try start(["run", docs.path, "-o", out.path, "--jobs", "1"])
            // Signal once the run is under way (its temporary file exists), not after a fixed sleep: a
            // loaded machine can take longer than any sleep to load the rules.
            let deadline = Date().addingTimeInterval(30)
            while p.isRunning, Date() < deadline, !(try FileManager.default.contentsOfDirectory(atPath: tmp.path).contains { $0.hasPrefix(".out.jsonl.tiqu-") }) {
                Thread.sleep(forTimeInterval: 0.02)
            }
            Thread.sleep(forTimeInterval: 0.3)
            XCTAssertTrue(p.isRunning, "the run ended before the signal; make the input larger")
            kill(p.processIdentifier, sig)
            p.waitUntilExit()
            XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "previous complete output\n", "signal \(sig)")
            let left = try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.hasPrefix(".out.jsonl.tiqu-") }
            if sig == SIGKILL {
                for f in left { try FileManager.default.removeItem(at: tmp.appendingPathComponent(f)) }
            } else {
                XCTAssertEqual(p.terminationStatus, 128 + sig, "signal \(sig)")
                XCTAssertEqual(left, [], "signal \(sig)")
            }
        }
        // Completed, the run replaces the file.
        let done = try tiqu(["run", Fixtures.samplesDir, "-o", out.path])
        XCTAssertEqual(done.status, 0, done.err)
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), try String(contentsOfFile: Fixtures.samplesDir + "/expected.jsonl", encoding: .utf8))
    }

    /// `-o` naming a symbolic link writes its target (the link stays a link), replaced whole: a longer
    /// previous output leaves no tail behind.
    func testOutputThroughASymbolicLinkReplacesTheTargetWhole() throws {
        try write("in/a.txt", Array("增长5%".utf8))
        let target = tmp.appendingPathComponent("target.jsonl")
        try String(repeating: "previous output, longer than the new one\n", count: 100).write(to: target, atomically: true, encoding: .utf8)
        let link = tmp.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target.jsonl")
        let direct = try tiqu(["run", tmp.appendingPathComponent("in").path])
        let r = try tiqu(["run", tmp.appendingPathComponent("in").path, "-o", link.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), direct.out)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "target.jsonl")
        // A link to a file that does not exist yet creates it.
        let dangling = tmp.appendingPathComponent("dangling.jsonl")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "new.jsonl")
        let d = try tiqu(["run", tmp.appendingPathComponent("in").path, "-o", dangling.path])
        XCTAssertEqual(d.status, 0, d.err)
        XCTAssertEqual(try String(contentsOf: tmp.appendingPathComponent("new.jsonl"), encoding: .utf8), direct.out)
    }

    /// An installed binary finds PREFIX/share/tiqu/rules; a copied binary with no rules beside it finds none
    /// (no path compiled in).
    func testRulesAreFoundBesideTheInstalledBinaryOnly() throws {
        let prefix = tmp.appendingPathComponent("prefix")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("share/tiqu"), withIntermediateDirectories: true)
        let bin = prefix.appendingPathComponent("bin/tiqu").path
        try FileManager.default.copyItem(atPath: Self.executable.path, toPath: bin)
        try write("a.txt", Array("增长5%".utf8))
        let lost = try tiqu(["run", tmp.appendingPathComponent("a.txt").path], environment: ["TIQU_RULES": ""], executable: bin)
        XCTAssertEqual(lost.status, 2)
        XCTAssertTrue(lost.err.hasPrefix("tiqu: error: cannot find the rules folder (tried \(prefix.path)/share/tiqu/rules, \(prefix.path)/bin/rules)"), lost.err)
        try FileManager.default.copyItem(atPath: Fixtures.rulesDir, toPath: prefix.appendingPathComponent("share/tiqu/rules").path)
        let found = try tiqu(["run", tmp.appendingPathComponent("a.txt").path], environment: ["TIQU_RULES": ""], executable: bin)
        XCTAssertEqual(found.status, 0, found.err)
        XCTAssertTrue(found.err.contains("; rules \(prefix.path)/share/tiqu/rules ("), found.err)
    }
}

extension CLITests {
    /// A run that finds no documents (a mistyped --glob) keeps the previous output rather than emptying it;
    /// `tiqu report` writes its page like `run -o`, and a write error is an I/O error.
    func testNoDocumentsKeepThePreviousOutputAndReportWriteErrorsAreIOErrors() throws {
        try write("g/a.txt", Array("增长5%。".utf8))
        let out = tmp.appendingPathComponent("kept.jsonl")
        try "previous\n".write(to: out, atomically: true, encoding: .utf8)
        let r = try tiqu(["run", tmp.appendingPathComponent("g").path, "--glob", "*.md", "-o", out.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasSuffix("tiqu: \(out.path) was left as it was\n"), r.err)
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "previous\n")
        let report = try tiqu(["report", tmp.appendingPathComponent("g").path, "-o", "/nonexistent/r.html"])
        XCTAssertEqual(report.status, 74)
        XCTAssertEqual(report.err, "tiqu: error: cannot write /nonexistent/r.html: No such file or directory\n")
    }
}
