import XCTest
@testable import TiquEmit
@testable import TiquRun

/// The period a number takes from its paragraph when its sentence names none, and a level inside a span
/// of years, which belongs to the span's last year.
final class PeriodCarryTests: XCTestCase {
    static let speech = """
    在2023年全市经济工作会议上的讲话
    一、过去五年的回顾
    全市新建学校30所，常住人口达到500万人。
    五年来全市地区生产总值达到3000亿元，年均增长7%。
    二、主要工作情况
    2022年全市地区生产总值增长5.2%；规上工业增加值增长6%，达到2100亿元。
    全市社会消费品零售总额增长4%。
    2022年全市进出口总额增长3%；外贸企业进出口额年均增长8%。
    2022年全市完成投资500亿元；力争新增投资300亿元。
    2022年全市粮食产量为1955年的3倍；全市粮食播种面积增加2万亩。
    提出到2030年全市碳排放达峰的目标。全市新增光伏装机20万千瓦。
    今后五年，全市经济在提高质量的基础上年均增长6.5%。
    2023年是关键之年，要完成各项目标。过去一年，工作取得成绩。全市工业投资增长9%。
    """

    func find(_ records: [Record], _ text: String) throws -> Record { try XCTUnwrap(records.first { $0.text == text }, text) }
    func period(_ rs: [Record], _ t: String) throws -> [String?] { let r = try find(rs, t); return [r.period, r.periodEnd] }

    func testAYearIsCarriedToTheNextClausesOfItsParagraph() throws {
        let rs = try Fixtures.records(Self.speech)
        XCTAssertEqual(try period(rs, "5.2%"), ["2022", nil])
        XCTAssertEqual(try period(rs, "6%"), ["2022", nil], "2022年…；…增长6%: the year of the clause before")
        XCTAssertEqual(try period(rs, "2100亿元"), ["2022", nil])
        XCTAssertEqual(try [find(rs, "6%").modality, find(rs, "2100亿元").modality], ["actual", "actual"], "a past year carried")
        XCTAssertEqual(try period(rs, "4%"), ["2023", nil], "another paragraph: nothing carried; the title's year, as an aim")
        XCTAssertEqual(try find(rs, "4%").modality, "target")
    }

    func testNothingIsCarriedToAnAverageAnAimOrPastTheOtherSideOfAComparison() throws {
        let rs = try Fixtures.records(Self.speech)
        XCTAssertEqual(try period(rs, "3%"), ["2022", nil])
        XCTAssertEqual(try period(rs, "8%"), [nil, nil], "年均: a yearly average over years unnamed, no year carried")
        XCTAssertEqual(try find(rs, "8%").modality, "actual", "the year carried still says it is a result")
        XCTAssertEqual(try find(rs, "300亿元").modality, "target")
        XCTAssertEqual(try period(rs, "300亿元"), ["2023", nil], "an aim takes no past year carried: the title's year")
        XCTAssertEqual(try period(rs, "20万千瓦"), ["2023", nil], "not 2030, the deadline of the sentence before's aim: the title's year")
        XCTAssertEqual(try period(rs, "2万亩"), ["2022", nil], "为1955年的…: 1955 is the other side; the paragraph's 2022 is carried")
    }

    func testALevelInsideASpanBelongsToItsLastYear() throws {
        let rs = try Fixtures.records(Self.speech)
        XCTAssertEqual(try period(rs, "30所"), ["2018", "2022"], "过去五年 in the heading above: a count over the span")
        XCTAssertEqual(try period(rs, "500万人"), ["2022", nil], "a level reached (达到) at the span's end")
        XCTAssertEqual(try period(rs, "3000亿元"), ["2022", nil], "五年来…达到: the level at the end of 2018 to 2022")
        XCTAssertEqual(try period(rs, "7%"), ["2018", "2022"], "a yearly average over the span keeps the span")
        XCTAssertEqual(try period(rs, "6.5%"), ["2023", "2027"], "基础上年均: no 上年 there, the 今后五年 before it")
        XCTAssertEqual(try find(rs, "6.5%").modality, "target", "nor the 上年 of the actual cues")
        XCTAssertEqual(try [find(rs, "9%").period, find(rs, "9%").modality], ["2022", "actual"],
                       "过去一年 carried, a result: not the 目标 of the paragraph's opening")
    }
}

/// A document with no year in a title, date line or review heading: the year 今年 stands for, from the
/// sentences that write a year before it; and what 从A提高到B measures when its clause names nothing.
final class ThisYearTests: XCTestCase {
    func find(_ records: [Record], _ text: String) throws -> Record { try XCTUnwrap(records.first { $0.text == text }, text) }

    func testThisYearIsTheYearAfterTheYearsWrittenBeforeIt() throws {
        let rs = try Fixtures.records("""
        关于经济工作的报告
        财政赤字从2019年的170亿元、2020年的127亿元，预计降低到今年的27亿元。
        2020年全市涌现科研成果2600多项，今年又继续增加。
        2022年的计划，要求增长速度由今年的3%提高到4%。
        今年全市地区生产总值增长6%。
        """)
        let r = try find(rs, "6%")
        XCTAssertEqual([r.period, r.modality], ["2021", "target"], "two sentences say 2021, one says 2023")
        XCTAssertTrue(r.periodInferred)
    }

    func testOneSentenceIsNoEvidence() throws {
        let rs = try Fixtures.records("关于经济工作的报告\n2020年全市涌现科研成果2600多项，今年又继续增加。\n今年全市地区生产总值增长6%。\n")
        XCTAssertEqual(try find(rs, "6%").period, nil, "empty rather than guessed from one sentence")
    }

    func testASectionHeadingOpenedByACueGivesItsNumbersTheirModality() throws {
        let rs = try Fixtures.records("关于工作的报告\n一、过去五年的工作和新时代的变革\n全市城镇化率达到64.7%。\n二、主要工作\n全市城镇化率达到66%。\n")
        XCTAssertEqual(try [find(rs, "64.7%").modality, find(rs, "66%").modality], ["actual", nil], "过去五年 opens the first heading only")
    }

    func testAPhraseEndingWithAVerbOfTheNumberIsNoIndicator() throws {
        let rs = try Fixtures.records("我们这个拥有九千六百多万名党员的政党更加团结。新型农村社会养老保险试点覆盖24%的县。")
        XCTAssertEqual(try find(rs, "九千六百多万名").indicator, "党员", "拥有: the thing counted follows the measure word")
        XCTAssertEqual(try find(rs, "24%").indicator, "新型农村社会养老保险试点", "覆盖: nothing counted follows, so what covers is the indicator, without the verb")
    }

    func testFromToTakesThePhraseOfTheClauseBefore() throws {
        let rs = try Fixtures.records("全国研究经费，从2019年的500亿元增加到2020年的800亿元。水泥：从135万吨增加到412万吨。")
        XCTAssertEqual(try [find(rs, "500亿元").indicator, find(rs, "800亿元").indicator], ["研究经费", "研究经费"])  // 全国 is a word of scope
        XCTAssertEqual(try [find(rs, "135万吨").indicator, find(rs, "412万吨").indicator], ["水泥", "水泥"])
    }
}
