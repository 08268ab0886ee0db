import XCTest
@testable import TiquEmit
@testable import TiquNormalize
@testable import TiquRun

/// A report with no title or date line that names the meeting it addresses (向第七届全国人民代表大会第三次会议,
/// 我代表第十五届中央委员会向大会作报告) takes that meeting's year as its document year, inferred; a meeting
/// only mentioned gives none, nor do two addressed meetings of different years.
final class PeriodMeetingTests: XCTestCase {
    func find(_ records: [Record], _ text: String) throws -> Record { try XCTUnwrap(records.first { $0.text == text }, text) }

    func fields(_ rs: [Record], _ t: String) throws -> [String?] {
        let r = try find(rs, t)
        return [r.period, r.periodEnd, r.modality, r.periodInferred ? "inferred" : nil]
    }

    /// The 7th term's 3rd session is past the table (which lists sessions to the 6th term): 1983 + 5 + 2 = 1990.
    func testASessionAddressedGivesItsYear() throws {
        let rs = try Fixtures.records("""
        各位代表：
        现在，我代表市人民政府，向第七届全国人民代表大会第三次会议作政府工作报告，请予审议。
        去年全市粮食产量增长百分之四。今年全市新建公路四百公里。
        """)
        XCTAssertEqual(try fields(rs, "百分之四"), ["1989", nil, "actual", "inferred"])
        XCTAssertEqual(try fields(rs, "四百公里"), ["1990", nil, "target", "inferred"])
    }

    /// A term named without a session is its first (向第五届全国人民代表大会作政府工作报告: 1978), and an opening
    /// written in Traditional characters reads the same (我們第一届全國人民代表大會第一次會議: 1954).
    func testATermWithoutASessionIsItsFirst() throws {
        let rs = try Fixtures.records("各位代表：\n我代表国务院，向第五届全国人民代表大会作政府工作报告。\n今年粮食产量增长百分之三。\n")
        XCTAssertEqual(try fields(rs, "百分之三"), ["1978", nil, "target", "inferred"])
        let tw = try Fixtures.records("各位代表：\n我們第一届全國人民代表大會第一次會議，已經完成了工作。\n去年鋼產量增長百分之六。\n")
        XCTAssertEqual(try fields(tw, "百分之六"), ["1953", nil, "actual", "inferred"])
    }

    /// The 15th central committee reports to the 16th congress (2002-11): a speech of November reviews its
    /// 过去五年 up to its own year. 十一届三中全会 and 十五大 are mentioned, not addressed.
    func testACommitteeReportsToTheNextCongress() throws {
        let rs = try Fixtures.records("""
        同志们：
        现在，我代表第十五届中央委员会向大会作报告。党的十一届三中全会和十五大提出的各项任务已经完成。
        过去五年，全省粮食产量增长百分之十二。今年全省要新建铁路一千公里。
        """)
        XCTAssertEqual(try fields(rs, "百分之十二"), ["1997", "2002", "actual", "inferred"])
        XCTAssertEqual(try fields(rs, "一千公里"), ["2002", nil, "target", "inferred"])
    }

    /// A congress named at the start of an opening paragraph, as its subject, is the one addressed (中国共产党
    /// 第九次全国代表大会，将是…: 1969).
    func testACongressOpeningAParagraphIsAddressed() throws {
        let rs = try Fixtures.records("同志们！\n中国共产党第九次全国代表大会，将是一次重要的大会。\n今年粮食产量增长百分之五。\n")
        XCTAssertEqual(try fields(rs, "百分之五"), ["1969", nil, "target", "inferred"])
    }

    /// 从第五届全国人民代表大会第三次会议到现在 only mentions a meeting; two addressed meetings of different
    /// years disagree: neither gives a year.
    func testAMentionOrADisagreementGivesNoYear() throws {
        let mention = try Fixtures.records("各位代表：\n从第五届全国人民代表大会第三次会议到现在，已经过去了一年。\n今年粮食产量增长百分之三。\n")
        XCTAssertEqual(try fields(mention, "百分之三"), [nil, nil, nil, nil])
        let two = try Fixtures.records("各位代表：\n我代表国务院向第六届全国人民代表大会第一次会议作报告，又向第六届全国人民代表大会第二次会议作报告。\n今年粮食产量增长百分之三。\n")
        XCTAssertEqual(try fields(two, "百分之三"), [nil, nil, nil, nil])
    }

    /// A meeting dated by a `period` word of one year right before it, anywhere in the text, dates the
    /// document: 去年召开的党的第十四次全国代表大会 (1992) → 1993; 从去年9月第七届全国人民代表大会第二次会议 (1989)
    /// → 1990; 今年党的十五大 (September 1997) → 1997, late, so 过去五年 runs to 1997.
    func testAMeetingDatedByAPeriodWordDatesTheDocument() throws {
        let last = try Fixtures.records("各位代表：\n现在，我代表市人民政府作工作报告。\n去年召开的党的第十四次全国代表大会提出了新的任务。今年粮食产量增长百分之三。\n")
        XCTAssertEqual(try fields(last, "百分之三"), ["1993", nil, "target", "inferred"])
        let month = try Fixtures.records("各位代表：\n从去年9月第七届全国人民代表大会第二次会议到现在，全市新建学校十二所。\n今年粮食产量增长百分之四。\n")
        XCTAssertEqual(try fields(month, "百分之四"), ["1990", nil, "target", "inferred"])
        let now = try Fixtures.records("同志们：\n今年党的十五大以后，全省工作有了新的进展。\n过去五年，全省粮食产量增长百分之十二。\n")
        XCTAssertEqual(try fields(now, "百分之十二"), ["1992", "1997", "actual", "inferred"])
    }

    /// The tables of rules/patterns/meetings.yaml load, and a term or congress past them is extrapolated:
    /// term N session k from the 6th on is 1983 + 5(N−6) + (k−1); congress N past the 20th, 2022 + 5(N−20).
    func testTheMeetingTablesLoad() throws {
        let m = MeetingWords(Fixtures.shipped.ruleSet.lexicon)
        XCTAssertEqual(m.sessions.count, 21)
        XCTAssertEqual(m.congresses.count, 20)
        XCTAssertEqual(m.held(term: 1, session: 1).map { [$0.year, $0.month] }, [1954, 9])
        XCTAssertEqual(m.held(term: 5, session: 4).map { [$0.year, $0.month] }, [1981, 11])
        XCTAssertEqual(m.held(term: 14, session: 3).map { [$0.year, $0.month] }, [2025, 3])
        XCTAssertNil(m.held(term: 2, session: 5))
        XCTAssertEqual(m.held(congress: 13).map { [$0.year, $0.month] }, [1987, 10])
        XCTAssertEqual(m.held(congress: 21).map { [$0.year, $0.month] }, [2027, 10])
    }
}
