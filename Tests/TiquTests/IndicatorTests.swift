import XCTest
@testable import TiquEmit
@testable import TiquRun

/// What a number measures (docs/RECORDS.md, `indicator`), round four of issue 16: the subject of a clause
/// before one that has none, the counted thing after the measure word, phrases cut at their verbs and kept
/// whole with their quoted words, names of ratios, and numbers that measure nothing named.
final class IndicatorTests: XCTestCase {
    func testAClauseWithoutASubjectTakesTheSubjectOfTheClauseBefore() throws {
        // No number stands before in the sentence: the subject before the predicate (屡创, 连续…下降), or the
        // object of a clause opened by its verb (要逐年适当增加…).
        XCTAssertEqual(try Fixtures.indicators("蔬菜产量屡创新高，去年达到860万吨。外贸逆差连续三年下降，2021年比上年减少3.2%。要逐年适当增加市级预算内科技投资，今年拟先增加8亿元。",
                                      ["860万吨", "3.2%", "8亿元"]),
                       ["蔬菜产量", "外贸逆差", "市级预算内科技投资"])
        // A comparison base is no indicator (比五年前, 比年初): the number before speaks for it.
        XCTAssertEqual(try Fixtures.indicators("全市养老保险基金积累320亿元，比五年前增加150多亿元。年末金融机构存款余额达2.1万亿元，比年初增加1800亿元。",
                                      ["320亿元", "150多亿元", "1800亿元"]),
                       ["养老保险基金", "养老保险基金", "金融机构存款余额"])
        // A clause whose subject is no measure and whose predicate changes nothing gives none of its own.
        XCTAssertEqual(try Fixtures.indicators("为了避免在财政上出现赤字，行政经费比上年减少5%。", ["5%"]), ["行政经费"])
    }

    func testTheCountedThingAfterTheMeasureWord() throws {
        XCTAssertEqual(try Fixtures.indicators("全省45个脱贫县全部摘帽。本市成为30多个国家和地区的友好城市。全区7个镇（街）将作表态发言。推动25个储备项目建设。本省有8000多万人口。",
                                      ["45个", "30多个", "7个", "25个", "8000多万人"]),
                       ["脱贫县", "国家和地区", "镇(街)", "储备项目", "人口"])
        // A joiner before another figure ends the thing; one before a noun of one character is not a second noun.
        XCTAssertEqual(try Fixtures.indicators("改造120所乡镇卫生院和80所社区卫生服务中心。落实上面讲过的十二条措施及其要求。", ["120所", "十二条"]),
                       ["乡镇卫生院", "措施"])
    }

    func testPhrasesAreCutAtTheirVerbsAndTrimmedOfAdverbs() throws {
        XCTAssertEqual(try Fixtures.indicators("全市通过多种渠道使用外资12亿美元。省里提出今年经济增长预期目标为6%左右。市财政将投入9亿元。社会融资规模增长目标为11%。棉花产量只有40万吨。医疗保险覆盖960万人。",
                                      ["12亿美元", "6%左右", "9亿元", "11%", "40万吨", "960万人"]),
                       ["外资", "经济增长", "市财政", "社会融资规模", "棉花产量", "医疗保险"])
        // 五年内 is a time word whole, not 五年 and 内; two verbs joined go together (INDICATOR_VERB: 新建和加固).
        XCTAssertEqual(try Fixtures.indicators("五年内全市国有企业技术改造投资总规模为900亿元。新建和加固海堤320公里。", ["900亿元", "320公里"]),
                       ["国有企业技术改造投资总规模", "海堤"])
    }

    func testQuotedWordsStayInTheIndicatorAndQuotedNumbersMeasureNothing() throws {
        XCTAssertEqual(try Fixtures.indicators("市财政“菜篮子”投入累计近90亿元，年均增幅超过12%。大会提出的“十二个坚持”概括了主要经验。用好“稳增长12条”等政策文件。",
                                      ["近90亿元", "超过12%", "十二个", "12条"]),
                       ["市财政“菜篮子”投入", "市财政“菜篮子”投入", nil, nil])
    }

    func testNamesOfRatiosAndTwoMeasuresJoined() throws {
        XCTAssertEqual(try Fixtures.indicators("数字经济快速发展，在地区生产总值中占比提高1.8个百分点。全社会研发经费支出占地区生产总值比重达到3.1%。城镇居民人均可支配收入和农村居民人均纯收入年均实际增长超过6%。",
                                      ["1.8个百分点", "3.1%", "超过6%"]),
                       ["数字经济在地区生产总值中占比", "全社会研发经费支出占地区生产总值比重", "城镇居民人均可支配收入和农村居民人均纯收入"])
    }

