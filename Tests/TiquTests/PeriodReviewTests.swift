import XCTest
@testable import TiquEmit
@testable import TiquRun

/// A section that reviews and then plans (国民经济的成就和今后的建设任务) gives no document year and no
/// modality of its own, and spans of years written in Chinese numerals (从一九七九年到一九八一年) are spans; a
/// section reviewing the year before dates its 全年, its yearly averages and its 由上年A增加到B.
final class PeriodReviewTests: XCTestCase {
    func find(_ records: [Record], _ text: String) throws -> Record { try XCTUnwrap(records.first { $0.text == text }, text) }

    func fields(_ rs: [Record], _ t: String) throws -> [String?] { let r = try find(rs, t); return [r.period, r.periodEnd, r.modality] }

    /// A December report reviewing its own year writes the next year's plan (一九六五年…计划) and the start of
    /// the plan after it (为一九六六年开始的…) in the same section: its latest year written twice is no reviewed
    /// one, so no document year is inferred (1967 was), 今年 has no period, and the heading (成就 then 任务)
    /// makes neither a result nor an aim of its numbers; their own cues still do.
    func testASectionThatReviewsAndPlansInfersNoDocumentYear() throws {
        let text = """
        各位代表：
        一、国民经济的成就和今后的建设任务
        一九六四年，粮食产量增长百分之十。一九六四年，钢产量增长百分之二十。
        一九六五年要大力组织生产，为一九六六年开始的新规划做好准备。为一九六六年开始的建设，一九六五年计划草案拟定，农业总产值增长百分之五左右。
        今年棉花产量增长百分之七。
        """
        let rs = try Fixtures.records(text)
        XCTAssertEqual(try fields(rs, "百分之七"), [nil, nil, nil])
        XCTAssertFalse(try find(rs, "百分之七").periodInferred)
        XCTAssertEqual(try fields(rs, "百分之十"), ["1964", nil, nil])
        XCTAssertEqual(try fields(rs, "百分之五左右"), ["1965", nil, "target"])
    }

    /// The same section with a review heading only (一、国民经济的成就) still infers its year from the latest
    /// year written twice: the refusal is the planning heading's, not the years'.
    func testAReviewOnlySectionStillInfersItsYear() throws {
        let text = """
        各位代表：
        一、国民经济的成就
        一九六四年，粮食产量增长百分之十。一九六四年，钢产量增长百分之二十。
        今年棉花产量增长百分之七。
        """
        let r = try find(try Fixtures.records(text), "百分之七")
        XCTAssertEqual([r.period, r.modality], ["1965", "target"])
        XCTAssertTrue(r.periodInferred)
    }

    /// 从一九七九年到一九八一年 is a span of years (`date.year_range` reads Chinese numerals as `date.year`
    /// does): the sums of its sentence belong to 1979 to 1981, and in 从一九八〇年至一九八五年…由A增加到B,
    /// A is 1980 and B 1985.
    func testASpanOfChineseNumeralYearsIsASpan() throws {
        let text = """
        在1986年全市工作会议上的讲话
        从一九七九年到一九八一年，国家用于提高收购价格的支出四百四十二亿元。
        从一九八〇年至一九八五年，原煤产量由六亿二千万吨增加到八亿五千万吨。
        """
        let rs = try Fixtures.records(text)
        XCTAssertEqual(try fields(rs, "四百四十二亿元"), ["1979", "1981", "actual"])
        XCTAssertEqual(try fields(rs, "六亿二千万吨"), ["1980", nil, "actual"])
        XCTAssertEqual(try fields(rs, "八亿五千万吨"), ["1985", nil, "actual"])
        let spans = rs.filter { $0.kind == .date }.map(\.text)
        XCTAssertEqual(spans, ["1986年", "一九七九年到一九八一年", "一九八〇年至一九八五年"])
    }

    /// A period word written right after a span of years (从2001年到2005年五年间) names the span's length: the
    /// number past the next comma keeps the span (not 五年间 against the document's year, 2018 to 2022).
    func testAPeriodWordRightAfterASpanIsItsLength() throws {
        let text = """
        在2023年全市工作会议上的讲话
        全市从2001年到2005年五年间是建设较快的时期，粮食产量合计为一千二百亿斤。
        """
        XCTAssertEqual(try fields(try Fixtures.records(text), "一千二百亿斤"), ["2001", "2005", "actual"])
    }

    /// 为1997年的2.9倍: the year right before the number after a link word is the comparison's base, not
    /// its period (2000, written before); after a change verb (下降为1952年的39%) it is B's own year.
    func testAYearAfterALinkWordRightBeforeTheNumberIsItsBase() throws {
        let text = """
        在2001年全市工作会议上的讲话
        2000年全市工业企业实现利润2392亿元，为1997年的2.9倍。
        私营工业的比重由1949年的63.3%下降为1952年的39%。
        """
        let rs = try Fixtures.records(text)
        let multiple = try find(rs, "2.9倍")
        XCTAssertEqual([multiple.period, multiple.base, multiple.modality], ["2000", "1997", "actual"])
        let b = try find(rs, "39%")
        XCTAssertEqual([b.period, b.base], ["1952", nil])
    }

