import Foundation
import XCTest
@testable import TiquNumbers

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
