import TiquClean
import TiquMatch
import TiquNumbers
import TiquRules

/// Reads a date match's groups (`year`, `month`, `day`, `year2`, `month2`, `plan`) into an ISO-like value:
/// `2024-03-05`, `2023`, `--02-06`, month ranges, and five-year plan periods.
enum DateReader {
    static func read(_ m: RuleMatch, text: CleanText) -> Extraction {
        var e = Extraction(match: m)
        e.value = dateValue(m, text: text)
        return e
    }

    static func dateValue(_ m: RuleMatch, text: CleanText) -> ExtractedValue? {
        func group(_ name: String) -> String? { m.groups[name].map { text.string($0) } }
        func int(_ s: String?) -> Int? {
            guard let s else { return nil }
            // ASCII digits (most dates) are their own value: no numeral read, no decimal written out and read back.
            if s.utf8.count <= 18, !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return s.utf8.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
            guard let p = Numerals.parse(s) else { return nil }
            return Int(p.value.description)
        }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if let plan = group(GroupName.plan), let n = int(plan) {
            // The Nth five-year plan: the 3rd began in 1966, each lasts five years (the 1st was 1953–1957).
            let start = n <= 2 ? 1953 + 5 * (n - 1) : 1966 + 5 * (n - 3)
            return .textRange(low: "\(start)", high: "\(start + 4)")
        }
        let year = int(group(GroupName.year))
        if let y = year, let y2 = int(group(GroupName.year2)) { return .textRange(low: "\(y)", high: "\(y2)") }
        let month = int(group(GroupName.month))
        if let mo = month, let mo2 = int(group(GroupName.month2)), (1...12).contains(mo), (1...12).contains(mo2) {
            let prefix = year.map { "\($0)-" } ?? "--"
            return .textRange(low: prefix + pad(mo), high: prefix + pad(mo2))
        }
        let day = int(group(GroupName.day))
        if let y = year {
            guard let mo = month else { return .text("\(y)") }
            guard (1...12).contains(mo) else { return nil }
            guard let d = day else { return .text("\(y)-\(pad(mo))") }
            guard (1...31).contains(d) else { return nil }
            return .text("\(y)-\(pad(mo))-\(pad(d))")
        }
        if let mo = month, (1...12).contains(mo) {
            guard let d = day else { return .text("--\(pad(mo))") }
            guard (1...31).contains(d) else { return nil }
            return .text("--\(pad(mo))-\(pad(d))")
        }
        return nil
    }
}
