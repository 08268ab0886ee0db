import XCTest
@testable import TiquEmit
@testable import TiquRun

/// What a number measures (docs/RECORDS.md, `indicator`, `change`), round seven of issue 16, part two (seen on
/// two dev sets or more): the thing after `N的` when only a verb stands before, verbs with 了 or inside the
/// phrase, sums (合计) and clause openers (有人认为) that are no part of a measure.
final class IndicatorObjectTests: XCTestCase {
    func testTheThingAfterTheNumbersDeWhenOnlyAVerbStandsBefore() throws {
        // 完成了 alone, 拥有 (have) before people; 长达 with a joiner before another figure: the first noun.
        XCTAssertEqual(try Fixtures.changes("去年全县完成了将近二十亿元的农田水利投资额。他们成立了拥有一百二十人的港口工人工会。", ["将近二十亿元", "一百二十人"]),
                       ["农田水利投资额 - -", "港口工人工会 - -"])
        XCTAssertEqual(try Fixtures.changes("全年完成了长达80多公里的沿河堤坝和近百公里的乡村公路。", ["80多公里"]), ["沿河堤坝 - -"])
        // People without a verb of have take nothing after 的.
        XCTAssertEqual(try Fixtures.changes("全县解决了约十万人的饮水困难问题。", ["约十万人"]), ["- - -"])
        // A noun and a verb taking the number (形成): the thing after 的; not for people (解决…人的…问题).
        XCTAssertEqual(try Fixtures.changes("专项债券带动社会资金形成120亿元的投资规模。全县基本解决了约十万人的饮水困难问题。", ["120亿元", "约十万人"]),
                       ["投资规模 - -", "- - -"])
    }

    func testAVerbWithLeOrInsideThePhraseIsDropped() throws {
        // 动用了 and 历年 go; 开垦, 投入 are verbs of their object.
        XCTAssertEqual(try Fixtures.changes("全年支出超过收入三千万元，动用了历年结余资金二千万元，全县开垦荒地五千亩，投入专项资金800万元。", ["二千万元", "五千亩", "800万元"]),
                       ["结余资金 - -", "荒地 - -", "专项资金 - -"])
        // A change verb after a short subject: the object, an amount of change; not two verbs joined.
        XCTAssertEqual(try Fixtures.changes("全年农户减轻负担1.2亿元。县财政增加支出和减少收入共5000万元。", ["1.2亿元", "5000万元"]),
                       ["负担 decrease down", "县财政增加支出和减少收入 - -"])
    }

    func testANumberInANameHasNoModality() throws {
        // Inside quote or title marks, a number is part of a name: no indicator, no aim nor result; 15亿元 after
        // the same target cue keeps its modality.
        let rs = try Fixtures.records("今年要力争落实“稳就业12条”等政策文件，学习《农村工作十二条》，新增专项资金15亿元。")
        XCTAssertEqual(["12条", "十二条", "15亿元"].map { n in rs.first { $0.text == n }?.modality }, [nil, nil, "target"])
    }

    func testACountOfThePeopleIsActualWhenNothingDecides() throws {
        let rs = try Fixtures.records("我省有八千多万人口，全省八千万人民团结一致。")
        XCTAssertEqual(["八千多万人", "八千万人"].map { n in rs.first { $0.text == n }?.modality }, ["actual", "actual"])
    }

    func testATotalOpeningAClauseIsThatOfTheNumberBefore() throws {
        XCTAssertEqual(try Fixtures.indicators("县财政收入比上年增加15亿元，总额首次突破百亿元，达到112亿元。", ["百亿元", "112亿元"]), ["县财政收入", "县财政收入"])
        // A clause between: the total sums more than the number before; 实施总额 is no total of it either.
        XCTAssertEqual(try Fixtures.indicators("工业企业的亏损金额达四亿元，加上商业企业的亏损，总额达十多亿元。", ["十多亿元"]), [nil])
    }

    func testANewlyStartedThingIsCountedWhole() throws {
        // 新开工 opens the counted thing (开工 after 新 is no verb ending it).
        XCTAssertEqual(try Fixtures.changes("推动约50个续建项目、20个新开工项目建设。", ["20个"]), ["新开工项目 - -"])
    }

    func testSumsAndClauseOpenersAreNoPartOfTheMeasure() throws {
        XCTAssertEqual(try Fixtures.changes("五年间全县油料产量合计为三十万吨。第一个五年合计的财政收支各为二十亿元。", ["三十万吨", "二十亿元"]),
                       ["油料产量 - -", "财政收支 - -"])
        XCTAssertEqual(try Fixtures.changes("五年合计在城镇安排就业的青年达到十二万人。有人认为工程的超支竟达到40%以上。", ["十二万人", "40%以上"]),
                       ["城镇安排就业的青年 - -", "工程的超支 - -"])
    }
}
