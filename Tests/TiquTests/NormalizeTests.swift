import Foundation
import XCTest
@testable import TiquEmit
@testable import TiquRun

/// What a number is about: indicator, modality (target or actual) and period, resolved against the year of
/// the speech's title.
final class ContextTests: XCTestCase {
    func testIndicatorModalityAndPeriodInASpeech() throws {
        let text = """
        在2023年全区高质量发展大会上的讲话
        过去一年,全区上下奋力拼搏。全年地区生产总值增长4.2%;规上工业产值(3805亿元)连续三年位列全市第二。
        今年,力争全年地区生产总值增长10%以上、固定资产投资增长30%以上。
        二、主要目标任务
        城镇新增就业1.2万人以上。
        """
        let records = try Fixtures.records(text)
        func r(_ t: String) throws -> Record { try XCTUnwrap(records.first { $0.text == t }, t) }
        XCTAssertEqual(try r("4.2%").indicator, "地区生产总值")
        XCTAssertEqual(try r("4.2%").modality, "actual")
        XCTAssertEqual(try r("4.2%").period, "2022")
        XCTAssertEqual(try r("3805亿元").indicator, "规上工业产值")
        XCTAssertEqual(try r("10%以上").modality, "target")
        XCTAssertEqual(try r("10%以上").period, "2023")
        XCTAssertEqual(try r("30%以上").indicator, "固定资产投资")
        XCTAssertEqual(try r("1.2万人以上").indicator, "城镇新增就业")
    }

    func testIndicatorAroundParenthesesAndDates() throws {
        let records = try Fixtures.records("国内生产总值(GDP)增长5%。1-11月工业增加值增长6%。地区生产总值1.39万亿元,同比增长5.2%。")
        XCTAssertEqual(records.filter { $0.kind != .date }.map(\.indicator), ["国内生产总值", "工业增加值", "地区生产总值", "地区生产总值"])
    }
}

/// Issue "Named projects, initiatives, platforms and documents".
final class ProjectTests: XCTestCase {
    func testSeedNamesWithTheirSubtypesAndNoLeadingVerbs() throws {
        let dir = try Fixtures.corpus("seeds")
        let (out, _) = try Fixtures.run([dir], jobs: 1)
        let projects = out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            .filter { $0["kind"] as? String == "project" }
        let expected: [(String, String, String)] = [
            ("香港科技大学（广州）", "香港科技大学(广州)", "project"),
            ("广汽丰田五线", "广汽丰田五线", "project"),
            ("**港四期全自动化码头", "**港四期全自动化码头", "project"),
            ("藏粤直流输电工程", "藏粤直流输电工程", "plan"),
            ("“广州数智创新计划”", "广州数智创新计划", "plan"),
            ("“营商环境改革一号工程”", "营商环境改革一号工程", "plan"),
            ("中新广州知识城", "中新广州知识城", "platform"),
            ("人工智能价值创新园区", "人工智能价值创新园区", "platform"),
            ("大湾区国家技术创新中心", "大湾区国家技术创新中心", "platform"),
            ("《**方案》", "**方案", "document"),
            ("《招商引资巩固增效行动方案》", "招商引资巩固增效行动方案", "document"),
        ]
        for (text, value, subtype) in expected {
            guard let r = projects.first(where: { $0["text"] as? String == text }) else { XCTFail("no project «\(text)»"); continue }
            XCTAssertEqual(r["value"] as? String, value, text)
            XCTAssertEqual(r["subtype"] as? String, subtype, text)
        }
        for r in projects {
            let name = r["value"] as! String
            for verb in ["加快建设", "推进", "实施", "打造", "加快"] { XCTAssertFalse(name.hasPrefix(verb), "leading verb in «\(name)»") }
            XCTAssertFalse(name.hasSuffix("建设"), "trailing 建设 in «\(name)»")
        }
        // Generic phrases and pejoratives are not names.
        for generic in ["工业互联网平台", "算力中心", "面子工程", "形象工程"] {
            XCTAssertFalse(projects.contains { $0["value"] as? String == generic }, generic)
        }
    }

    func testProjectListsTheMoneyAndDatesOfItsSentence() throws {
        let records = try Fixtures.records("2025年3月,中新广州知识城、人工智能价值创新园区等重大平台建成投用,总投资5.6万亿。")
        let names = records.filter { $0.kind == .project }
        XCTAssertEqual(names.map { $0.value?.canonical }, ["中新广州知识城", "人工智能价值创新园区"])
        let money = try XCTUnwrap(records.first { $0.kind == .money })
        let date = try XCTUnwrap(records.first { $0.kind == .date })
        for n in names {
            XCTAssertEqual(n.links, [Record.Link(kind: .date, span: date.span), Record.Link(kind: .money, span: money.span)])
        }
        XCTAssertEqual(money.value?.canonical, "5600000000000", "the money keeps its own record")
    }

    func testTraditionalNameIsGivenFoldedToSimplified() throws {
        let records = try Fixtures.records("加快建設“廣州數智創新計劃”。")
        let p = try XCTUnwrap(records.first { $0.kind == .project })
        XCTAssertEqual(p.text, "“廣州數智創新計劃”")
        XCTAssertEqual(p.value?.canonical, "广州数智创新计划")
    }
}
