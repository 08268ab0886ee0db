import XCTest
@testable import TiquEmit
@testable import TiquRun

/// A total over a span (合计, 累计 before a level verb) is the whole span's; a year written right before 全年
/// without 年 is a written year; the name of a plan that ends by the document's year holds no aim; a number
/// right before 的预定目标 is an aim. (The helpers `find` and `fields` are PeriodCountTests'.)
extension PeriodCountTests {
    /// 合计达到 sums the span; 达到 alone is the level of its last year.
    func testATotalOverASpanKeepsTheSpan() throws {
        let rs = try Fixtures.records("""
        在1986年全市工作会议上的讲话
        “六五”期间，全市财政收入合计达到三百亿元。“六五”期间，全市钢产量达到五百万吨。
        """)
        XCTAssertEqual(try fields(rs, "三百亿元"), ["1981", "1985", "actual"])
        XCTAssertEqual(try fields(rs, "五百万吨"), ["1985", nil, "actual"])
    }

    func testAYearWithoutItsMarkBeforeTheWholeYear() throws {
        let rs = try Fixtures.records("在2024年全区工作会议上的讲话\n2024全年完成全区外贸进出口额20亿美元，实际利用外资3亿美元以上。\n")
        XCTAssertEqual(try fields(rs, "20亿美元"), ["2024", nil, "target"])
        XCTAssertEqual(try fields(rs, "3亿美元以上"), ["2024", nil, "target"])
    }

    /// In 1957 the first plan closes: what it built is a result; in 1955 it is still an aim.
    func testAClosedPlanNamesNoAim() throws {
        let closed = try Fixtures.records("在1957年全市工作会议上的讲话\n在第一个五年计划期间，全市新建的共有三十个工厂。\n")
        XCTAssertEqual(try fields(closed, "三十个"), ["1953", "1957", "actual"])
        let open = try Fixtures.records("在1955年全市工作会议上的讲话\n在第一个五年计划期间，全市新建的共有三十个工厂。\n")
        XCTAssertEqual(try find(open, "三十个").modality, "target")
    }

    func testAFigureBeforeItsTargetIsAnAim() throws {
        let rs = try Fixtures.records("在1999年全市工作会议上的讲话\n1998年，全市生产总值比上年增长7.5%，略低于8%的预定目标。\n")
        XCTAssertEqual(try fields(rs, "7.5%"), ["1998", nil, "actual"])
        XCTAssertEqual(try fields(rs, "8%"), ["1998", nil, "target"])
    }
}
