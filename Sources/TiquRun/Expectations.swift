import TiquEmit

/// What a must-match example says its record means (`value:`, `unit:`, `qualifier:` …), compared field by
/// field with the record the pipeline gave.
enum Expectations {
    static func actual(_ r: Record) -> [String: String?] {
        [
            "value": r.value?.canonical, "unit": r.unit, "unit_text": r.unitText, "qualifier": r.qualifier,
            "change": r.change, "yoy": String(r.yoy), "inferred": String(r.inferred), "kind": r.kind.rawValue,
            "subtype": r.subtype, "indicator": r.indicator, "modality": r.modality, "period": r.periodEnd.map { "\(r.period ?? "")..\($0)" } ?? r.period,
            "direction": r.direction, "from": r.from?.canonical, "to": r.to?.canonical, "base": r.base,
            "period_inferred": String(r.periodInferred),
        ]
    }

    /// One `key: expected X, got Y` per field that differs, in key order.
    static func compare(_ expect: [String: String], _ r: Record) -> [String] {
        let got = actual(r)
        return expect.sorted { $0.key < $1.key }.compactMap { key, expected in
            let g = got[key] ?? nil
            return g == (expected == "null" ? nil : expected) ? nil : "\(key): expected \(expected), got \(g ?? "null")"
        }
    }
}
