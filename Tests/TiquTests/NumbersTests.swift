import Foundation
import XCTest
@testable import TiquEmit
@testable import TiquNumbers
@testable import TiquRun

final class NumeralsTests: XCTestCase {
    func value(_ s: String) -> String? { Numerals.parse(s)?.value.description }

    func testArabic() {
        XCTAssertEqual(value("3805"), "3805")
        XCTAssertEqual(value("1,244"), "1244")
        XCTAssertEqual(value("4.06"), "4.06")
        XCTAssertEqual(value("0.2"), "0.2")
    }

    func testArabicWithScales() {
        XCTAssertEqual(value("3805亿"), "380500000000")
        XCTAssertEqual(value("4.06万亿"), "4060000000000")  // exact: never 4059999999999.9995
        XCTAssertEqual(value("1.39万亿"), "1390000000000")
        XCTAssertEqual(value("1.5万"), "15000")
        XCTAssertEqual(value("7600万"), "76000000")
        XCTAssertEqual(value("5千万"), "50000000")
        XCTAssertEqual(value("126万亿"), "126000000000000")
    }

    func testChinese() {
        XCTAssertEqual(value("三千五百万"), "35000000")
        XCTAssertEqual(value("两千"), "2000")
        XCTAssertEqual(value("十八"), "18")
        XCTAssertEqual(value("一百零五"), "105")
        XCTAssertEqual(value("二十万"), "200000")
        XCTAssertEqual(value("十四亿"), "1400000000")
        XCTAssertEqual(value("一亿三千万"), "130000000")
        XCTAssertEqual(value("三万亿"), "3000000000000")
        XCTAssertEqual(value("一九九八"), "1998")
        XCTAssertEqual(value("二〇二四"), "2024")
        XCTAssertEqual(value("十二点五"), "12.5")
        XCTAssertEqual(value("三点零五"), "3.05")
        XCTAssertEqual(value("百"), "100")
    }

    func testTrailingScaleForRanges() {
        XCTAssertEqual(Numerals.parse("100亿")?.trailingScale, 8)
        XCTAssertEqual(Numerals.parse("2万亿")?.trailingScale, 12)
        XCTAssertEqual(Numerals.parse("50")?.trailingScale, 0)
    }

    func testNotNumbers() {
        XCTAssertNil(Numerals.parse(""))
        XCTAssertNil(Numerals.parse("元"))
        XCTAssertNil(Numerals.parse("1.2.3"))
    }

    func testExactDecimalFormatting() {
        XCTAssertEqual(ExactDecimal(mantissa: 406, exponent: 10).description, "4060000000000")
        XCTAssertEqual(ExactDecimal(mantissa: 5, exponent: -2).description, "0.05")
        XCTAssertEqual(ExactDecimal(mantissa: 4200, exponent: -3).description, "4.2")
        XCTAssertEqual(ExactDecimal(mantissa: 0, exponent: 5).description, "0")
        XCTAssertEqual(ExactDecimal("1,244.50")?.description, "1244.5")
        XCTAssertNil(ExactDecimal("99999999999999999999"))
    }
}

/// Issue 17: numbers in every form people write them, and never a wrong value. Each case here was a wrong
/// value before (a range's scale, an approximate pair read as one number, a dropped sign or 角/分).
final class NumberFormsTests: XCTestCase {
    func range(_ s: String) -> String? { Numerals.parseApproximate(s).map { "\($0.low.value)..\($0.high.value)" } }

    func testApproximateNumeralsAreRangesAndYearsAreNot() {
        XCTAssertEqual(range("二三十"), "20..30")
        XCTAssertEqual(range("七八十亿"), "7000000000..8000000000")
        XCTAssertEqual(range("三五百"), "300..500")
        XCTAssertEqual(range("八九亿"), "800000000..900000000")
        XCTAssertEqual(range("十二三"), "12..13")
        XCTAssertEqual(range("一万三四千"), "13000..14000")
        XCTAssertEqual(range("数十亿"), "1000000000..9000000000")
        XCTAssertEqual(range("十几"), "11..19")
        XCTAssertNil(range("一九九八"))
        XCTAssertNil(range("二〇二四"))
        XCTAssertNil(range("三千五百万"))
    }

