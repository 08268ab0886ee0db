import Foundation
import XCTest
@testable import TiquDiff

/// The HTML page of `tiqu report` and `tiqu diff --format html`: its markup, checked as text, and the page
/// loaded in headless Chromium (skipped where Chromium is absent; `scripts/install-deps.sh` installs it).
final class ReportTests: XCTestCase {
    /// The samples' records, as `tiqu run` writes them, with the samples at hand.
    func samplesReport() throws -> (String, [DiffRecord]) {
        let (out, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 2)
        let records = try RecordReader.parse(Array(out.utf8), file: "samples")
        return (TiquDiff.Report(records: records, documents: Documents(roots: [Fixtures.samplesDir])).render(), records)
    }

    /// How many times each `data-r="N"` (the one element of record N) occurs in the page's markup.
    static func marks(_ html: String) throws -> [Int: Int] {
        let re = try NSRegularExpression(pattern: #"<mark class="rec [^"]*" id="r-([0-9]+)" data-r="([0-9]+)""#)
        var out: [Int: Int] = [:]
        let ns = html as NSString
        for m in re.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            XCTAssertEqual(ns.substring(with: m.range(at: 1)), ns.substring(with: m.range(at: 2)))
            out[Int(ns.substring(with: m.range(at: 2)))!, default: 0] += 1
        }
        return out
    }

    func testEveryRecordIsHighlightedExactlyOnce() throws {
        let (html, records) = try samplesReport()
        let marks = try Self.marks(html)
        XCTAssertEqual(marks.count, records.count)
        XCTAssertEqual(Set(marks.values), [1])
        XCTAssertEqual(html.components(separatedBy: "<tr data-r=").count - 1, records.count)
    }

    func testThePageFetchesNothingAndNamesCJKFonts() throws {
        let (html, _) = try samplesReport()
        for outside in ["http://", "https://", "<link", " src=", "@import", "url("] { XCTAssertFalse(html.contains(outside), outside) }
        XCTAssertTrue(html.contains(#"font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC""#))
    }

    /// A record that only overlaps another (neither holds the other) is closed and reopened as a
    /// continuation, so the markup nests and each record still has one element with its id.
    func testPartlyOverlappingRecordsStayWellFormed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "abcdefghij".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let records = try DiffTests.records([
            DiffTests.line(rule: "project.x", kind: "project", text: "bcdef", span: (1, 6), value: #""p""#, unit: "null"),
            DiffTests.line(text: "efgh", span: (4, 8)),
        ])
        let html = TiquDiff.Report(records: records, documents: Documents(roots: [dir.path])).render()
        let text = html.components(separatedBy: #"<div class="text">"#)[1].components(separatedBy: "</div>")[0]
        XCTAssertEqual(text, #"a<mark class="rec k-project" id="r-0" data-r="0" title="project (project.x)&#10;"#.replacingOccurrences(of: "&#10;", with: "\n")
            + "value: p\npoint: (none)\">bcd"
            + #"<mark class="rec k-money" id="r-1" data-r="1" title="money (money.amount)"# + "\nvalue: 5 CNY\npoint: (none)\">ef</mark></mark>"
            + #"<mark class="rec k-money cont" data-c="1">gh</mark>ij"#)
    }
}

/// The pages in a real browser: headless Chromium runs the script, and the DOM it leaves is checked.
extension ReportTests {
    static func chromium() throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        throw XCTSkip("chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk; make test installs it)")
    }

    static func browse(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try chromium())
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1000"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }

    func testInChromiumFiltersFromTheURLChangeTheRowsShownAndAScreenshotIsTaken() throws {
        _ = try Self.chromium()
        let (html, records) = try samplesReport()
        let page = Fixtures.packageRoot.appendingPathComponent(".build/report-samples.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let all = try Self.browse(["--dump-dom", page.absoluteString])
        XCTAssertEqual(Set(try Self.marks(all).values), [1])
        XCTAssertEqual(try Self.marks(all).count, records.count)
        XCTAssertTrue(all.contains(#"<span id="shown">\#(records.count) of \#(records.count) records</span>"#), "the script ran")
        let money = records.filter { $0.kind == "money" && $0["unit"]?.string == "CNY" }.count
        let filtered = try Self.browse(["--dump-dom", page.absoluteString + "#kind=money&unit=CNY&sort=value-desc"])
        let shown = try NSRegularExpression(pattern: #"<tr data-r="[0-9]+"[^>]*>"#).matches(in: filtered, range: NSRange(filtered.startIndex..., in: filtered))
            .map { (filtered as NSString).substring(with: $0.range) }.filter { !$0.contains("hidden") }
        XCTAssertEqual(shown.count, money)
        XCTAssertTrue(shown.allSatisfy { $0.contains(#"data-kind="money" data-unit="CNY""#) })
        XCTAssertTrue(filtered.contains(#"<span id="shown">\#(money) of \#(records.count) records</span>"#))
        // Sorted by value, largest first: the first row shown holds the largest money value.
        let values = records.filter { $0.kind == "money" && $0["unit"]?.string == "CNY" }.compactMap { r -> Double? in
            if case .number(let n)? = r["value"] { return Double(n) } else { return nil } }
        let top = records.firstIndex { r in if case .number(let n)? = r["value"], r.kind == "money" { return Double(n) == values.max() } else { return false } }!
        XCTAssertTrue(shown.first?.hasPrefix(#"<tr data-r="\#(top)""#) ?? false, shown.first ?? "")
        let shot = Fixtures.packageRoot.appendingPathComponent(".build/report-samples.png")
        try? FileManager.default.removeItem(at: shot)
        _ = try Self.browse(["--screenshot=" + shot.path, page.absoluteString])
        let png = try Data(contentsOf: shot)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG at \(shot.path)")
        XCTAssertGreaterThan(png.count, 50_000, "a page with text, not a blank one")
    }

    func testInChromiumTheHTMLDiffMarksAddedRemovedAndChangedRecords() throws {
        _ = try Self.chromium()
        let (out, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 2)
        let new = try RecordReader.parse(Array(out.utf8), file: "new")
        let old = Array(new.dropFirst())
        let changed = try RecordReader.parse(Array(out.replacingOccurrences(of: #""value":18640000000"#, with: #""value":1864000000"#).utf8), file: "old")
        let html = HTMLDiff(DiffView(Differ.diff(old: old + [], new: new), documents: Documents(roots: [Fixtures.samplesDir]))).render()
        let page = Fixtures.packageRoot.appendingPathComponent(".build/diff-samples.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let dom = try Self.browse(["--dump-dom", page.absoluteString])
        XCTAssertEqual(dom.components(separatedBy: #"<mark class="add""#).count - 1, 1)
        XCTAssertTrue(dom.contains(#"<section class="card added" id="d-0" data-change="added">"#))
        let html2 = HTMLDiff(DiffView(Differ.diff(old: changed, new: new), documents: Documents(roots: [Fixtures.samplesDir]))).render()
        XCTAssertEqual(html2.components(separatedBy: #"<mark class="chg""#).count - 1, 1)
        XCTAssertTrue(html2.contains(#"<td class="old"><code>1864000000</code></td><td class="new"><code>18640000000</code></td>"#))
    }
}
