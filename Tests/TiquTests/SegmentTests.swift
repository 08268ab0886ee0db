import Foundation
import XCTest
@testable import TiquEmit
@testable import TiquRules
@testable import TiquRun
@testable import TiquSegment
@testable import TiquText

final class StructureTests: XCTestCase {
    func tree(_ text: String) throws -> [Point] {
        try Fixtures.pipeline.run(SourceDocument(path: "t.txt", bytes: Array(text.utf8)), scratch: Scratch()).segmentation.points
    }
    func outline(_ text: String) throws -> [String] {
        try tree(text).map { "\($0.kind.rawValue) \($0.path.joined(separator: "/"))" }
    }

    /// The shipped `INLINE_LABEL` is made of no `label_follows` character, so it is tried only where a
    /// label can stand (line starts, after that punctuation): what a search over every line finds there.
    func testInlineLabelsAreTriedOnlyWhereALabelCanStand() throws {
        let s = try XCTUnwrap(Fixtures.shipped.ruleSet.structure)
        XCTAssertTrue(s.inlineAtBoundaries)
        XCTAssertEqual(s.labelSteps[0x2C], 0)  // ,
        XCTAssertEqual(s.labelSteps[0xE3], 0)  // the lead byte of 。 and 、
        XCTAssertEqual(s.labelSteps[0xE4], 3)
        XCTAssertEqual(s.labelSteps[0x41], 1)
    }

    func testSectionsSubsectionsItemsAndInlinePoints() throws {
        let text = """
        在2025年临江市经济工作会议上的讲话
        一、回顾
        过去一年成绩显著。
        二、今年的任务
        （一）扩大投资
        1.抓项目。一是抓开工,二是抓投产;三是抓储备。
        2.抓招商。
        （二）改善民生
        """
        XCTAssertEqual(try outline(text), [
            "speech ", "section 一", "section 二", "subsection 二/（一）", "item 二/（一）/1",
            "inline 二/（一）/1/一是", "inline 二/（一）/1/二是", "inline 二/（一）/1/三是", "item 二/（一）/2", "subsection 二/（二）",
        ])
        let points = try tree(text)
        XCTAssertEqual(points[1].ordinal, 1)
        XCTAssertEqual(points[3].label, "（一）")  // as written, full-width parentheses
        XCTAssertEqual(points[6].ordinal, 2)
    }

    func testACongressTitleBlockIsTheSpeechHeader() throws {
        let text = "团结奋斗再创佳绩\n——在中国共产党临江市第七次代表大会上的报告\n（2026年10月12日）\n王　小　川\n同志们：\n一、过去五年的工作\n正文。\n"
        let points = try tree(text)
        XCTAssertEqual(points.map { "\($0.kind.rawValue) \($0.path.joined(separator: "/"))" }, ["speech ", "section 一"])
        XCTAssertEqual(points[0].date, "2026-10-12")
        XCTAssertEqual(points[0].speaker, "王　小　川")
        // After a date line, a name alone on its line is the speaker too (not a heading).
        let plain = try tree("政府工作报告\n1957年6月26日在第一届人民代表大会第四次会议上\n周恩来\n各位代表：\n正文。\n")
        XCTAssertEqual(plain.map(\.kind), [.speech])
        XCTAssertEqual(plain[0].speaker, "周恩来")
    }

    func testOutOfSequenceLabelsArePlainText() throws {
        XCTAssertEqual(try outline("一、甲\n正文。\n（一）乙\n正文。\n（三）丙\n正文。"), ["section 一", "subsection 一/（一）"])
        XCTAssertEqual(try outline("二是不成立的开头。\n正文。"), [])
    }

    func testYiShiInsideAPhraseIsNotAPoint() throws {
        XCTAssertEqual(try outline("思想认识统一是行动一致的前提。一是抓落实,二是抓督办。"), ["inline 一是", "inline 二是"])
        XCTAssertEqual(try outline("思想认识统一是行动一致的前提。"), [])
    }

