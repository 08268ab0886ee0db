/// The near names of an unknown one, by edit distance: `CURENCY` → `did you mean CURRENCY?`, rather than a
/// list of every name defined.
public enum NameSuggestion {
    /// "did you mean X?" (or "X or Y?") for the nearest names within a third of the name's length, or a
    /// pointer to the list of names when none is near.
    public static func didYouMean(_ name: String, among names: [String], listedBy command: String = "`tiqu rules doc` lists them") -> String {
        let near = nearest(name, among: names)
        if near.isEmpty { return "no defined name is near it (\(command))" }
        return "did you mean \(near.joined(separator: " or "))?"
    }

    /// "; did you mean `examples`?" for a misspelt key, or nothing when no key is near.
    static func key(_ name: String?, among keys: [String]) -> String {
        guard let name, let near = nearest(name, among: keys).first else { return "" }
        return "; did you mean `\(near)`?"
    }

    public static func nearest(_ name: String, among names: [String], limit: Int = 3) -> [String] {
        let threshold = max(1, name.count / 3)
        let scored = names.map { ($0, distance(name.uppercased(), $0.uppercased())) }.filter { $0.1 <= threshold }
        guard let best = scored.map(\.1).min() else { return [] }
        return scored.filter { $0.1 == best }.map(\.0).sorted().prefix(limit).map { $0 }
    }

    /// Edit distance over Unicode scalars, a swap of neighbours counting as one edit (`nmu` → `num`).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard !x.isEmpty, !y.isEmpty else { return max(x.count, y.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}

extension PatternLibrary {
    /// The `{{NAME}}` references written in a pattern's text, in order (escaped braces are not references).
    static func references(in text: String) -> [String] {
        let src = Array(text.utf8)
        var out: [String] = []
        var i = 0
        while i + 1 < src.count {
            if src[i] == UInt8(ascii: "\\") { i += 2; continue }
            guard src[i] == UInt8(ascii: "{"), src[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            var j = i + 2
            while j < src.count, src[j] == UInt8(ascii: "_") || (0x30...0x39).contains(src[j]) || (0x41...0x5A).contains(src[j]) { j += 1 }
            if j > i + 2, j + 1 < src.count, src[j] == UInt8(ascii: "}"), src[j + 1] == UInt8(ascii: "}") {
                out.append(String(decoding: src[(i + 2)..<j], as: UTF8.self))
            }
            i = j
        }
        return out
    }

    /// Every sub-pattern reachable from `names` through references.
    func closure(of names: [String]) -> Set<String> {
        var seen = Set<String>()
        var todo = names
        while let n = todo.popLast() {
            guard let e = entries[n], seen.insert(n).inserted else { continue }
            todo += Self.references(in: e.text)
        }
        return seen
    }
}