    // Issue 16, round seven: in a section reviewing the year before, 全年 and 年底 are the year reviewed (gwr-2000
    // gave 2000 and `target` where its review section's paragraph opened with 达到预期目标); a yearly average after
    // the year of a level reached is over the span that year ends (gwr-2001: 1996 to 2000); A of 由上年A增加到B
    // is the year before B's (gwr-2004: 2002, not 2003).

    static let head = "临江市人民政府工作报告\n——2011年1月12日在临江市第十五届人民代表大会第五次会议上\n各位代表：\n"

    /// samples/review-year-totals.txt, a report of 2011.
    func testTheYearReviewedAveragesAndTheYearBefore() throws {
        let rs = try Fixtures.records(String(contentsOfFile: Fixtures.samplesDir + "/review-year-totals.txt", encoding: .utf8))
        XCTAssertEqual(try fields(rs, "420亿元"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "18%"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "3600亿元"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "6亿元"), ["2009", nil, "actual"])
        XCTAssertEqual(try fields(rs, "9亿元"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "5200亿元"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "11.5%"), ["2006", "2010", "actual"])
        XCTAssertEqual(try fields(rs, "8万个"), ["2011", nil, "target"])
        // In the tasks, 上年 is last year and B this year's aim, either way.
        XCTAssertEqual(try fields(rs, "30亿元"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "36亿元"), ["2011", nil, "target"])
    }

    /// 全年 under a heading of the year before is a result even when the paragraph opens with a target cue.
    func testFullYearUnderAReviewOfTheYearBefore() throws {
        let rs = try Fixtures.records(Self.head + "一、2010年工作回顾\n主要预期目标顺利完成。全年粮食产量增长百分之三。\n")
        XCTAssertEqual(try fields(rs, "百分之三"), ["2010", nil, "actual"])
    }

    /// 将由上年A增加到B with nothing but A's time to say B's modality: A keeps last year (gwr-2007).
    func testAsTimeAloneLeavesAsYear() throws {
        let rs = try Fixtures.records(Self.head + "市财政支出将由上年18亿元增加到95亿元。\n")
        XCTAssertEqual(try fields(rs, "18亿元")[0], "2010")
    }

    /// A paragraph opened by 过去一年 dates the results of the paragraphs after it in its section (比上年 opens
    /// no other time: gwr-1999); inside a span, A of 由A增加到B is the year before its first, the first of years
    /// written, or the time compared with (同“十五”时期相比).
    func testABlockOfLastYearAndTheStartOfASpan() throws {
        let rs = try Fixtures.records(Self.head + """
        一、2010年工作回顾和2011年工作的总体要求
        过去一年，全市上下克服困难，各项目标基本实现。
        全市生产总值比上年增长百分之九。
        二、过去五年的回顾
        五年来，全市公路里程由4200公里增加到5100公里。从2006年到2010年，全市医院床位由2.1万张增加到2.6万张。\
        “十一五”时期同“十五”时期相比，全市粮食年平均产量由180万吨增加到210万吨。
        """)
        XCTAssertEqual(try fields(rs, "百分之九"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "4200公里"), ["2005", nil, "actual"])
        XCTAssertEqual(try fields(rs, "5100公里"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "2.1万张"), ["2006", nil, "actual"])
        XCTAssertEqual(try fields(rs, "180万吨"), ["2001", "2005", "actual"])
    }

    /// A span's period word written after the year (五年共计) dates the numbers after it, not the year (gwr-2003).
    func testASpanWordAfterTheYearWins() throws {
        let rs = try Fixtures.records(Self.head + "市对县转移支付由2005年的20亿元增加到2010年的45亿元，五年共计160亿元，其中用于教育的资金38亿元。\n")
        XCTAssertEqual(try fields(rs, "45亿元"), ["2010", nil, "actual"])
        XCTAssertEqual(try fields(rs, "160亿元"), ["2006", "2010", "actual"])
        XCTAssertEqual(try fields(rs, "38亿元"), ["2006", "2010", "actual"])
    }

    /// 比年初计划 is a plan a result is measured against, no target cue (gwr-1999): 去年 and 全年 say last year.
    func testTheStartOfYearPlanIsNoTargetCue() throws {
        let rs = try Fixtures.records(Self.head + "去年市财政增发债券加强基础设施建设，全年债券发行还比年初计划少了近20亿元。\n")
        XCTAssertEqual(try fields(rs, "近20亿元"), ["2010", nil, "actual"])
    }
}