    func testInlinePointInsideAParagraphEndsWithIt() throws {
        let text = "要做好三件事:一是稳增长,二是调结构。\n下一段正文,没有编号。"
        let s = try Fixtures.pipeline.run(SourceDocument(path: "t", bytes: Array(text.utf8)), scratch: Scratch())
        let second = s.segmentation.points[1]
        XCTAssertEqual(s.clean.string(second.range), "二是调结构。")
    }

    func testOtherInlineFamilies() throws {
        XCTAssertEqual(try outline("第一,抓项目。第二,抓招商。第三,抓环境。"), ["inline 第一", "inline 第二", "inline 第三"])
        XCTAssertEqual(try outline("首先,统一思想。其次,明确目标。最后,狠抓落实。"), ["inline 首先", "inline 其次", "inline 最后"])
        XCTAssertEqual(try outline("最后,谢谢大家。"), [], "最后 alone ends no series")
        XCTAssertEqual(try outline("一要稳,二要进。"), ["inline 一要", "inline 二要"])
    }

    func testDashBullets() throws {
        XCTAssertEqual(try outline("一、目标\n——地区生产总值增长5%左右;\n——城镇新增就业12万人。"),
                       ["section 一", "bullet 一/——", "bullet 一/——"])
    }

    /// Issue 16: the last bullet of a review list swallowed the paragraphs after it, so the following
    /// 一是…二是 got paths like 一/——/一是.
    func testABulletedListEndsAtTheFirstParagraphThatIsNoBullet() throws {
        let text = "一、工作回顾\n成绩来之不易：\n——经济持续回升向好。\n——人民生活进一步改善。\n我们做了以下工作。一是稳住就业，新增就业12万人。二是兜牢底线。\n"
        XCTAssertEqual(try outline(text), ["section 一", "bullet 一/——", "bullet 一/——", "inline 一/一是", "inline 一/二是"])
        XCTAssertEqual(try Fixtures.records(text).first { $0.text == "12万人" }?.pointPath, ["一", "一是"])
    }

    func testSectionNumbersRestartUnderANewSpeechWithSpeakerAndDate() throws {
        let text = """
        张某某同志在临江市招商大会上的讲话
        （2025年2月10日）
        一、成绩
        正文。
        二、任务
        正文。
        李某某同志在临江市营商环境大会上的讲话
        一、现状
        正文。
        """
        let points = try tree(text)
        XCTAssertEqual(points.map { "\($0.kind.rawValue) \($0.speech ?? 0) \($0.path.joined())" },
                       ["speech 1 ", "section 1 一", "section 1 二", "speech 2 ", "section 2 一"])
        XCTAssertEqual(points[0].speaker, "张某某")
        XCTAssertEqual(points[0].date, "2025-02-10")
        XCTAssertEqual(points[3].speaker, "李某某")
    }

    func testUnnumberedHeadingLines() throws {
        let text = "县经济工作会议讲话摘要\n同志们:\n坚持项目为王\n全年实施重点项目126个,完成投资86.5亿元,其中亿元以上项目43个。\n做强产业园区\n园区工业产值增长15%,今年要推动园区新增标准厂房30万平方米。"
        XCTAssertEqual(try outline(text), ["speech ", "heading 坚持项目为王", "heading 做强产业园区"])
    }

    func testGapHiddenByRemovedTextIsAccepted() throws {
        let text = "一、成绩\n正文。\n---此处隐藏3250字,下载后查看---\n三、任务\n正文。"
        XCTAssertEqual(try outline(text), ["section 一", "section 三"])
    }