    func testMixedDigitsSignsCapitalsAndSpokenScale() {
        func value(_ s: String) -> String? { Numerals.parse(s)?.value.description }
        XCTAssertEqual(value("二00七"), "2007")
        XCTAssertEqual(value("2〇24"), "2024")
        XCTAssertEqual(value("-3.8"), "-3.8")
        XCTAssertEqual(value("负三点八"), "-3.8")
        XCTAssertEqual(value("两个亿"), "200000000")
        XCTAssertEqual(value("壹佰贰拾叁万"), "1230000")
        XCTAssertEqual(value("四十七点三万亿"), "47300000000000")
        // A lone digit after 百/千/万/亿 is the next place down (was 10005 for 一万五).
        XCTAssertEqual(value("一万五"), "15000")
        XCTAssertEqual(value("三千五"), "3500")
        XCTAssertEqual(value("一百二"), "120")
        XCTAssertEqual(value("一亿五"), "150000000")
        XCTAssertEqual(value("一万零五"), "10005")
        XCTAssertEqual(value("一百零五"), "105")
        XCTAssertEqual(value("十五"), "15")
        XCTAssertEqual(value("三百八十六点一"), "386.1")
        // The scale a range's low end shares is the 万/亿 at the end, never 千 or 十.
        XCTAssertEqual(Numerals.parse("两千万")?.trailingScale, 4)
        XCTAssertEqual(Numerals.parse("一千")?.trailingScale, 0)
        XCTAssertEqual(Numerals.parse("三十万")?.trailingScale, 4)
    }

    func testWrongValuesOfTheIssueAreRight() throws {
        let text = "投资一千到两千万元。补助十八至三十万元。补贴从8500到3万元。提高二三十个百分点。收入八九亿。"
            + "占比百分之一 点五。单价123元1角1分。买了十五斤半。出口增长-2.2%。工业产值负增长1.5%。门票港币2960元。"
            + "体温38.5度。见issn%280024%2D9114%29%20and。投资数十亿元。"
        let records = try Fixtures.records(text)
        XCTAssertEqual(records.map(\.text), ["一千到两千万元", "十八至三十万元", "8500到3万元", "二三十个百分点", "八九亿",
                                             "百分之一 点五", "123元1角1分", "十五斤半", "-2.2%", "1.5%", "港币2960元",
                                             "38.5度", "数十亿元"])
        XCTAssertEqual(records.map { $0.value?.canonical }, ["10000000..20000000", "180000..300000", "8500..30000", "20..30",
                                                             "800000000..900000000", "1.5", "123.11", "15.5", "-2.2", "-1.5",
                                                             "2960", "38.5", "1000000000..9000000000"])
        XCTAssertEqual(records.map { $0.unit }, ["CNY", "CNY", "CNY", "pp", "CNY", "%", "CNY", "jin", "%", "%", "HKD", "deg", "CNY"])
    }

    /// A ratio is written as its two parts, never as a rounded decimal.
    func testRatioIsWrittenAsNumeratorAndDenominator() throws {
        let records = try Fixtures.records("审批时间减少三分之一。")
        XCTAssertEqual(records.map(\.text), ["三分之一"])
        var out: [UInt8] = []
        JSONLines.value(records[0].value, &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), #"{"numerator":1,"denominator":3}"#)
        XCTAssertEqual(records[0].change, "decrease")
    }

    /// Cleaning reads a PDF line break between digits and their scale, and never glues a lower-case word to
    /// the number after it (`to be 5.66` stays two words, so the number is read).
    func testLineBreaksBeforeScalesAndLowerCaseWordsBeforeNumbers() throws {
        let records = try Fixtures.records("全年投资5\n亿元。建设354 个项目。GDP is expected to be 5.66 percent.")
        XCTAssertEqual(records.map(\.text), ["5\n亿元", "354 个", "5.66 percent"])
        XCTAssertEqual(records.map { $0.value?.canonical }, ["500000000", "354", "5.66"])
    }

    /// Round two's wrong values: a digit run after a place is no numeral (三千五一 was 3051 in 房租三千五一个月),
    /// Arabic digits on both sides of a scale are one number (1万5千元 was 5000), neighbouring tenths are a
    /// range (七八成 is 70 to 80), and 上万 is a bound, never an exact count.
    func testSecondRoundWrongValuesAreRight() throws {
        XCTAssertNil(Numerals.parse("三千五一"))
        XCTAssertEqual(Numerals.parse("一千零五")?.value.description, "1005")
        let records = try Fixtures.records("房租三千五一个月。单价1万5千元。总投资3亿5千万元。占到了七八成。上万人参加。成本降了一半。")
        XCTAssertEqual(records.map(\.text), ["三千五", "1万5千元", "3亿5千万元", "七八成", "上万人", "一半"])
        XCTAssertEqual(records.map { $0.value?.canonical }, ["3500", "15000", "350000000", "70..80", "10000", "50"])
        XCTAssertEqual(records.map(\.qualifier), [nil, nil, nil, nil, "at_least", nil])
        XCTAssertEqual(records.last?.change, "decrease")
    }
}
