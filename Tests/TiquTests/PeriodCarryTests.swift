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
    }
}
