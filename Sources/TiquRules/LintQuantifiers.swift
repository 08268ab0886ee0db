/// Finds nested quantifiers that may backtrack without end (`(a+)+`, `(?:\s*x?)*`): a group repeated without
/// bound whose body either can match empty around an unbounded part, or is nothing but unbounded parts, so
/// PCRE2 can split one stretch of text between the iterations in exponentially many ways. Reads the
/// expanded pattern in extended mode; atomic groups and possessive quantifiers never backtrack and pass.
enum NestedQuantifiers {
    struct Spot: Equatable {
        /// Byte offsets in the pattern of the inner quantifier and of the outer one.
        let inner: Int
        let outer: Int
    }

    final class Group {
        var alternatives: [[Item]] = [[]]
        var atomic = false
        var zeroWidth = false
    }
    struct Item {
        var group: Group?
        var min = 1
        var unbounded = false
        var possessive = false
        var quantifier: Int?
        var zeroWidth = false
    }

    static func find(_ pattern: String) -> [Spot] {
        let b = Array(pattern.utf8)
        var i = 0
        let top = parse(b, &i)
        var spots: [Spot] = []
        check(top, &spots)
        return spots
    }

    static func check(_ g: Group, _ spots: inout [Spot]) {
        for alt in g.alternatives {
            for item in alt {
                guard let sub = item.group else { continue }
                check(sub, &spots)
                guard item.unbounded, !item.possessive, !sub.atomic, !sub.zeroWidth, let outer = item.quantifier else { continue }
                for inner in sub.alternatives { if let at = looseSpot(inner) { spots.append(Spot(inner: at, outer: outer)) } }
            }
        }
    }

    /// Where an alternative can stretch over the same text as its neighbour iteration: the quantifier of its
    /// first unbounded part, when nothing else in it is required.
    static func looseSpot(_ alt: [Item]) -> Int? {
        let required = alt.filter { $0.min > 0 && !$0.zeroWidth }
        if required.isEmpty { return alt.first { $0.unbounded && !$0.possessive }?.quantifier }
        guard required.allSatisfy(isLoose) else { return nil }
        for r in required {
            if r.unbounded, let q = r.quantifier { return q }
            if let g = r.group, let spot = g.alternatives.lazy.compactMap(looseSpot).first { return spot }
        }
        return nil
    }

    static func isLoose(_ item: Item) -> Bool {
        if item.unbounded { return !item.possessive }
        guard let g = item.group, !g.atomic, !g.zeroWidth else { return false }
        return g.alternatives.contains { looseSpot($0) != nil }
    }

