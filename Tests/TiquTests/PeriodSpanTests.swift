import XCTest
@testable import TiquEmit
@testable import TiquRun

/// Periods that are spans of years, the part of this year already past, and where an indicator is written.
final class PeriodSpanTests: XCTestCase {
    static let report = """
    在2023年全市经济工作会议上的讲话
    过去五年，全市地区生产总值年均增长6.1%。
    “十四五”期间，研发投入年均增长10%以上。
    1952年到1956年，消费资料的生产平均每年增长6.3%。
    1984年，工农业总产值在1979到1983年平均每年递增7.9%的基础上，比上年增长14.2%。
    今年1月，全市规上工业增加值增长3.1%。
    到2027年，常住人口城镇化率达到65%。
    """

    func find(_ records: [Record], _ text: String) throws -> Record { try XCTUnwrap(records.first { $0.text == text }, text) }

    /// A congress report's title block (title lines, a `——在…上的报告` subtitle, a date line in brackets, a
    /// spaced speaker name) dates the speech: given in October, its review spans run up to its own year.
    func testACongressReportIsDatedByItsTitleBlockAndReviewsUpToItsYear() throws {
        let text = """
        团结奋斗再创佳绩
        ——在中国共产党临江市第七次代表大会上的报告
        （2026年10月12日）
        王　小　川
        同志们：
        一、过去五年的工作
        过去五年，全市地区生产总值年均增长6.2%，城镇化率达到66%。
        十年来，全市新增就业累计42万人。
        """
        let rs = try Fixtures.records(text)
        func span(_ t: String) throws -> [String?] { let r = try find(rs, t); return [r.period, r.periodEnd] }
        XCTAssertEqual(try span("6.2%"), ["2021", "2026"], "过去五年 of a report of October 2026")
        XCTAssertEqual(try span("66%"), ["2026", nil], "a level at the span's end: its last year")
        XCTAssertEqual(try span("42万人"), ["2016", "2026"], "十年来")
        XCTAssertEqual(try find(rs, "6.2%").modality, "actual")
        XCTAssertEqual(try find(rs, "6.2%").pointPath, ["一"], "the subtitle is no bullet")
    }

    func testSpansOfYearsFromPeriodWordsPlansAndWrittenRanges() throws {
        let rs = try Fixtures.records(Self.report)
        func span(_ t: String) throws -> [String?] { let r = try find(rs, t); return [r.period, r.periodEnd] }
        XCTAssertEqual(try span("6.1%"), ["2018", "2022"], "过去五年 of a 2023 speech")
        XCTAssertEqual(try find(rs, "6.1%").modality, "actual")
        XCTAssertEqual(try span("10%以上"), ["2021", "2025"])
        XCTAssertEqual(try find(rs, "10%以上").modality, "target", "a plan period ending after the document's year")
        XCTAssertEqual(try span("6.3%"), ["1952", "1956"])
        XCTAssertEqual(try span("7.9%"), ["1979", "1983"], "the span of its own clause")
        XCTAssertEqual(try span("14.2%"), ["1984", nil], "a span in an earlier clause yields to the sentence's year")
        XCTAssertEqual(try span("65%"), ["2027", nil], "到2027年 is the year the level is reached")
    }

    func testThisYearsMonthsAlreadyPastAreResults() throws {
        let r = try find(try Fixtures.records(Self.report), "3.1%")
        XCTAssertEqual([r.modality, r.period, r.indicator], ["actual", "2023", "规上工业增加值"])
    }

    func testTheSpanWritesAsLowAndHighAndGoesToTheTablesPeriodColumns() throws {
        let r = try find(try Fixtures.records(Self.report), "6.1%")
        var bytes: [UInt8] = []
        JSONLines.append(r, to: &bytes)
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains(#""period":{"low":"2018","high":"2022"}"#))
        let row = Dictionary(uniqueKeysWithValues: zip(Table.columns, Table.row(for: r)))
        XCTAssertEqual([row["period"], row["period_low"], row["period_high"]], ["", "2018", "2022"])
    }

    func testTheIndicatorSpanSlicesTheIndicatorOutOfTheFile() throws {
        let text = "今年1月，全市规上工业增加值增长3.1%。去年，高技术制造业、装备制造业增加值分别增长9.3%、6.8%。"
        let rs = try Fixtures.records(text)
        let scalars = Array(text.unicodeScalars)
        func written(_ t: String) throws -> String {
            let s = try XCTUnwrap(try find(rs, t).indicatorSpan, t)
            XCTAssertEqual(Array(text.utf8)[s.byte].count, String(String.UnicodeScalarView(scalars[s.char])).utf8.count)
            return String(String.UnicodeScalarView(scalars[s.char]))
        }
        XCTAssertEqual(try written("3.1%"), "规上工业增加值")
        XCTAssertEqual(try written("9.3%"), "高技术制造业", "the subject as written; the indicator adds the shared 增加值")
        XCTAssertEqual(try find(rs, "9.3%").indicator, "高技术制造业增加值")
        XCTAssertEqual(try written("6.8%"), "装备制造业增加值")
        // The table carries the indicator's bytes: 今年1月，全市 is 6 + 1 + 3 + 3 + 6 bytes, 规上工业增加值 21.
        let row = Dictionary(uniqueKeysWithValues: zip(Table.columns, Table.row(for: try find(rs, "3.1%"))))
        XCTAssertEqual([row["indicator"], row["indicator_byte_start"], row["indicator_byte_end"]], ["规上工业增加值", "19", "40"])
        let none = Dictionary(uniqueKeysWithValues: zip(Table.columns, Table.row(for: try find(rs, "1月"))))
        XCTAssertEqual([none["indicator_byte_start"], none["indicator_byte_end"]], ["", ""], "no indicator, no bytes")
    }

    func testALevelOrABaseClauseAfterAChangeSpeaksOfTheSameThing() throws {
        let rs = try Fixtures.records("1992年同1987年相比，钢产量增长42%，达到8000万吨。2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均递增10.6%。")
        XCTAssertEqual(try find(rs, "8000万吨").indicator, "钢产量", "，达到…: a link verb alone")
        XCTAssertEqual(try [find(rs, "42%").period, find(rs, "42%").base], ["1992", nil], "同1987年相比: 1987 is the base, not the period")
        XCTAssertEqual(try find(rs, "65.5%").indicator, "国内生产总值", "，比2002年增长…: a base year alone")
        XCTAssertEqual(try find(rs, "65.5%").base, "2002")
        XCTAssertEqual(try [find(rs, "10.6%").indicator, find(rs, "10.6%").change], ["国内生产总值", "increase"], "年均递增 is a change")
    }
}
