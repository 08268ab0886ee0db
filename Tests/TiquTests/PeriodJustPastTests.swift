import XCTest
@testable import TiquEmit
@testable import TiquNormalize
@testable import TiquRun

/// A report with no title or date line whose opening names the year just past (刚刚过去的2016年, 首先报告2019年的
/// 工作) speaks from the next year, inferred; a present count (现在全市有…) is a result in its own sentence; B of
/// 由去年的A增加到B in the tasks is an aim (去年 is A's time).
final class PeriodJustPastTests: XCTestCase {
    func fields(_ rs: [Record], _ t: String) throws -> [String?] {
        let r = try XCTUnwrap(rs.first { $0.text == t }, t)
        return [r.period, r.periodEnd, r.modality, r.periodInferred ? "inferred" : nil]
    }

    /// samples/year-just-past.txt: 2016 is the year just past, so 今年 is 2017; 按照现在的规模 is a measure (a
    /// `weak_modality` none), not a count of the present.
    func testTheYearJustPastDatesTheDocument() throws {
        let rs = try Fixtures.records(String(contentsOfFile: Fixtures.samplesDir + "/year-just-past.txt", encoding: .utf8))
        XCTAssertEqual(try fields(rs, "百分之五"), ["2016", nil, "actual", "inferred"])
        XCTAssertEqual(try fields(rs, "一百二十个"), ["2017", nil, "actual", "inferred"])
        XCTAssertEqual(try fields(rs, "二十万吨"), ["2017", nil, "target", "inferred"])
        XCTAssertEqual(try fields(rs, "80亿元"), ["2016", nil, "actual", "inferred"])
        XCTAssertEqual(try fields(rs, "95亿元"), ["2017", nil, "target", "inferred"])
    }

    /// samples/report-year-heading.txt: 首先报告2019年的工作 opens a report of 2020; a span of years with a space
    /// after its separator (2016年至 2020年, as a line break leaves it) is one span, written.
    func testAReportOfLastYearsWorkDatesTheDocument() throws {
        let rs = try Fixtures.records(String(contentsOfFile: Fixtures.samplesDir + "/report-year-heading.txt", encoding: .utf8))
        XCTAssertEqual(try fields(rs, "十二所"), ["2019", nil, "actual", "inferred"])
        XCTAssertEqual(try fields(rs, "四百所"), ["2019", nil, "actual", "inferred"])
        XCTAssertEqual(try fields(rs, "八十所"), ["2016", "2020", "actual", nil])
    }

    /// The year just past (2016 → 2017) and the meeting addressed (7th term, 3rd session: 1990) disagree: no year.
    func testAYearJustPastThatDisagreesGivesNoYear() throws {
        let rs = try Fixtures.records("各位代表：\n刚刚过去的2016年，是很不平凡的一年。我代表市人民政府，向第七届全国人民代表大会第三次会议作报告。\n去年全市粮食产量增长百分之四。\n")
        XCTAssertEqual(try fields(rs, "百分之四"), [nil, nil, "actual", nil])
    }

    /// 现在 without a count (现在，我们要…新建) is no result: the heading of the tasks says.
    func testThePresentWithoutACountIsNoCue() throws {
        let rs = try Fixtures.records("各位代表：\n刚刚过去的2016年，是很不平凡的一年。\n一、过去一年的工作\n全市粮食产量增长百分之五。\n二、今年的主要任务\n现在，我们要加快建设，全市新建公路四百公里。\n")
        XCTAssertEqual(try fields(rs, "百分之五"), ["2016", nil, "actual", "inferred"])
        XCTAssertEqual(try fields(rs, "四百公里"), ["2017", nil, "target", "inferred"])
    }
}
