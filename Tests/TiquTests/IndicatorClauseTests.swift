import XCTest
@testable import TiquEmit
@testable import TiquRun

/// What a number measures (docs/RECORDS.md, `indicator`), round eight of issue 16: a clause with its own
/// subject and verb before the number names nothing; the thing counted after the number does; adverbs and
/// quarters at a phrase's ends go.
final class IndicatorClauseTests: XCTestCase {
    func testAVerbWhoseObjectIsTheNumberLeavesTheThingAfterIt() throws {
        // 涌现出 cuts like 使用; a count of times (次) names the thing after it, past 重大的.
        XCTAssertEqual(try Fixtures.indicators("去年全县涌现出优秀科技成果一百二十多项。县里经历了十次重大的洪水。", ["一百二十多项", "十次"]),
                       ["优秀科技成果", "重大的洪水"])
        // A change verb alone before a thing named after the number: that thing, not the clause before.
        XCTAssertEqual(try Fixtures.changes("只要每亩多收十斤，全县每年就可以至少增产三百万斤食油。", ["三百万斤"]), ["食油 increase up"])
        // 所 and a verb end the counted thing.
        XCTAssertEqual(try Fixtures.indicators("一万吨钢材所创造的价值不高。", ["一万吨"]), ["钢材"])
    }

    func testAdverbsAndQuartersAtThePhrasesEndsGo() throws {
        // A quarter after the measure goes; a quarter alone speaks of the number before.
        XCTAssertEqual(try Fixtures.indicators("全县工业产值第一季度下降0.5%，第二季度增长1.2%。", ["0.5%", "1.2%"]), ["工业产值", "工业产值"])
        // 可能 at the end, 近三年 and 相应地 at the start.
        XCTAssertEqual(try Fixtures.indicators("积累率可能进一步降到25%左右。近三年全县新建校舍达九万平方米。", ["25%左右", "九万平方米"]),
                       ["积累率", "校舍"])
    }

    func testTheTopicBeforeAColonOpeningTheSentence() throws {
        // The topic speaks for a number whose clause names nothing, past clauses of unread figures (匹).
        XCTAssertEqual(try Fixtures.indicators("油菜籽：达到九百万担，增长百分之二十。花布：从一千万匹增加到一千五百万匹，增长零点五倍。",
                                      ["九百万担", "百分之二十", "零点五倍"]), ["油菜籽", "油菜籽", "花布"])
        // A clause between with a subject of its own (and a date): not the topic.
        XCTAssertEqual(try Fixtures.indicators("商业方面：二〇二四年社会商品零售总额，比上一年增加五亿元。", ["五亿元"]), [nil])
    }

    func testTwoMonthsJoinedAfterJinnianArePast() throws {
        // 今年1到10月, 今年1－10月: a part of the year already past, a result; 今年到年底 is still to come.
        let rs = try Fixtures.records("2024年12月\n\n城乡居民储蓄存款今年1到10月增加了九十五亿元，今年1－10月新增就业四十万人，今年到年底还将增加二十亿元。")
        XCTAssertEqual(["九十五亿元", "四十万人"].map { n in rs.first { $0.text == n }?.modality }, ["actual", "actual"])
        XCTAssertNotEqual(rs.first { $0.text == "二十亿元" }?.modality, "actual")
    }

    func testTheBasesOwnValueIsOfTheBasesYear() throws {
        // 比二〇二〇年的二百七十亿元: the base's value, period 2020, no base of its own; the indicator of the number before.
        let rs = try Fixtures.records("二〇二四年县工业总产值达到六百五十亿元，比二〇二〇年的二百七十亿元增长一倍多。")
        let v = try XCTUnwrap(rs.first { $0.text == "二百七十亿元" })
        XCTAssertEqual([v.period, v.base, v.indicator], ["2020", nil, "县工业总产值"])
        XCTAssertEqual(rs.first { $0.text == "一倍" }?.base, "2020")
        // The change after the base's value in its clause speaks of the same thing.
        XCTAssertEqual(rs.first { $0.text == "一倍" }?.indicator, "县工业总产值")
    }

    func testAShareAloneAndABareMeasureBefore() throws {
        // 占 alone opening the clause: a share of what the number before measures; 完成 opens the thing done.
        XCTAssertEqual(try Fixtures.indicators("农业部门为二百亿元，占百分之五十八点二。全年完成300亿元城市更新投资。", ["百分之五十八点二", "300亿元"]),
                       ["农业部门", "城市更新投资"])
        // 存款 ends a measure: the bare clause before is the topic; 实现了 cuts, 本世纪末 leads.
        XCTAssertEqual(try Fixtures.indicators("城乡居民的储蓄存款，今年1到10月增加了九十五亿元。提前实现了本世纪末县域生产总值比2010年翻两番的目标。", ["九十五亿元", "翻两番"]),
                       ["城乡居民的储蓄存款", "县域生产总值"])
    }

    func testDuiOpensAPhraseAsYongyuDoes() throws {
        // 对 goes, but stays before a phrase holding 的; 调控目标 is a tail.
        XCTAssertEqual(try Fixtures.indicators("明年要对年综合能耗1万吨标准煤以上的企业加强管理。全县对周边国家的出口额只占百分之一。今年全社会固定资产投资调控目标为300亿元。",
                                      ["1万吨标准煤以上", "百分之一", "300亿元"]), ["年综合能耗", "对周边国家的出口额", "全社会固定资产投资"])
    }

    func testNowMayStandBetweenTheVerbAndB() throws {
        // 减少到现在的B: B is linked to A and takes its indicator.
        let rs = try Fixtures.records("全县小铁厂由四百六十六个减少到现在的二百七十六个。")
        let b = try XCTUnwrap(rs.first { $0.text == "二百七十六个" })
        XCTAssertEqual([b.indicator, b.direction], ["小铁厂", "down"])
    }

    func testTheLastYearOfABaseFrameIsNoPeriod() throws {
        // 与去年同期相比 and 比去年同期 are bases year on year; their 去年 is no period.
        let rs = try Fixtures.records("与去年同期相比，全县工业产值第一季度下降0.5%。全县财政收入比去年同期增长6%。")
        XCTAssertEqual(rs.first { $0.text == "0.5%" }?.period, nil)
        XCTAssertEqual(rs.first { $0.text == "6%" }?.base, "yoy")
    }
}
