import PCRE2
import TiquText

/// The cue words the normalizer reads around every number, loaded from the word lists of `rules/`
/// (`patterns/context.yaml`, and `CHANGE` of `patterns/lexicon.yaml`): no Chinese word is
/// written in Swift, so an author extends them without touching code. Validated when the rules load.
/// A class: the readers hold it and are made for every number, and a struct of some fifty lists was
/// copied with each (a retain and a release of every list).
public final class ContextWords: Sendable {
    /// Verbs that make a number a change (`增长`) → `increase`/`decrease`, longest first.
    public let changeVerbs: ByteWords
    public let changeMeaning: [[UInt8]: String]
    /// Written between the verb and the number and skipped: `分别为`, `达到`, `为` (`增速为6%`).
    public let changeLinks: ByteWords
    /// `到`/`至` right before the number: `提高到60%` (and, with 从/由 before A, `从A提高到B`).
    public let changeTo: ByteWords
    /// An aspect particle after the verb (`增加了`).
    public let changeAspect: ByteWords
    /// `同比` in the clause before the number (the clause ends at `change_clause_break`): year on year.
    public let yoy: ByteWords
    public let changeClauseBreak: ScalarSet
    /// `从`/`由` before A in `从A提高到B`, and what may stand between A and the verb (`的`).
    public let fromMarkers: ByteWords
    public let fromLinks: ByteWords
    /// Written inside a number (`1500多亿`, `两千多`) → its qualifier (`more_than`).
    public let innerQualifiers: [Unicode.Scalar: String]
    /// The scalars of `innerQualifiers`, tested without hashing (a number with none is read as written).
    public let innerQualifierScalars: ScalarSet
    /// Modality cues (`力争` → target, `过去一年` → actual) and period words (`去年` → -1), as bytes.
    public let modality: [(bytes: [UInt8], meaning: String)]
    public let period: [(bytes: [UInt8], meaning: String)]
    /// Heading words that give a block's numbers their modality (`目标` → target, `回顾` → actual).
    public let headingModality: [(bytes: [UInt8], meaning: String)]
    /// Indicator trimming: words dropped from its start and its end, and endings that are no indicator (`的`).
    public let indicatorLead: ByteWords
    public let indicatorTail: ByteWords
    public let indicatorNotEnd: ByteWords
    /// Punctuation that ends a clause (the indicator stands after the last one).
    public let clauseBoundary: ScalarSet
    /// Cues read last (`比上年`, `安排`), masking the `modality` cues inside them, and paragraph openings that
    /// give a block of paragraphs its modality (`过去一年`, `主要预期目标`).
    public let weakModality: ByteWords
    public let blockModality: ByteWords
    public let modalityWords: ByteWords
    public let meaning: [String: [[UInt8]: String]]
    /// `meaning` of the categories the readers ask for every number, each a table of its own.
    public let meanings: MeaningTables
    /// Indicators: words never one alone (`预算`), verbs ending a counted thing after its measure word.
    public let indicatorNotAlone: ByteWords
    public let indicatorAfterStop: ByteWords
    /// Indicators: verbs inside the phrase after which it starts (`使用`), what ends a subject (`连续`), what
    /// ends a counted thing after its measure word (`建设`), and words a unit starts (`人口`).
    public let indicatorCut: ByteWords
    public let predicateStart: ByteWords
    public let indicatorAfterTail: ByteWords
    public let unitWords: ByteWords
    /// Before a date at the head of a number's clause (`从`, `在`): the indicator is written before them
    /// (`积累率在1978年高达36.5%`).
    public let datePrepositions: ByteWords
    /// Endings of a measure (`产量`, `率`, `投入`): a phrase ending with one names what a number measures.
    public let measureEnds: ByteWords
    /// Lists of figures (`、`, `和`) and `分别`, which pairs them with the subjects before it.
    public let listJoiners: ByteWords
    public let respectively: ByteWords
    /// The measure a `分别` list writes once, after its last subject (`增加值`), and what after `今年` makes
    /// it a part of the year already past (`1月`, `以来`, `上半年`).
    public let sharedTail: ByteWords
    public let yearPart: ByteWords
    /// Right after a span of years, its last year (`“十四五”期末`).
    public let spanEnd: ByteWords
    /// Verbs of a level reached (`降至`), and time words between such a verb and its number (`去年底`).
    public let levelVerbs: ByteWords
    public let levelTime: ByteWords
    /// The comparison base: words (`比上年` → previous_year) and markers before a year (`比2010年`).
    public let baseWords: ByteWords
    public let baseMarkers: ByteWords
    /// What follows a year's digits (`年`).
    public let yearMark: ByteWords
    /// Quote marks removed from a project name wherever they stand, and title marks trimmed at its ends.
    public let nameQuotes: Set<Character>
    public let nameTitleMarks: Set<Character>
    /// Verbs opening an indicator whose object the number measures (`新增`, `加固`), the words of a growth
    /// rate written as a level (`增长速度`, `为`), and a difference after a comparison base (`少了`).
    public let indicatorVerbs: ByteWords
    public let growthRate: ByteWords
    public let baseDifference: ByteWords