    func testNumbersThatMeasureNothingNamedHaveNoIndicator() throws {
        // 每50公斤 is the basis of a price; 不负, 站立在 take the number as their object; 受益 ends the clause.
        XCTAssertEqual(try Fixtures.indicators("小麦最低收购价每50公斤提高3元。以“不负十四亿”的担当攻坚克难。站立在十万平方公里的土地上。全市有120多万人受益。",
                                      ["50公斤", "十四亿", "十万平方公里", "120多万人"]),
                       [nil, nil, nil, nil])
    }

    func testADateAfterFromOrAtLeavesTheIndicatorBeforeIt() throws {
        let rs = try Fixtures.records("积累率在2010年高达35%，“十二五”期间平均降到30%左右。财政投入从2016年的20亿元增加到 2020年的55亿元。")
        func r(_ n: String) throws -> Record { try XCTUnwrap(rs.first { $0.text == n }, n) }
        XCTAssertEqual(try ["35%", "30%左右", "20亿元", "55亿元"].map { try r($0).indicator }, ["积累率", "积累率", "财政投入", "财政投入"])
        // A space between the verb and the level's own time (增加到 2020年的) still makes 从A增加到B.
        XCTAssertEqual([try r("55亿元").from?.canonical, try r("20亿元").to?.canonical, try r("55亿元").direction], ["2000000000", "5500000000", "up"])
    }

    func testAFirstClauseWithoutASubjectTakesTheSentenceBefore() throws {
        XCTAssertEqual(try Fixtures.indicators("四是，居民储蓄大幅度增加。2025年末达到860亿元，比2020年末增长一倍。", ["860亿元", "一倍"]), ["居民储蓄", "居民储蓄"])
    }

    func testOutputGrownIsAChangeAndZhongInsideACountedThing() throws {
        let rs = try Fixtures.records("粮食总产量达到620万吨，比上年增产12万吨。改造120所乡镇卫生院、40所县中医院和30所县妇幼保健院。")
        let grown = try XCTUnwrap(rs.first { $0.text == "12万吨" })
        XCTAssertEqual([grown.change, grown.indicator], ["increase", "粮食总产量"])
        XCTAssertEqual(try XCTUnwrap(rs.first { $0.text == "40所" }).indicator, "县中医院")
    }

    func testWhatABudgetSpendsIsNamedAfterItsVerb() throws {
        // 拟安排资金: the funds, not the spender; 将投入 with nothing after the amount: the spender; a verb
        // after an amount of money says what it is for, not what it is.
        XCTAssertEqual(try Fixtures.indicators("市财政拟安排资金6亿元，比上年增加1亿元。市财政将投入8亿元。省财政拟投入15亿元用于促进就业。今年拟发行30亿元专项债券。",
                                      ["6亿元", "1亿元", "8亿元", "15亿元", "30亿元"]),
                       ["资金", "资金", "市财政", "省财政", "专项债券"])
        // 人均 and a price's unit (每斤) end no indicator; a 分别 list shares 最低收购价.
        XCTAssertEqual(try Fixtures.indicators("扶贫标准提高到人均2300元。今年早籼稻、晚籼稻最低收购价平均每斤分别提高0.05元和0.06元。",
                                      ["2300元", "0.05元", "0.06元"]),
                       ["扶贫标准", "早籼稻最低收购价", "晚籼稻最低收购价"])
    }

    func testCueWordsInsideANameOrAQuotedPolicyDecideNoModality() throws {
        let rs = try Fixtures.records("人均预期寿命增长到80.1岁。为落实“六个确保”，市财政支出35亿元。")
        XCTAssertEqual(try ["80.1岁", "35亿元"].map { n in try XCTUnwrap(rs.first { $0.text == n }, n).modality }, [nil, nil])
    }

