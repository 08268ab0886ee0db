import XCTest
@testable import TiquEmit
@testable import TiquRun

/// What a number measures and whether it is a change (docs/RECORDS.md, `indicator`, `change`), round seven of
/// issue 16 (seen on both dev sets): a verb opening the phrase whose object is the measure, 全国 as a word of
/// scope, numbers inside book-title marks, growth rates written as levels, a difference after a base.
final class IndicatorVerbTests: XCTestCase {
    func testALeadingVerbWhoseObjectIsTheMeasureIsDropped() throws {
        // 加固, 扫除, 颁布, 发行 name no change; 增加 makes an amount of change, 减轻 a decrease; 新增 names the
        // amount added, a level kept whole (the readers' 新增发电装机).
        XCTAssertEqual(try Fixtures.changes("今年全县加固沿江堤防45公里，扫除青年文盲800人，颁布县级规章6件。拟发行专项债券20亿元。", ["45公里", "800人", "6件", "20亿元"]),
                       ["沿江堤防 - -", "青年文盲 - -", "县级规章 - -", "专项债券 - -"])
        XCTAssertEqual(try Fixtures.changes("新增农村公路通车里程260公里。增加城乡公交线路14条。每年减轻农民负担1.5亿元。", ["260公里", "14条", "1.5亿元"]),
                       ["新增农村公路通车里程 - -", "城乡公交线路 increase up", "农民负担 decrease down"])
        // Two verbs joined (新建和改造) go together; 新增加的 stays, as 新增 does.
        XCTAssertEqual(try Fixtures.changes("新建和改造县乡电网线路3200公里。新增加的供水能力为2万吨。", ["3200公里", "2万吨"]),
                       ["县乡电网线路 - -", "新增加的供水能力 - -"])
    }

    func testAVerbKeepsAMeasureOrAClauseWhole() throws {
        // 新增城镇就业 is one measure; 减少收入的农户 names the households, not an income; a ratio keeps its verbs.
        XCTAssertEqual(try Fixtures.changes("全县新增城镇就业6500人。减少收入的农户只占3%。新建节能建筑占新建建筑比重达到60%。", ["6500人", "3%", "60%"]),
                       ["新增城镇就业 - -", "减少收入的农户 - -", "新建节能建筑占新建建筑比重 - -"])
        // 扩大和改善了: a verb joined to another keeps the phrase whole.
        XCTAssertEqual(try Fixtures.changes("扩大和改善了灌溉面积3万亩。", ["3万亩"]), ["扩大和改善了灌溉面积 - -"])
    }

    func testAVerbAloneLeavesTheCountedThing() throws {
        // 训练, 带动 alone (or ending the phrase) name nothing; 组成 ends the thing after the measure word; a
        // subject ends at 已 before a verb alone.
        XCTAssertEqual(try Fixtures.changes("为此要训练三百名农机手。县财政资金带动2亿元社会投资。由二百名青年组成的突击队出发了。读书小组已集合了二十人。",
                                ["三百名", "2亿元", "二百名", "二十人"]),
                       ["农机手 - -", "社会投资 - -", "青年 - -", "读书小组 - -"])
        // 各地已偿还拖欠工程款: after 已 a verb with its object, the subject is not cut there.
        XCTAssertEqual(try Fixtures.indicators("各乡镇已偿还拖欠工程款3亿元。", ["3亿元"]), ["各乡镇已偿还拖欠工程款"])
        // 1个多月: a duration, no indicator.
        XCTAssertEqual(try Fixtures.indicators("县城供水中断1个多月。", ["1个"]), [nil])
    }

    func testScopePriceInsertsAndTitles() throws {
        // 全国 drops as 全市 does; 全国人大 stays; a price insert at the end goes.
        XCTAssertEqual(try Fixtures.indicators("全国粮食总产量增长2.1%。全国人大代表名额为2980名。零售总额扣除价格因素增长4.4%。", ["2.1%", "2980名", "4.4%"]),
                       ["粮食总产量", "全国人大代表名额", "零售总额"])
        // A clause of a bare measure before the number's clause is its topic; a date preposition after a
        // measure ends the subject of the clause before (从5月份开始…).
        XCTAssertEqual(try Fixtures.indicators("城镇居民人均可支配收入，扣除价格因素比上年实际增长5.2%。县域出口从5月份开始明显回升，全年达到32亿美元。", ["5.2%", "32亿美元"]),
                       ["城镇居民人均可支配收入", "县域出口"])
        // 由A，提高到B: a comma between A and the verb.
        XCTAssertEqual(try Fixtures.indicators("由县里制造的部分，将由去年的百分之三十左右，提高到百分之五十左右。", ["百分之三十左右", "百分之五十左右"]),
                       ["县里制造的部分", "县里制造的部分"])
        // A number inside 《…》 is part of a title.
        XCTAssertEqual(try Fixtures.indicators("正如《二十条》中指出的那样，要抓好落实。", ["二十条"]), [nil])
    }

    func testGrowthRatesAndDifferencesAfterABase() throws {
        // A growth word and a link before a percent: an increase; aim words and, after a measure, the growth word go.
        XCTAssertEqual(try Fixtures.changes("今年的经济增长预期为5%左右。全县农业产值平均每年的增长速度都在百分之六以上。", ["5%左右", "百分之六以上"]),
                       ["经济增长 increase up", "农业产值 increase up"])
        // Aim words between the indicator and the link (预期目标为) are passed over.
        XCTAssertEqual(try Fixtures.changes("今年全县经济增长速度预期目标为6%左右。", ["6%左右"]), ["经济增长速度 increase up"])
        // 少了, 多 after 比: a difference from the base.
        XCTAssertEqual(try Fixtures.changes("县级支出比年初预算少了2.5亿元。税收收入比上年多1.2亿元。", ["2.5亿元", "1.2亿元"]),
                       ["县级支出 decrease down", "税收收入 increase up"])
    }
}