    /// The categories read here, each with the file an author adds its words to.
    static let required: [(category: String, file: String)] = [
        ("change", "patterns/lexicon.yaml"), ("change_link", "patterns/context.yaml"), ("change_to", "patterns/context.yaml"),
        ("change_aspect", "patterns/context.yaml"), ("yoy", "patterns/context.yaml"), ("change_clause_break", "patterns/context.yaml"), ("from_marker", "patterns/context.yaml"),
        ("from_link", "patterns/context.yaml"), ("inner_qualifier", "patterns/context.yaml"), ("modality", "patterns/context.yaml"),
        ("period", "patterns/context.yaml"), ("heading_modality", "patterns/context.yaml"),
        ("period_span", "patterns/context.yaml"), ("npc_session", "patterns/meetings.yaml"), ("party_congress", "patterns/meetings.yaml"),
        ("meeting_name", "patterns/meetings.yaml"), ("meeting_mark", "patterns/meetings.yaml"), ("meeting_address", "patterns/meetings.yaml"),
        ("indicator_lead", "patterns/context.yaml"), ("indicator_tail", "patterns/context.yaml"),
        ("indicator_not_end", "patterns/context.yaml"), ("clause_boundary", "patterns/context.yaml"),
        ("name_quote", "patterns/context.yaml"), ("name_title_mark", "patterns/context.yaml"),
        ("weak_modality", "patterns/context.yaml"), ("block_modality", "patterns/context.yaml"),
        ("indicator_not_alone", "patterns/context.yaml"), ("indicator_after_stop", "patterns/context.yaml"),
        ("list_joiner", "patterns/context.yaml"), ("respectively", "patterns/context.yaml"), ("level_verb", "patterns/context.yaml"),
        ("level_time", "patterns/context.yaml"), ("base_word", "patterns/context.yaml"), ("base_marker", "patterns/context.yaml"),
        ("year_mark", "patterns/context.yaml"), ("shared_tail", "patterns/context.yaml"), ("year_part", "patterns/context.yaml"),
        ("span_end", "patterns/context.yaml"), ("indicator_cut", "patterns/context.yaml"),
        ("predicate_start", "patterns/context.yaml"), ("indicator_after_tail", "patterns/context.yaml"),
        ("unit_word", "patterns/context.yaml"), ("date_preposition", "patterns/context.yaml"),
        ("measure_end", "patterns/context.yaml"), ("indicator_verb", "patterns/context.yaml"),
        ("growth_rate", "patterns/context.yaml"), ("base_difference", "patterns/context.yaml"),
        ("span_total", "patterns/context.yaml"), ("target_after", "patterns/context.yaml"),
    ]

    /// The words, or the names of the categories that are missing (with the file to add them to).
    static func load(_ lexicon: Lexicon) -> (ContextWords?, missing: [String]) {
        let missing = required.filter { lexicon.meanings[$0.category]?.isEmpty ?? true }.map { "`\($0.category)` (\($0.file))" }
        guard missing.isEmpty else { return (nil, missing) }
        return (ContextWords(lexicon), [])
    }

