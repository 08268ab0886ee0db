/// The named groups the normalizer reads, declared once: the readers of `TiquNormalize` read them by these
/// names and the lint rejects any other name in a rule of that kind (`(?<nmu>…)` would give `value: null`).
public enum GroupName {
    // Numbers (money, percent, percentage_point, quantity, multiple).
    public static let num = "num", low = "low", high = "high", unit = "unit"
    public static let qbefore = "qbefore", qmid = "qmid", qafter = "qafter"
    public static let doublings = "doublings", cheng = "cheng", chengfrac = "chengfrac"
    /// `sign`: a minus written apart from the number (`负增长1.5%`); `scale`: a scale word of the lexicon
    /// (`15k`, `1.62 trillion`); `jiao`/`fen`: tenths and hundredths of a yuan (`123元1角1分`); `half`: half a
    /// unit more (`十五斤半`); `zhe`: a discount as a multiple of the price (`八五折`); `denom`: the whole a
    /// fraction is of (`三分之一`, `千分之三`).
    public static let sign = "sign", scale = "scale", jiao = "jiao", fen = "fen", half = "half", zhe = "zhe", denom = "denom"
    /// Where a qualifier may be written, in the order the number reader tries them.
    public static let qualifiers = [qbefore, qmid, qafter]
    // Dates.
    public static let year = "year", month = "month", day = "day", year2 = "year2", month2 = "month2", plan = "plan"
    // Projects.
    public static let name = "name"

    static let number: [String] = [num, low, high, unit, qbefore, qmid, qafter, doublings, cheng, chengfrac,
                                   sign, scale, jiao, fen, half, zhe, denom]
    static let date: [String] = [year, month, day, year2, month2, plan]

    /// The groups the normalizer reads in a rule of `kind`, in the order the docs list them; empty for the
    /// clean stage's kinds, whose matches are never normalized.
    public static func known(for kind: ExtractionKind) -> [String] {
        switch kind {
        case .money, .percent, .percentage_point, .quantity, .multiple: return number
        case .date: return date
        case .project: return [name]
        case .remove, .flag: return []
        }
    }
}

/// The word-list categories the number reader looks the written unit and qualifier up in.
public enum UnitCategory {
    public static let currency = "currency", unit = "unit", qualifier = "qualifier"
    /// Scale words (`k`, `billion`, `lakh`): meaning = the power of ten they multiply by.
    public static let scale = "scale"
    static let all = [currency, unit, qualifier, scale]
}
