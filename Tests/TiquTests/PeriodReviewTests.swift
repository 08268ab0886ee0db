import XCTest
@testable import TiquEmit
@testable import TiquRun

/// A section that reviews and then plans (国民经济的成就和今后的建设任务) gives no document year and no
/// modality of its own, and spans of years written in Chinese numerals (从一九七九年到一九八一年) are spans.
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
}
