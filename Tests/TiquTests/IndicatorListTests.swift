import XCTest
@testable import TiquEmit
@testable import TiquRun

/// What a number measures (docs/RECORDS.md, `indicator`), round five of issue 16: subjects written as a `、`
/// list, `分别` lists paired past a base year, figures no rule reads, places before a word of scope, bare
/// years, and adverbs at a phrase's end.
final class IndicatorListTests: XCTestCase {
    func testPurposeWordStaysBeforeAPhraseWithDe() throws {
        // 用于…的支出: the spending is named by what it is for, 用于 kept (also in 由A增加到B); without 的
        // after it (用于安排城镇), the purpose word goes as a lead.
        XCTAssertEqual(try Fixtures.indicators("其中用于社区养老服务的资金达3.5亿元。全区用于残疾人托养的补助资金由上年0.8亿元增加到1.1亿元。",
                                      ["3.5亿元", "0.8亿元", "1.1亿元"]),
                       ["用于社区养老服务的资金", "用于残疾人托养的补助资金", "用于残疾人托养的补助资金"])
    }

    func testSubjectsWrittenAsAListAreOneIndicator() throws {
        // The list from its first item (with the purpose word 用于 before it, past the owner), not from its
        // last 、; two verbs joined by 、 open none (INDICATOR_VERB: 新建、改扩建).
        XCTAssertEqual(try Fixtures.indicators("全市用于教育、科技、文化、卫生事业的支出达420亿元，比上年增长9.6%。先进制造、绿色能源、数字经济和现代物流投资占38.2%。新建、改扩建公园42个。",
                                      ["420亿元", "9.6%", "38.2%", "42个"]),
                       ["用于教育、科技、文化、卫生事业的支出", "用于教育、科技、文化、卫生事业的支出", "先进制造、绿色能源、数字经济和现代物流投资", "公园"])
        // A first item much longer than the others is a clause of its own: the last item alone, as before.
        XCTAssertEqual(try Fixtures.indicators("政府按时向各区拨付修路、护坡经费2亿元。", ["2亿元"]), ["护坡经费"])
        // An item holding a figure is a figure of its own list, not a subject.
        XCTAssertEqual(try Fixtures.indicators("钢产量800万吨、煤产量3000万吨。", ["800万吨", "3000万吨"]), ["钢产量", "煤产量"])
    }

    func testRespectivelyWithoutSubjectsPairsTheFiguresBeforePastABaseYear() throws {
        XCTAssertEqual(try Fixtures.indicators("全年接待游客2150万人次，旅游收入380亿元，分别为2020年的2.6倍和3.1倍。", ["2.6倍", "3.1倍"]),
                       ["游客", "旅游收入"])
    }

    func testAFigureNoRuleReadsIsNoSubjectAndTheThingAfterTheNumberIsRead() throws {
        // 五百万匹: 匹 is no unit of the rules, so the clause before holds a figure and names no subject.
        XCTAssertEqual(try Fixtures.indicators("如果多种一些蔬菜，就需要增加五百万匹的棉布供应，也就是要增加八十万担种子的生产。", ["八十万担"]), ["种子"])
    }

    func testAPlaceBeforeAWordOfScopeAndABareYearAreDropped() throws {
        XCTAssertEqual(try Fixtures.indicators("海州全市实有各类经营主体86.5万户，比上年增长4.2%。2025全年完成外贸进出口额120亿美元。",
                                      ["86.5万户", "4.2%", "120亿美元"]),
                       ["经营主体", "经营主体", "外贸进出口额"])
    }

    func testAdverbsAtThePhrasesEndAreTrimmed() throws {
        // 都 and 各 end no indicator; a list of examples ending with 等 names none.
        XCTAssertEqual(try Fixtures.indicators("小麦、玉米、大豆等都增长10%以上。年产钢和铁各200万吨。粮食和油料产量都增长5%。", ["10%以上", "200万吨", "5%"]),
                       [nil, "年产钢和铁", "粮食和油料产量"])
    }
}