    /// One group's body, up to its closing parenthesis (or the end).
    static func parse(_ b: [UInt8], _ i: inout Int) -> Group {
        let g = Group()
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: ")"): i += 1; return g
            case UInt8(ascii: "|"): g.alternatives.append([]); i += 1
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
            case UInt8(ascii: "#"): while i < b.count, b[i] != 0x0A { i += 1 }
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                if !quantify(b, &i, g) { append(g, Item()); i += 1 }
            case UInt8(ascii: "("): openGroup(b, &i, g)
            case UInt8(ascii: "["): skipClass(b, &i); append(g, Item())
            case UInt8(ascii: "\\"): skipEscape(b, &i); append(g, Item())
            case UInt8(ascii: "^"), UInt8(ascii: "$"): i += 1; append(g, Item(zeroWidth: true))
            default:
                i += 1
                while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
                append(g, Item())
            }
        }
        return g
    }

    static func append(_ g: Group, _ item: Item) { g.alternatives[g.alternatives.count - 1].append(item) }

    /// Reads a quantifier at `i` onto the last item; false when `{` does not start one (a literal brace).
    static func quantify(_ b: [UInt8], _ i: inout Int, _ g: Group) -> Bool {
        guard var last = g.alternatives[g.alternatives.count - 1].popLast() else { return false }
        let start = i
        var minimum = 0, unbounded = false
        switch b[i] {
        case UInt8(ascii: "*"): unbounded = true; i += 1
        case UInt8(ascii: "+"): minimum = 1; unbounded = true; i += 1
        case UInt8(ascii: "?"): i += 1
        default:
            var j = i + 1
            var digits = "", comma = false, upper = ""
            while j < b.count, (0x30...0x39).contains(b[j]) || b[j] == UInt8(ascii: ",") || b[j] == 0x20 {
                if b[j] == UInt8(ascii: ",") { comma = true } else if b[j] != 0x20 { if comma { upper.append(Character(Unicode.Scalar(b[j]))) } else { digits.append(Character(Unicode.Scalar(b[j]))) } }
                j += 1
            }
            guard j < b.count, b[j] == UInt8(ascii: "}"), !(digits.isEmpty && upper.isEmpty) else {
                append(g, last)
                return false
            }
            minimum = Int(digits) ?? 0
            unbounded = comma && upper.isEmpty
            i = j + 1
        }
        if i < b.count, b[i] == UInt8(ascii: "+") { last.possessive = true; i += 1 } else if i < b.count, b[i] == UInt8(ascii: "?") { i += 1 }
        last.min = minimum == 0 ? 0 : last.min
        last.unbounded = unbounded
        last.quantifier = start
        append(g, last)
        return true
    }

    static func openGroup(_ b: [UInt8], _ i: inout Int, _ g: Group) {
        func at(_ k: Int, _ s: String) -> Bool { Array(s.utf8).enumerated().allSatisfy { k + $0.offset < b.count && b[k + $0.offset] == $0.element } }
        if at(i, "(?#") || at(i, "(*") {
            while i < b.count, b[i] != UInt8(ascii: ")") { i += 1 }
            i += 1
            return
        }
        var item = Item()
        var j = i + 1
        if j < b.count, b[j] == UInt8(ascii: "?") {
            if at(j, "?>") { j += 2; let body = parseBody(b, &j); body.atomic = true; item.group = body }
            else if at(j, "?=") || at(j, "?!") { j += 2; let body = parseBody(b, &j); body.zeroWidth = true; item.group = body; item.zeroWidth = true }
            else if at(j, "?<=") || at(j, "?<!") { j += 3; let body = parseBody(b, &j); body.zeroWidth = true; item.group = body; item.zeroWidth = true }
            else {
                // (?:…, (?<name>…, (?P<name>…, (?'name'…, (?i:…; an option setting (?i) is no group.
                j += 1
                if j < b.count, b[j] == UInt8(ascii: "'") { j += 1 }
                while j < b.count, ![UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: ")")].contains(b[j]) { j += 1 }
                if j < b.count, b[j] == UInt8(ascii: ")") { i = j + 1; return }
                j += 1
                item.group = parseBody(b, &j)
            }
        } else {
            item.group = parseBody(b, &j)
        }
        i = j
        append(g, item)
    }

    static func parseBody(_ b: [UInt8], _ j: inout Int) -> Group { parse(b, &j) }

    static func skipClass(_ b: [UInt8], _ i: inout Int) {
        i += 1
        if i < b.count, b[i] == UInt8(ascii: "^") { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1 }
        while i < b.count, b[i] != UInt8(ascii: "]") {
            if b[i] == UInt8(ascii: "\\") { i += 2; continue }
            if b[i] == UInt8(ascii: "["), i + 1 < b.count, b[i + 1] == UInt8(ascii: ":") {
                while i + 1 < b.count, !(b[i] == UInt8(ascii: ":") && b[i + 1] == UInt8(ascii: "]")) { i += 1 }
                i += 2
                continue
            }
            i += 1
        }
        i += 1
    }

    static func skipEscape(_ b: [UInt8], _ i: inout Int) {
        i += 1
        guard i < b.count else { return }
        let c = b[i]
        i += 1
        while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
        if c == UInt8(ascii: "Q") {
            while i + 1 < b.count, !(b[i] == UInt8(ascii: "\\") && b[i + 1] == UInt8(ascii: "E")) { i += 1 }
            i += 2
        } else if "pPxkgoN".utf8.contains(c), i < b.count, let close = [UInt8(ascii: "{"): UInt8(ascii: "}"), UInt8(ascii: "<"): UInt8(ascii: ">"),
                                                                   UInt8(ascii: "'"): UInt8(ascii: "'")][b[i]] {
            i += 1
            while i < b.count, b[i] != close { i += 1 }
            i += 1
        } else if c == UInt8(ascii: "c") {
            i += 1
        }
    }
}