    init(_ lexicon: Lexicon) {
        func pairs(_ c: String) -> [(bytes: [UInt8], meaning: String)] {
            lexicon.words(in: c).map { (Array($0.utf8), lexicon.meaning(of: $0, in: c) ?? "") }
        }
        changeVerbs = lexicon.byteWords(in: "change")
        changeMeaning = Dictionary(uniqueKeysWithValues: lexicon.words(in: "change").map { (Array($0.utf8), lexicon.meaning(of: $0, in: "change") ?? "") })
        changeLinks = lexicon.byteWords(in: "change_link")
        changeTo = lexicon.byteWords(in: "change_to")
        changeAspect = lexicon.byteWords(in: "change_aspect")
        yoy = lexicon.byteWords(in: "yoy")
        changeClauseBreak = ScalarSet(lexicon.words(in: "change_clause_break"))
        fromMarkers = lexicon.byteWords(in: "from_marker")
        fromLinks = lexicon.byteWords(in: "from_link")
        var inner: [Unicode.Scalar: String] = [:]
        for w in lexicon.words(in: "inner_qualifier") { for s in w.unicodeScalars { inner[s] = lexicon.meaning(of: w, in: "inner_qualifier") } }
        innerQualifiers = inner
        innerQualifierScalars = ScalarSet(lexicon.words(in: "inner_qualifier"))
        modality = pairs("modality")
        period = pairs("period")
        // Target words first: a heading that names both (目标任务与工作回顾) is read as a target.
        headingModality = pairs("heading_modality").sorted { ($0.meaning == "target" ? 0 : 1) < ($1.meaning == "target" ? 0 : 1) }
        indicatorLead = lexicon.byteWords(in: "indicator_lead")
        // A change verb is dropped from an indicator's end too (全年地区生产总值增长 → 地区生产总值).
        indicatorTail = ByteWords(lexicon.words(in: "indicator_tail") + lexicon.words(in: "change"))
        indicatorNotEnd = lexicon.byteWords(in: "indicator_not_end")
        clauseBoundary = ScalarSet(lexicon.words(in: "clause_boundary"))
        weakModality = lexicon.byteWords(in: "weak_modality")
        blockModality = lexicon.byteWords(in: "block_modality")
        modalityWords = lexicon.byteWords(in: "modality")
        var meaning: [String: [[UInt8]: String]] = [:]
        for c in ["modality", "weak_modality", "block_modality", "level_verb", "level_time", "base_word", "indicator_not_alone", "indicator_not_end", "indicator_after_stop", "indicator_cut", "indicator_lead",
                  "indicator_tail", "indicator_verb", "growth_rate", "base_difference", "indicator_after_tail", "year_part"] {
            meaning[c] = Dictionary(uniqueKeysWithValues: lexicon.words(in: c).map { (Array($0.utf8), lexicon.meaning(of: $0, in: c) ?? "") })
        }
        self.meaning = meaning
        meanings = MeaningTables(meaning)
        indicatorNotAlone = lexicon.byteWords(in: "indicator_not_alone")
        indicatorAfterStop = lexicon.byteWords(in: "indicator_after_stop")
        indicatorCut = lexicon.byteWords(in: "indicator_cut")
        predicateStart = lexicon.byteWords(in: "predicate_start")
        indicatorAfterTail = lexicon.byteWords(in: "indicator_after_tail")
        unitWords = lexicon.byteWords(in: "unit_word")
        datePrepositions = lexicon.byteWords(in: "date_preposition")
        measureEnds = ByteWords(lexicon.words(in: "measure_end") + lexicon.words(in: "shared_tail"))
        listJoiners = lexicon.byteWords(in: "list_joiner")
        respectively = lexicon.byteWords(in: "respectively")
        sharedTail = lexicon.byteWords(in: "shared_tail")
        yearPart = lexicon.byteWords(in: "year_part")
        spanEnd = lexicon.byteWords(in: "span_end")
        levelVerbs = lexicon.byteWords(in: "level_verb")
        levelTime = lexicon.byteWords(in: "level_time")
        baseWords = lexicon.byteWords(in: "base_word")
        baseMarkers = lexicon.byteWords(in: "base_marker")
        yearMark = lexicon.byteWords(in: "year_mark")
        nameQuotes = Set(lexicon.words(in: "name_quote").flatMap { Array($0) })
        nameTitleMarks = Set(lexicon.words(in: "name_title_mark").flatMap { Array($0) })
        indicatorVerbs = lexicon.byteWords(in: "indicator_verb")
        growthRate = lexicon.byteWords(in: "growth_rate")
        baseDifference = lexicon.byteWords(in: "base_difference")
    }
}

/// `ContextWords.meaning` of the categories the readers ask for every number, each a table of its own: a
/// look-up in `meaning` hashed the category's name before the word.
public struct MeaningTables: Sendable {
    public let modality, weakModality, blockModality, levelVerb, levelTime: [[UInt8]: String]
    public let baseWord, indicatorNotAlone, indicatorNotEnd, indicatorAfterStop, indicatorCut: [[UInt8]: String]
    public let indicatorLead, indicatorVerb, growthRate, baseDifference, indicatorAfterTail: [[UInt8]: String]

    init(_ m: [String: [[UInt8]: String]]) {
        modality = m["modality"] ?? [:]
        weakModality = m["weak_modality"] ?? [:]
        blockModality = m["block_modality"] ?? [:]
        levelVerb = m["level_verb"] ?? [:]
        levelTime = m["level_time"] ?? [:]
        baseWord = m["base_word"] ?? [:]
        indicatorNotAlone = m["indicator_not_alone"] ?? [:]
        indicatorNotEnd = m["indicator_not_end"] ?? [:]
        indicatorAfterStop = m["indicator_after_stop"] ?? [:]
        indicatorCut = m["indicator_cut"] ?? [:]
        indicatorLead = m["indicator_lead"] ?? [:]
        indicatorVerb = m["indicator_verb"] ?? [:]
        growthRate = m["growth_rate"] ?? [:]
        baseDifference = m["base_difference"] ?? [:]
        indicatorAfterTail = m["indicator_after_tail"] ?? [:]
    }
}