    func testRecordsCarryTheInnermostPointAndSentence() throws {
        let text = "二、任务\n（一）扩大投资\n要抓好三件事:一是抓开工,二是抓投产,三是固定资产投资增长8%。"
        let records = try Fixtures.records("一、回顾\n正文。\n" + text)
        let r = try XCTUnwrap(records.first { $0.text == "8%" })
        XCTAssertEqual(r.pointPath, ["二", "（一）", "三是"])
        let doc = "一、回顾\n正文。\n" + text
        let scalars = Array(doc.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[r.pointSpan.char])), "三是固定资产投资增长8%。")
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[r.sentence!.char])), "要抓好三件事:一是抓开工,二是抓投产,三是固定资产投资增长8%。")
    }

    func testRulesScopedByHeading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-scope-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Fixtures.copyBase(to: dir)
        try "patterns:\n  - name: D\n    pattern: '[0-9]+'\n".write(to: dir.appendingPathComponent("patterns/p.yaml"), atomically: true, encoding: .utf8)
        try """
        rules:
          - id: target.only
            kind: percent
            inside: 目标
            pattern: '(?<num>{{D}})%'
            examples: ["一、主要目标\\n增长[[5%]]"]
            not: ["一、回顾\\n增长5%"]
          - id: not.target
            kind: percent
            outside: 目标
            pattern: '(?<num>{{D}})%'
            examples: ["一、回顾\\n增长[[5%]]"]
            not: ["一、主要目标\\n增长5%"]
        """.write(to: dir.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        let loaded = RuleLoader.load(directory: dir.path)
        XCTAssertEqual(loaded.errors.map(\.description), [])
        let pipeline = try Pipeline(ruleSet: loaded.ruleSet)
        let report = RuleChecker(pipeline: pipeline).check()
        XCTAssertEqual(report.failures.map(\.description), [])
        XCTAssertEqual(report.examples, 2)
        XCTAssertEqual(report.counterexamples, 2)
    }

    func testSamplesTreesAreAsCheckedIn() throws {
        // samples/expected-tree.jsonl is `tiqu segment --json samples`; `make golden` rewrites it.
        let files = try InputWalker.files([Fixtures.samplesDir])
        var out: [UInt8] = []
        for f in files {
            let bytes = [UInt8](FileManager.default.contents(atPath: f.path)!)
            let s = try Fixtures.pipeline.run(SourceDocument(path: f.doc, bytes: bytes), scratch: Scratch())
            out += Outline.jsonLines(decoded: s.decoded, clean: s.clean, segmentation: s.segmentation, doc: f.doc)
        }
        let expected = try String(contentsOfFile: Fixtures.samplesDir + "/expected-tree.jsonl", encoding: .utf8)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), expected)
    }
}

final class CorpusStructureTests: XCTestCase {
    func segments(_ path: String) throws -> [Point] {
        let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        return try Fixtures.pipeline.run(SourceDocument(path: path, bytes: bytes), scratch: Scratch()).segmentation.points
    }

    func testEveryWorkReportHasItsTopSectionsInOrderWithoutGaps() throws {
        let dir = try Fixtures.corpus("gwr")
        var withSections = 0
        for f in try InputWalker.files([dir]) {
            let top = try segments(f.path).filter { $0.path.count == 1 && ($0.kind == .section || $0.kind == .subsection) }
            for kind in [Point.Kind.section, .subsection] {
                let ordinals = top.filter { $0.kind == kind }.compactMap(\.ordinal)
                if ordinals.isEmpty { continue }
                XCTAssertEqual(ordinals, Array(1...ordinals.count), "\(f.doc): top \(kind) numbering")
            }
            if !top.isEmpty { withSections += 1 }
        }
        XCTAssertGreaterThan(withSections, 30)
    }

    func testSeedWithFivePointsUnderItsSpeech() throws {
        let dir = try Fixtures.corpus("seeds")
        let points = try segments(dir + "/000_c47abc0df36e8e56.txt")
        XCTAssertEqual(points.first?.kind, .speech)
        XCTAssertEqual(points.filter { $0.kind == .inline }.map(\.label), ["一是", "二是", "三是", "四是", "五是"])
        XCTAssertTrue(points.filter { $0.kind == .inline }.allSatisfy { $0.speech == 1 })
    }

    func testSeedWithTwoSpeechesAndTheirSpeakers() throws {
        let dir = try Fixtures.corpus("seeds")
        let speeches = try segments(dir + "/001_79f2203713bc50a9.txt").filter { $0.kind == .speech }
        XCTAssertEqual(speeches.map(\.speaker), ["郭永航", "孙志洋"])
        XCTAssertEqual(speeches.map(\.date), ["2025", "2025"])
    }
}
