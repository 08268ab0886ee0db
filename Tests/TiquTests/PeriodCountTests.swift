import XCTest
@testable import TiquEmit
@testable import TiquRun

/// A count of past years (九年间, 五年中, 两年来: a `period_span` word after a count) is the span of that many
/// years up to last year, a result; a count right after written years (从一九八〇年到一九八八年的九年中) only
/// says how long they are; 第一个五年中 names a plan and 这十年里 points back: no span. Five-year plans
/// written without quote marks (七五计划期间) are plans.
final class PeriodCountTests: XCTestCase {
    func find(_ records: [Record], _ text: String) throws -> Record { try XCTUnwrap(records.first { $0.text == text }, text) }

    func fields(_ rs: [Record], _ t: String) throws -> [String?] { let r = try find(rs, t); return [r.period, r.periodEnd, r.modality] }

    func testACountOfPastYearsIsASpanUpToLastYear() throws {
        let rs = try Fixtures.records("""
        在1990年全市工作会议上的讲话
        九年间，全市粮食产量增长百分之四十。两年来，全市新建医院十二所。
        """)
        XCTAssertEqual(try fields(rs, "百分之四十"), ["1981", "1989", "actual"])
        XCTAssertEqual(try fields(rs, "十二所"), ["1988", "1989", "actual"])
    }

    /// The count after written years and 的 is their length (1980 to 1988, not 1981 to 1989), also for the
    /// clauses after it that carry it; a plan's count (第一个五年中) and a pointing one (这十年里) are no span.
    func testACountAfterWrittenYearsOrAPlanIsNoSpanOfItsOwn() throws {
        let rs = try Fixtures.records("""
        在1990年全市工作会议上的讲话
        从一九八〇年到一九八八年的九年中，全市钢产量增长百分之六十。
        在第一个五年中，全市新建工厂二十个。在这十年里，全市新建公路八百公里。
        """)
        XCTAssertEqual(try fields(rs, "百分之六十"), ["1980", "1988", "actual"])
        XCTAssertNil(try find(rs, "二十个").periodEnd)
        XCTAssertNil(try find(rs, "八百公里").periodEnd)
    }

    /// A plan a result is measured against (完成了原定计划的101%, 比年度计划增加了2%) holds no target cue: the
    /// numbers are 1955's results (they were aims of 1955, and 2% was 1956's, the title's year).
    func testAPlanMeasuredAgainstIsNoAim() throws {
        let rs = try Fixtures.records("在1956年全市工作会议上的讲话\n1955年全市工业总产值完成了原定计划的101%，比1954年增长8%。全市产品销售收入比年度计划增加了2%。\n")
        XCTAssertEqual(try fields(rs, "101%"), ["1955", nil, "actual"])
        XCTAssertEqual(try fields(rs, "8%"), ["1955", nil, "actual"])
        XCTAssertEqual(try fields(rs, "2%"), ["1955", nil, "actual"])
    }

    /// 七五计划期间 (unquoted) is the 7th five-year plan, 1986 to 1990, as “七五” is.
    func testAnUnquotedPlanIsAPlan() throws {
        let rs = try Fixtures.records("在1990年全市工作会议上的讲话\n七五计划期间，全市新建学校三百所。\n")
        XCTAssertEqual(rs.filter { $0.kind == .date }.map(\.text), ["1990年", "七五"])
        XCTAssertEqual(try fields(rs, "三百所"), ["1986", "1990", "target"])
    }
}