/// What the segmenter reads to find speeches, labels and headings, from `rules/structure/structure.yaml`:
/// compiled patterns for title lines, date lines and labels, and the punctuation classes of line shapes.
public struct StructurePatterns: Sendable {
    public let title: Regex
    public let dateLine: Regex
    public let yearInTitle: Regex
    public let titleYear: Regex
    public let block: Regex
    public let inline: Regex
    /// `inline`, searched only inside runs of the characters its matches are made of (it runs over every line).
    package let inlineSearch: AlphabetSearch
    /// Whether `inline` is tried only where a label can stand (`labelLeads`): true when no character its
    /// matches are made of is `label_follows` punctuation, so no match can run across such a place and the
    /// matches found there are those a search over the whole line finds there.
    package let inlineAtBoundaries: Bool
    /// For each lead byte, 0 when it begins a `label_follows` character, else its character's length in
    /// bytes: a scan for such characters steps a character at a time.
    package let labelSteps: [UInt8]
    /// 首先 → 1, 其次 → 2, 再次 → 3; `最后` → nil (it ends a series of two or more).
    public let sequence: [String: Int?]
    /// ① → 1 … ⑳ → 20.
    public let circled: [String: Int]
    /// Sentence ends (the splitter) and the punctuation classes of line shapes (the heading and title tests).
    public let sentenceEnd: ByteWords
    public let labelFollows: ScalarSet
    public let continuesLine: ScalarSet
    public let opensLine: ScalarSet
    public let closesSentence: ScalarSet
    public let notTitleEnd: ScalarSet
    public let notHeadingEnd: ScalarSet
    public let notHeadingStart: ScalarSet
    public let bodyEnd: ScalarSet
    public let fullStop: ScalarSet
    public let closingQuote: ScalarSet

    static let patternNames = ["SPEECH_TITLE", "SPEECH_DATE_LINE", "YEAR_IN_TITLE", "TITLE_YEAR", "BLOCK_LABEL", "INLINE_LABEL"]
    static let categories = ["sequence", "circled", "sentence_end", "label_follows", "continues_line", "opens_line", "closes_sentence",
                             "not_title_end", "not_heading_end", "not_heading_start", "body_end", "full_stop", "closing_quote"]

    /// The patterns by name (`patternNames`), as `init` takes them.
    var compiled: [String: Regex] {
        ["SPEECH_TITLE": title, "SPEECH_DATE_LINE": dateLine, "YEAR_IN_TITLE": yearInTitle, "TITLE_YEAR": titleYear,
         "BLOCK_LABEL": block, "INLINE_LABEL": inline]
    }

    init(compiled: [String: Regex], lexicon: Lexicon) {
        title = compiled["SPEECH_TITLE"]!; dateLine = compiled["SPEECH_DATE_LINE"]!; yearInTitle = compiled["YEAR_IN_TITLE"]!
        titleYear = compiled["TITLE_YEAR"]!; block = compiled["BLOCK_LABEL"]!; inline = compiled["INLINE_LABEL"]!
        inlineSearch = AlphabetSearch(inline)
        var seq: [String: Int?] = [:]
        for w in lexicon.words(in: "sequence") { seq.updateValue(lexicon.meaning(of: w, in: "sequence").flatMap { Int($0) }, forKey: w) }
        sequence = seq
        var circ: [String: Int] = [:]
        for w in lexicon.words(in: "circled") { circ[w] = lexicon.meaning(of: w, in: "circled").flatMap { Int($0) } }
        circled = circ
        func set(_ c: String) -> ScalarSet { ScalarSet(lexicon.words(in: c)) }
        sentenceEnd = lexicon.byteWords(in: "sentence_end")
        labelFollows = set("label_follows"); continuesLine = set("continues_line"); opensLine = set("opens_line")
        closesSentence = set("closes_sentence"); notTitleEnd = set("not_title_end"); notHeadingEnd = set("not_heading_end")
        notHeadingStart = set("not_heading_start"); bodyEnd = set("body_end"); fullStop = set("full_stop")
        closingQuote = set("closing_quote")
        let follows = labelFollows.scalars
        var steps = (0..<256).map { UInt8(UTF8Scalar.length(UInt8($0))) }
        for v in follows { if let c = Unicode.Scalar(v) { steps[Int(String(c).utf8.first!)] = 0 } }
        labelSteps = steps
        inlineAtBoundaries = inlineSearch.alphabet.map { a in follows.allSatisfy { !a.contains($0) } } ?? false
    }
}

/// What the clean stage reads from `rules/clean/layout.yaml`: after a digit, layout spaces are dropped
/// before these (`5 亿元` → `5亿元`, `12 %` → `12%`).
public struct CleanWords: Sendable {
    public let numberContinues: ScalarSet
    public init(numberContinues: ScalarSet) { self.numberContinues = numberContinues }
    static let categories = ["number_continues"]
}
