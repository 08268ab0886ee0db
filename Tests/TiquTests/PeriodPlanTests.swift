import XCTest
@testable import TiquEmit
@testable import TiquRun

/// Periods from a heading naming a five-year plan, from a review of 一年来, and from years written in
/// Chinese numerals (一九九九年) carried through a paragraph as four-digit ones are.
final class PeriodPlanTests: XCTestCase {
    static let planReport = """
    各位代表：
    一、“九五”计划执行情况的回顾
    这五年，国内生产总值年均增长8.3%，城镇新增就业3000万人，粮食产量达到5亿吨。
    一九九九年，粮食产量下降1%。棉花产量增长5%。
    二〇〇〇年，财政收入增长17%。
    二、“十五”时期的主要任务
    国内生产总值年均增长7%左右，城镇新增就业4000万人。
    """

    func find(_ records: [Record], _ text: String) throws -> Record { try XCTUnwrap(records.first { $0.text == text }, text) }

    func span(_ rs: [Record], _ t: String) throws -> [String?] { let r = try find(rs, t); return [r.period, r.periodEnd] }

    /// 一、“九五”计划执行情况的回顾: its numbers are 1996 to 2000 unless their sentence names a year; a level
    /// reached (达到) is the span's last year; the tasks of “十五” are 2001 to 2005.
    func testAHeadingNamingAPlanGivesItsNumbersThePlansYears() throws {
        let rs = try Fixtures.records(Self.planReport)
        XCTAssertEqual(try span(rs, "8.3%"), ["1996", "2000"])
        XCTAssertEqual(try span(rs, "3000万人"), ["1996", "2000"])
        XCTAssertEqual(try span(rs, "5亿吨"), ["2000", nil], "a level reached: the span's last year")
        XCTAssertEqual(try span(rs, "17%"), ["2000", nil], "the sentence's own year (二〇〇〇年) wins")
        XCTAssertEqual(try span(rs, "7%左右"), ["2001", "2005"])
        XCTAssertEqual(try span(rs, "4000万人"), ["2001", "2005"])
        XCTAssertEqual(try find(rs, "7%左右").modality, "target")
        XCTAssertEqual(try find(rs, "8.3%").modality, "actual", "回顾 wins over the 计划 of the plan's name")
        XCTAssertFalse(try find(rs, "8.3%").periodInferred)
    }

    /// 一九九九年，粮食产量下降1%。棉花产量增长5%: the year in Chinese numerals is carried to the next
    /// sentence of its paragraph, as 1999年 would be.
    func testAChineseNumeralYearIsCarriedThroughItsParagraph() throws {
        let rs = try Fixtures.records(Self.planReport)
        XCTAssertEqual(try span(rs, "1%"), ["1999", nil])
        XCTAssertEqual(try span(rs, "5%"), ["1999", nil])
    }

    /// 一、一年来工作回顾 in a report with no date line: 一年来 is last year, against the year inferred from
    /// the review (its latest year written twice, plus one).
    func testAReviewOfOneYearIsLastYear() throws {
        let text = """
        各位代表：
        一、一年来工作回顾
        2024年是实施规划的关键一年。国内生产总值增长5%，2024年末城镇调查失业率为5.1%。
        一年来，粮食产量增长1.6%。
        """
        let rs = try Fixtures.records(text)
        XCTAssertEqual(try span(rs, "5%"), ["2024", nil], "2024年 carried from the sentence before")
        XCTAssertFalse(try find(rs, "5%").periodInferred)
        XCTAssertEqual(try span(rs, "1.6%"), ["2024", nil])
        XCTAssertTrue(try find(rs, "1.6%").periodInferred)
        XCTAssertEqual(try find(rs, "1.6%").modality, "actual")
    }

    /// A review whose latest years are deadlines or bases (到二〇〇〇年, 比二〇〇〇年翻一番) reviews no year:
    /// no document year is inferred, and 今年 has no period.
    func testADeadlineInAReviewInfersNoDocumentYear() throws {
        let text = """
        同志们：
        一、世纪之交的回顾和展望
        到二〇〇〇年实现小康，国民生产总值比二〇〇〇年翻一番。
        今年粮食产量增长3%。
        """
        XCTAssertNil(try find(try Fixtures.records(text), "3%").period)
    }

    /// 一、过去五年的工作 (a period word of past years, no review word) is a review too: its latest year
    /// written twice, plus one, is the document's year.
    func testAHeadingOfPastYearsIsAReviewTheDocumentYearIsInferredFrom() throws {
        let text = """
        同志们：
        一、过去五年的工作
        2021年，全市地区生产总值增长6%。2021年末，常住人口城镇化率为64%。
        二、今后五年的任务
        今年粮食产量增长3%。
        """
        let r = try find(try Fixtures.records(text), "3%")
        XCTAssertEqual([r.period, r.modality], ["2022", "target"])
        XCTAssertTrue(r.periodInferred)
    }

    /// 本年 is the year under discussion: under 一、2023年国家决算 it is 2023, a result, though the report (of
    /// 2024, inferred from that heading: 决算 is a review word) speaks of 2024 elsewhere.
    func testThisYearIsTheYearUnderDiscussion() throws {
        let text = """
        各位代表：
        一、2023年国家决算
        本年收入合计1200亿元，完成预算的98.5%。
        二、2024年国家预算
        本年收入预计为1300亿元。
        """
        let rs = try Fixtures.records(text)
        let past = try find(rs, "1200亿元")
        XCTAssertEqual([past.period, past.modality], ["2023", "actual"])
        XCTAssertFalse(past.periodInferred)
        XCTAssertEqual(try span(rs, "98.5%"), ["2023", nil])
        let aim = try find(rs, "1300亿元")
        XCTAssertEqual([aim.period, aim.modality], ["2024", "target"])
    }

    /// A year in parentheses is a price basis, not a time (按一九五二年不变价格计算): neither in the sentence
    /// nor carried through the paragraph.
    func testAYearInParenthesesIsNoPeriod() throws {
        let text = """
        一九五七年，农业总产值达到六百零三亿元（按一九五二年不变价格计算），比一九五六年增长百分之三点五。棉花产量增长百分之九。
        """
        let rs = try Fixtures.records(text)
        XCTAssertEqual(try span(rs, "百分之三点五"), ["1957", nil])
        XCTAssertEqual(try span(rs, "百分之九"), ["1957", nil])
    }

    /// 十年来…从A增长到B: B is the level at the span's end, A the level at its start: the year before its first
    /// (the ten years 2016 to 2025 grow from 2015, as 五年来 of a 2003 report, 1998 to 2002, from 1997).
    func testFromAInsideASpanIsTheYearBeforeItsFirst() throws {
        let text = """
        在2026年全市工作会议上的讲话
        十年来，全市地区生产总值从1200亿元增长到2400亿元。
        """
        let rs = try Fixtures.records(text)
        XCTAssertEqual(try span(rs, "1200亿元"), ["2015", nil])
        XCTAssertEqual(try span(rs, "2400亿元"), ["2025", nil])
    }
}
