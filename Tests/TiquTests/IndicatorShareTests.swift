import XCTest
@testable import TiquEmit
@testable import TiquRun

/// What a number measures (docs/RECORDS.md, `indicator`), round five of issue 16, part two: shares (`占…的`,
/// `完成了…的`, `N%的…`), subjects cut at an adverb, a base or 在, those counted named with 的, conjunctions
/// trimmed, and lists of examples named by their kind.
final class IndicatorShareTests: XCTestCase {
    func testASharePartOfWhatTheNumberBeforeOrItsSubjectMeasures() throws {
        // ，占…的: the number before's indicator; X占…的, X完成了…的: X.
        XCTAssertEqual(try Fixtures.indicators("全县城乡建设支出为8亿元，占预算支出总数的21.4%。县属企业利润收入占全部收入的35.2%。全县粮食总产量完成了年度计划的103%。",
                                      ["21.4%", "35.2%", "103%"]),
                       ["城乡建设支出", "县属企业利润收入", "粮食总产量"])
        // A percent (or a fraction) followed by 的 and a short thing that a verb or the clause's end closes is a
        // share of it.
        XCTAssertEqual(try Fixtures.indicators("全县80%的行政村建成文化广场。全县76%的乡普及了学前教育。把三分之一的企业建成示范企业。", ["80%", "76%", "三分之一"]),
                       ["行政村", nil, "企业"])
        // A base year with a short word of its own (决算数) ends the phrase before it, past a date at its head.
        XCTAssertEqual(try Fixtures.indicators("2025年县级税收收入比2024年决算数增长6.3%。", ["6.3%"]), ["县级税收收入"])
    }

    func testASubjectEndsAtAnAdverbABaseOrZaiAfterAMeasure() throws {
        XCTAssertEqual(try Fixtures.indicators("生猪出栏量比年度计划多4.5%。县财政连续五年累计投入2.6亿元。蔬菜产量在三年内达到80万吨。县预算规定科技事业支出为1.2亿元。",
                                      ["4.5%", "2.6亿元", "80万吨", "1.2亿元"]),
                       ["生猪出栏量", "县财政", "蔬菜产量", "科技事业支出"])
        // 在校 is a word, read past whole; a year without 年 is no indicator.
        XCTAssertEqual(try Fixtures.indicators("全县在校学生达到5.2万人。一九九○比一九八五年增加十二亿元。", ["5.2万人", "十二亿元"]), ["在校学生", nil])
    }

    func testThoseCountedNamedWithDeAndConjunctionsTrimmed() throws {
        XCTAssertEqual(try Fixtures.indicators("参加技能培训的有3200人。赞成新方案的是百分之八十。而县域工业增加值增长7.5%。尽管常住人口减少2%，但财政收入增长5%。",
                                      ["3200人", "百分之八十", "7.5%", "2%", "5%"]),
                       ["参加技能培训的", "赞成新方案的", "县域工业增加值", "常住人口", "财政收入"])
    }

    func testAFigureNoRuleReadIsNoPartOfAnIndicatorButScalesAreAndForecastsAreTrimmed() throws {
        // 两年合计 after a year without 年: none; 千亿级 (scales alone) names a class; 预计 ends no indicator.
        XCTAssertEqual(try Fixtures.indicators("二○二四和二○二五两年合计达到300亿元。培育8个千亿级产业集群。社会消费品零售总额预计增长6%。",
                                      ["300亿元", "8个", "6%"]),
                       [nil, "千亿级产业集群", "社会消费品零售总额"])
    }

    func testThingsAfterTheNumberAndLongPhrasesNamedByTheirHead() throws {
        XCTAssertEqual(try Fixtures.indicators("有长期合作关系和技术往来的城市和地区达到六十多个。团结全县五十万人民。问题清单有二十条之多。十个月来县域经济稳中有进。",
                                      ["六十多个", "五十万人", "二十条", "十个月"]),
                       ["城市和地区", "人民", "问题清单", nil])
    }

    func testAListOfExamplesTooLongIsNamedByItsKindAndParenthesesStayInASubject() throws {
        XCTAssertEqual(try Fixtures.indicators("用于道路、桥梁、涵洞、隧道、码头、机场和停车场等交通设施的支出为6亿元。水泥和钢材（折合）分别达到120万吨和30万吨。",
                                      ["6亿元", "120万吨", "30万吨"]),
                       ["交通设施的支出", "水泥", "钢材(折合)"])
        // A first item joined by 和 to a noun before it is measured from 和: the list stays whole.
        XCTAssertEqual(try Fixtures.indicators("行政管理费和公安、司法、检察费共为2.1亿元。", ["2.1亿元"]), ["行政管理费和公安、司法、检察费"])
    }
}
