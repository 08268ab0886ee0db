import XCTest
@testable import TiquEmit
@testable import TiquRun

/// What a number measures (docs/RECORDS.md, `indicator`), round five of issue 16, part B (fixed from the second
/// dev set): a count names the thing after its measure word rather than the clause before; words of a plan or
/// a cut trimmed at the phrase's ends.
final class IndicatorCountTests: XCTestCase {
    func testACountNamesTheThingAfterItsMeasureWord() throws {
        // The phrase before (县政府向县人大常委会提交, 相继开放沿江) is the clause that counts, not the thing counted.
        XCTAssertEqual(try Fixtures.indicators("县政府向县人大常委会提交12件地方性法规议案。去年我们相继开放沿江12个港口。", ["12件", "12个"]),
                       ["地方性法规议案", "港口"])
        // 来 after the thing's first character is inside a word (未来产业), not the 来 of 十个月来.
        XCTAssertEqual(try Fixtures.indicators("前瞻布局低空经济、量子科技等5个未来产业赛道。我们提出重点打造9个未来产业和6个服务业集群。", ["5个", "9个", "6个"]),
                       ["未来产业赛道", "未来产业", "服务业集群"])
        // 以外, 之外 end the counted thing (除上述8项任务以外).
        XCTAssertEqual(try Fixtures.indicators("除上述8项任务以外，还要办好民生实事。", ["8项"]), ["任务"])
    }

    func testPlanAndCutWordsTrimmedAtTheEnds() throws {
        // 计划 goes after a measure only (总面积计划); 年度计划 stays a plan, and a share of it names none here.
        XCTAssertEqual(try Fixtures.indicators("全县稻谷播种总面积计划达到三十二万亩。棉花产量拟定为四万五千担。全县完成年度计划的105%。",
                                      ["三十二万亩", "四万五千担", "105%"]),
                       ["稻谷播种总面积", "棉花产量", nil])
        // 由, 削减, 原定为 open the phrase; 原定, 超过 and 将 close it (将超过原定比2020年翻一番).
        XCTAssertEqual(try Fixtures.indicators("由县财政投资造林二千亩。削减行政经费支出3亿元。县域生产总值原定为年均增长百分之六。农业产值将超过原定比2020年翻一番的要求。",
                                      ["二千亩", "3亿元", "百分之六", "翻一番"]),
                       ["县财政投资造林", "行政经费支出", "县域生产总值", "农业产值"])
        // 达到或者超过: a phrase ending with 或者 is a verb's, and names nothing.
        XCTAssertEqual(try Fixtures.indicators("全县粮食亩产已经达到或者超过一千斤。", ["超过一千斤"]), [nil])
    }
}
