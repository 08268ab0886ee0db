import Foundation
import XCTest
@testable import TiquEmit
@testable import TiquRun
import TiquRules
import TiquText

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

/// Issue 16, what each number is about: a level reached is no change, lists pair in order, a clause of a
/// change only refers back, from/to keep their own periods, a base year is no period, budget words and
/// blocks give modality, and a document without a date line takes its year from its review section.
final class AboutTests: XCTestCase {
    func find(_ records: [Record], _ text: String) throws -> Record { try XCTUnwrap(records.first { $0.text == text }, text) }

    func testALevelReachedHasADirectionAndNoChange() throws {
        let rs = try Fixtures.records("全市空气质量优良天数比例上升至87.2%，城镇登记失业率降至5.1%，居民收入增长5%，粮食产量首次跃上1.3万亿斤。")
        let level = try find(rs, "87.2%")
        XCTAssertEqual([level.change, level.direction, level.indicator], [nil, "up", "空气质量优良天数比例"])
        XCTAssertEqual([try find(rs, "5.1%").change, try find(rs, "5.1%").direction], [nil, "down"])
        XCTAssertEqual([try find(rs, "5%").change, try find(rs, "5%").direction], ["increase", "up"])
        // 首次 is an adverb, 跃上 names a level.
        XCTAssertEqual([try find(rs, "1.3万亿斤").indicator, try find(rs, "1.3万亿斤").direction], ["粮食产量", "up"])
    }

    func testFromAndToEachKeepTheirOwnPeriod() throws {
        let rs = try Fixtures.records("在2025年全市经济工作会议上的讲话\n研发投入强度从2019年底的2.1%提升到去年底的3.2%，城镇登记失业率由4%降至3.6%。")
        let a = try find(rs, "2.1%"), b = try find(rs, "3.2%")
        XCTAssertEqual([a.indicator, a.period, a.to?.canonical, a.from?.canonical], ["研发投入强度", "2019", "3.2", nil])
        XCTAssertEqual([b.indicator, b.period, b.from?.canonical, b.change, b.direction], ["研发投入强度", "2024", "2.1", nil, "up"])
        let c = try find(rs, "3.6%")
        XCTAssertEqual([c.from?.canonical, c.direction, c.indicator], ["4", "down", "城镇登记失业率"])
        XCTAssertEqual(try find(rs, "4%").to?.canonical, "3.6")
    }

    func testRespectivelyPairsSubjectsWithFiguresInOrder() throws {
        let rs = try Fixtures.records("规上工业中，高技术制造业、装备制造业增加值分别增长8.9%、7.7%。化学需氧量、氨氮排放量分别下降3.1%和2.6%。")
        XCTAssertEqual(try ["8.9%", "7.7%", "3.1%", "2.6%"].map { try find(rs, $0).indicator },
                       ["高技术制造业增加值", "装备制造业增加值", "化学需氧量", "氨氮排放量"], "the measure written once (增加值) is shared")
        XCTAssertEqual(try ["7.7%", "2.6%"].map { try find(rs, $0).change }, ["increase", "decrease"], "a listed figure shares the verb")
    }

    func testAListAfterAClauseOfAChangeOnlyPairsWithTheFiguresBefore() throws {
        let rs = try Fixtures.records("城镇居民人均可支配收入5.8万元，农村居民人均可支配收入2.9万元，实际增长5.1%和6.7%。")
        XCTAssertEqual(try find(rs, "5.1%").indicator, "城镇居民人均可支配收入")
        XCTAssertEqual(try find(rs, "6.7%").indicator, "农村居民人均可支配收入")
        XCTAssertEqual(try find(rs, "6.7%").change, "increase")
    }

    func testAReferenceBackTakesThePreviousClausesSubject() throws {
        let rs = try Fixtures.records("赤字规模4.06万亿元，比上年增加1800亿元；中央财政安排补助资金551亿元，比上年预算增加38亿元。")
        let r = try find(rs, "1800亿元")
        XCTAssertEqual([r.indicator, r.change, r.base], ["赤字规模", "increase", "previous_year"])
        // 预算 is never an indicator alone.
        XCTAssertEqual(try find(rs, "38亿元").indicator, "中央财政安排补助资金")
    }

    func testCountedThingsAfterTheMeasureWordAndNoneWhereNoneIsNamed() throws {
        let rs = try Fixtures.records("推动约110个续建项目、40个竣工项目，在12个县开展试点。其中，3个已建成投用。")
        XCTAssertEqual(try ["约110个", "40个", "12个", "3个"].map { try find(rs, $0).indicator }, ["续建项目", "竣工项目", nil, nil])
    }

    func testIndicatorsAreTrimmedOfModalWordsAndAdverbs() throws {
        let rs = try Fixtures.records("赤字率拟按3%左右安排。一次性发放稳岗补贴4.2亿元。这是在我国经济总量增长5%的基础上取得的。")
        XCTAssertEqual(try ["3%左右", "4.2亿元"].map { try find(rs, $0).indicator }, ["赤字率", "稳岗补贴"])
    }

    func testABaseYearIsNotThePeriod() throws {
        let rs = try Fixtures.records("到2027年，数字经济核心产业增加值比2020年翻一番。")
        let r = try find(rs, "翻一番")
        XCTAssertEqual([r.base, r.period, r.indicator], ["2020", "2027", "数字经济核心产业增加值"])
    }

    func testBudgetWordsMakeATargetEvenBesideLastYear() throws {
        let rs = try Fixtures.records("一般公共预算支出比上年增加1.2万亿元。\n国内生产总值比上年增长5.2%。")
        XCTAssertEqual(try find(rs, "1.2万亿元").modality, "target")
        XCTAssertEqual(try find(rs, "5.2%").modality, "actual")
    }

    func testAParagraphOpenedByABlockCueGivesItsModalityToTheParagraphsAfter() throws {
        let rs = try Fixtures.records("""
        过去一年，我们攻坚克难，经济稳中有进。
        全市新增就业12.4万人，新建学校16所。
        今年是收官之年。
        今年经济社会发展的主要预期目标是：
        地区生产总值增长5%左右；
        新增就业12万人。
        """)
        XCTAssertEqual(try ["12.4万人", "16所", "5%左右", "12万人"].map { try find(rs, $0).modality }, ["actual", "actual", "target", "target"])
    }

    func testADocumentWithoutADateLineTakesItsYearFromItsReviewSection() throws {
        let text = "各位代表：\n一、2024年工作回顾\n去年全市地区生产总值增长4.6%。\n二、今年主要任务\n今年城镇新增就业12万人以上。\n"
        let rs = try Fixtures.records(text)
        let a = try find(rs, "4.6%"), b = try find(rs, "12万人以上")
        XCTAssertEqual([a.period, b.period], ["2024", "2025"])
        XCTAssertEqual([a.periodInferred, b.periodInferred], [true, true])
        // Without a review section nothing is inferred; --year gives the year, not inferred.
        let plain = "今年城镇新增就业12万人以上。\n"
        XCTAssertNil(try find(try Fixtures.records(plain), "12万人以上").period)
        var pipeline = Fixtures.pipeline
        pipeline.options.year = 2026
        let given = try find(try pipeline.run(SourceDocument(path: "t.txt", bytes: Array(plain.utf8)), scratch: Scratch()).records, "12万人以上")
        XCTAssertEqual(given.period, "2026")
        XCTAssertFalse(given.periodInferred)
    }
}