    func testAListOfExamplesOrAVerbBeforeACountNamesTheThingAfterIt() throws {
        // 钢铁、化工等 gives examples of the counted thing; 和 and a verb (统筹, 推进) leave the phrase unnamed;
        // 级 after a numeral and 主要 are inside the thing; 发展 and 结构调整 end it.
        XCTAssertEqual(try Fixtures.indicators("制定钢铁、化工等9个行业结构调整的工作方案。邀请市发展改革委等5位市有关部门主要负责人，听取意见。培育若干百亿级产业和超50个十亿级骨干企业。统筹15条重点产业链发展。全市计划推进86个老旧小区改造项目。",
                                      ["9个", "5位", "超50个", "15条", "86个"]),
                       ["行业", "市有关部门主要负责人", "十亿级骨干企业", "重点产业链", "老旧小区改造项目"])
        // An example list before a percent names nothing at all.
        XCTAssertEqual(try Fixtures.indicators("钢材、水泥等增长6%。", ["6%"]), [nil])
    }

    func testAnAmountBeforeJiIsASizeClassAndIssuedDebtIsNamedAfterItsVerb() throws {
        XCTAssertEqual(try Fixtures.indicators("巩固提升三千亿级电子信息产业集群，新签约一批20亿级大项目。省政府增发200亿元地方债券，市财政增发50亿元专项债加强基础设施建设。",
                                      ["三千亿", "20亿", "200亿元", "50亿元"]),
                       [nil, nil, "地方债券", "专项债"])
    }

    func testASumIsNoLevelOfTheRatioBeforeIt() throws {
        XCTAssertEqual(try Fixtures.indicators("政府对科技的投入比重由去年的3.1%提高到3.5%，加上其他各项资金，总额达到86亿元。", ["3.5%", "86亿元"]),
                       ["政府对科技的投入比重", nil])
    }

    func testADateAfterDaoLeavesTheIndicatorBeforeItAndStartedOrCutWorkEndsIt() throws {
        XCTAssertEqual(try Fixtures.indicators("地区生产总值到2030年力争比2020年翻一番。沿江堤防加固工程开工120公里。企业办事材料压缩30%以上。",
                                      ["翻一番", "120公里", "30%以上"]),
                       ["地区生产总值", "沿江堤防加固工程", "企业办事材料"])
        XCTAssertEqual(try Fixtures.indicators("实现人均地区生产总值到2030年比2020年翻一番。", ["翻一番"]), ["人均地区生产总值"])
    }

    func testZaiOpeningAPlaceNamesNothingAndPlanAndYearWordsAreTrimmed() throws {
        // 在这方面 is a place in the argument, 在校 a word; 计划 is an aim word (not in 计划生育); 内 goes only
        // right after a date (2027年内), never from 内河.
        XCTAssertEqual(try Fixtures.indicators("在这方面投入60亿元。在校学生达到5200人。计划粮食产量达到3600万吨。计划生育合格率达到96%。力争2027年内跨境电商进出口额突破30亿元。内河航道货运量增长5%。",
                                      ["60亿元", "5200人", "3600万吨", "96%", "30亿元", "5%"]),
                       [nil, "在校学生", "粮食产量", "计划生育合格率", "跨境电商进出口额", "内河航道货运量"])
        // Before a verb of `have`, the phrase opened by 在 is what the number counts.
        XCTAssertEqual(try Fixtures.indicators("在线学习的人数有120万人。", ["120万人"]), ["在线学习的人数"])
    }

    func testSamePeriodIsABaseAndVerbsBeforeACountLeaveTheThingAfterIt() throws {
        // 比去年同期 is a comparison base; 团结, 包括, 多种 take the number as object; 或者 ends a counted thing.
        // 95%以上的群众: a share of the people written after it (round five: the thing after 的).
        XCTAssertEqual(try Fixtures.indicators("上半年社会消费品零售总额为860亿元，比去年同期增长8%。要团结95%以上的群众。其中包括12个续建项目。多种20万亩油菜。全年粮食总产达到九十亿斤，每人平均三百斤或者稍多一点。",
                                      ["8%", "95%以上", "12个", "20万亩", "三百斤"]),
                       ["社会消费品零售总额", "群众", "续建项目", "油菜", nil])
    }

    func testAMeasureRightBeforeADateIsTheIndicator() throws {
        // No 在/从 between: the date is the period and the measure before it the indicator, when only a base
        // (比2016年) or a verb (达到) follows the date.
        XCTAssertEqual(try Fixtures.indicators("全市工业总产值2017年比2016年增长14.3%，2018年又比2017年增长13.5%。预算外资金2025年达到190亿元。",
                                      ["14.3%", "13.5%", "190亿元"]),
                       ["工业总产值", "工业总产值", "预算外资金"])
    }
}
