import TiquClean
import TiquSegment
import TiquText

/// Presents a document's tree for `tiqu segment`: an indented outline for people, JSON Lines for machines.
public enum Outline {
    /// 1-based line number in the original text of original scalar `char`.
    public static func lineNumbers(_ decoded: DecodedText) -> [Int32] {
        var lines = [Int32](repeating: 1, count: decoded.scalars.count + 1)
        var n: Int32 = 1
        for (i, s) in decoded.scalars.enumerated() {
            lines[i] = n
            if s == "\n" { n += 1 }
        }
        lines[decoded.scalars.count] = n
        return lines
    }

    static func firstWords(_ s: String, _ n: Int = 30) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ")
        return flat.unicodeScalars.count <= n ? flat : String(String.UnicodeScalarView(flat.unicodeScalars.prefix(n))) + "…"
    }

    public static func text(decoded: DecodedText, clean: CleanText, segmentation: Segmentation) -> String {
        let lines = lineNumbers(decoded)
        var out = ""
        for p in segmentation.points {
            let span = clean.map.original(p.range)
            let l0 = lines[span.char.lowerBound], l1 = lines[max(span.char.lowerBound, span.char.upperBound - 1)]
            let depth = p.kind == .speech ? 0 : p.path.count + (segmentation.points.contains { $0.kind == .speech } ? 1 : 0) - 1
            let indent = String(repeating: "  ", count: max(0, depth))
            let heading = p.heading.map { decoded.text(clean.map.original($0).char) } ?? ""
            var line = "\(indent)\(p.kind.rawValue) "
            switch p.kind {
            case .speech:
                line += firstWords(heading, 60)
                if let s = p.speaker { line += " [speaker \(s)]" }
                if let d = p.date { line += " [date \(d)]" }
            case .heading: line += firstWords(p.label)
            default: line += "\(p.label) \(firstWords(heading))"
            }
            out += "\(line)  (lines \(l0)-\(l1))\n"
        }
        return out
    }

    public static func jsonLines(decoded: DecodedText, clean: CleanText, segmentation: Segmentation, doc: String) -> [UInt8] {
        let lines = lineNumbers(decoded)
        var out: [UInt8] = []
        for p in segmentation.points {
            let span = clean.map.original(p.range)
            out.append(contentsOf: #"{"doc":"#.utf8); JSONLines.string(doc, &out)
            out.append(contentsOf: #","kind":"#.utf8); JSONLines.string(p.kind.rawValue, &out)
            out.append(contentsOf: #","label":"#.utf8); JSONLines.string(p.label, &out)
            out.append(contentsOf: #","ordinal":"#.utf8)
            if let o = p.ordinal { JSONLines.int(o, &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(contentsOf: #","path":["#.utf8)
            for (i, l) in p.path.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONLines.string(l, &out)
            }
            out.append(contentsOf: #"],"heading":"#.utf8)
            JSONLines.optional(p.heading.map { decoded.text(clean.map.original($0).char) }, &out)
            out.append(contentsOf: #","span":"#.utf8); JSONLines.span(span, &out)
            out.append(contentsOf: #","lines":["#.utf8)
            JSONLines.int(Int(lines[span.char.lowerBound]), &out); out.append(UInt8(ascii: ","))
            JSONLines.int(Int(lines[max(span.char.lowerBound, span.char.upperBound - 1)]), &out)
            out.append(UInt8(ascii: "]"))
            if let s = p.speech { out.append(contentsOf: #","speech":"#.utf8); JSONLines.int(s, &out) }
            if let s = p.speaker { out.append(contentsOf: #","speaker":"#.utf8); JSONLines.string(s, &out) }
            if let d = p.date { out.append(contentsOf: #","date":"#.utf8); JSONLines.string(d, &out) }
            out.append(contentsOf: "}\n".utf8)
        }
        return out
    }
}
