import Yams

/// A rule file's text, to turn YAML marks and offsets inside scalars into file:line:col.
struct FileContext {
    let file: String
    /// The file's text; its lines are split only when a location inside a block scalar is asked for.
    let text: String
    var lines: [String] { text.components(separatedBy: "\n") }

    func location(_ node: Node) -> SourceLocation {
        let m = node.mark
        return SourceLocation(file: file, line: m?.line ?? 1, column: m?.column ?? 1)
    }

    /// The location of UTF-8 byte `offset` inside the scalar `node` (plain, quoted or block).
    func location(ofByte offset: Int, in node: Node) -> SourceLocation {
        guard let scalar = node.scalar, let mark = node.mark else { return location(node) }
        // PCRE2 reports "missing )" at the very end: point at the last written character, not past the
        // block scalar's closing newline.
        var utf8 = Array(scalar.string.utf8)
        while let last = utf8.last, last == 0x0A || last == 0x20 { utf8.removeLast() }
        let prefix = String(decoding: utf8.prefix(offset), as: UTF8.self)
        let lineInValue = prefix.filter { $0 == "\n" }.count
        let colInLine = (prefix.split(separator: "\n", omittingEmptySubsequences: false).last.map { $0.unicodeScalars.count }) ?? 0
        switch scalar.style {
        case .literal, .folded:
            // The value starts on the line after the `|` indicator, at that block's indentation.
            let lineNo = mark.line + 1 + lineInValue
            let text = lineNo - 1 < lines.count ? lines[lineNo - 1] : ""
            let indent = text.prefix { $0 == " " }.count
            return SourceLocation(file: file, line: lineNo, column: indent + colInLine + 1)
        case .singleQuoted, .doubleQuoted:
            return SourceLocation(file: file, line: mark.line + lineInValue, column: (lineInValue == 0 ? mark.column + 1 : 1) + colInLine)
        default:
            return SourceLocation(file: file, line: mark.line + lineInValue, column: (lineInValue == 0 ? mark.column : 1) + colInLine)
        }
    }
}
