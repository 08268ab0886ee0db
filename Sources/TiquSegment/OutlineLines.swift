import PCRE2
import TiquRules
import TiquText

/// What each kind of line does to the tree (OutlineBuilder.build calls these in order).
extension OutlineBuilder {
    /// A speech title line opens a new speech; everything before it closes. Its speaker and year are read.
    func openSpeech(_ line: Range<Int>, paragraph p: Range<Int>, index pi: Int) -> Bool {
        guard line.count <= 80 * 3, lines.standsAlone(pi), let m = first(s.title, line.lowerBound, line.upperBound),
              m.range.lowerBound == line.lowerBound else { return false }
        close(atLevel: 0, at: p.lowerBound)
        speechCount += 1
        let sp = Node(kind: .speech, label: original(line), ordinal: speechCount, level: 0, start: p.lowerBound, end: b.count,
                      heading: line, path: [], speech: speechCount)
        if let r = group(m, s.title, "speaker") { sp.speaker = original(r) }
        if let y = first(s.titleYear, line.lowerBound, line.upperBound), let r = group(y, s.titleYear, "y") { sp.date = text.string(r) }
        // Or a year written in the title itself (在2025年…大会上的讲话).
        if sp.date == nil, let y = first(s.yearInTitle, line.lowerBound, line.upperBound),
           let r = group(y, s.yearInTitle, "y") { sp.date = text.string(r) }
        open(sp)
        return true
    }

    /// The lines after a title may give the speech's date, (2025年2月10日) or ——2025年1月16日在…, and its
    /// speaker alone on a line: spaced (习　近　平), or after a date line (周恩来); neither is then a heading.
    func readDateLine(_ line: Range<Int>) -> Bool {
        guard let sp = stack.last, sp.kind == .speech, nodes.last === sp,
              let m = first(s.dateLine, line.lowerBound, line.upperBound), m.range.lowerBound == line.lowerBound else { return false }
        if let r = group(m, s.dateLine, "spaced") ?? (sp.date?.count == 10 ? group(m, s.dateLine, "name") : nil) {
            guard sp.speaker == nil else { return false }
            sp.speaker = original(r)
            return true
        }
        guard let y = group(m, s.dateLine, "y"), let mo = group(m, s.dateLine, "m"), let d = group(m, s.dateLine, "d"),
              let month = Int(text.string(mo)), let day = Int(text.string(d)) else { return false }
        sp.date = "\(text.string(y))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        return true
    }

    /// A block label at the start of the line (`一、`, `(一)`, `1.`, `(1)`, `①`, `——`): opens a point when it
    /// continues a numbering. Returns whether the line had a label at all (then it is no heading).
    func openBlock(_ line: Range<Int>, paragraph p: Range<Int>) -> Bool {
        guard let m = first(s.block, at: p.lowerBound, line.upperBound), m.range.lowerBound == p.lowerBound,
              let label = blockLabel(m) else { return false }
        guard let parent = numberingParent(kind: label.kind, ordinal: label.ordinal, family: label.family, at: p.lowerBound) else { return true }
        while stack.count > 1, stack.last !== parent {
            let n = stack.removeLast()
            n.end = trimEnd(p.lowerBound, from: n.start)
        }
        if let o = label.ordinal { parent.lastOrdinal[label.family] = o }
        parent.lastChildStart[label.family] = p.lowerBound
        let written = original(label.range)
        open(Node(kind: label.kind, label: written, ordinal: label.ordinal, level: Self.levels[label.kind]!, start: label.range.lowerBound,
                  end: b.count, heading: headingRange(from: label.range.lowerBound, lineEnd: line.upperBound),
                  path: parent.path + [written], speech: currentSpeech))
        return true
    }

    /// A bulleted list (`——…`) ends at the first paragraph that is neither a bullet nor the continuation of
    /// one (a line broken mid-sentence): the paragraphs after the last bullet are not part of it.
    func endBullets(_ line: Range<Int>, paragraph p: Range<Int>, index pi: Int) {
        guard stack.contains(where: { $0.kind == .bullet }), lines.standsAlone(pi) else { return }
        if let m = first(s.block, at: p.lowerBound, line.upperBound), m.range.lowerBound == p.lowerBound, group(m, s.block, "dash") != nil { return }
        close(atLevel: Self.levels[.bullet]!, at: p.lowerBound)
    }

    /// The kind, label range, ordinal and family of a block-label match (the pattern's group names).
    func blockLabel(_ m: Match) -> (kind: Point.Kind, range: Range<Int>, ordinal: Int?, family: String)? {
        let r = s.block
        if let g = group(m, r, "sec") { return (.section, g, cnOrdinal(g), "sec") }
        if let g = group(m, r, "sub") { return (.subsection, (g.lowerBound - 1)..<(g.upperBound + 1), cnOrdinal(g), "sub") }
        if let g = group(m, r, "item") { return (.item, g, Int(text.string(g)), "item") }
        if let g = group(m, r, "pitem") { return (.item, (g.lowerBound - 1)..<(g.upperBound + 1), Int(text.string(g)), "pitem") }
        if let g = group(m, r, "circ") { return (.item, g, s.circled[text.string(g)], "circ") }
        if let g = group(m, r, "dash") { return (.bullet, g, nil, "dash") }
        return nil
    }

    /// The open point whose numbering this label continues: the innermost container with this family in
    /// sequence (a heading or item between `(二)` and `(三)` does not break it); `1` starts a series in the
    /// innermost container that has none yet. Nil: the label is plain text (a second `一、` series).
    func numberingParent(kind: Point.Kind, ordinal: Int?, family: String, at start: Int) -> Node? {
        let level = Self.levels[kind]!
        // Unnumbered headings do not own numbered series: numbering outranks a guessed heading.
        let owners = stack.filter { $0.level < level && $0.kind != .heading }
        for candidate in owners.reversed() {
            let expected = (candidate.lastOrdinal[family] ?? 0) + 1
            // A gap in the numbering is accepted only where removed debris (`此处隐藏…字`) hid the rest.
            let since = candidate.lastChildStart[family] ?? candidate.start
            let hidden = candidate.lastOrdinal[family] != nil && removalBetween(since, start)
            if kind == .bullet || ordinal == expected || (hidden && (ordinal ?? 0) > expected) { return candidate }
        }
        if ordinal == 1, let inner = owners.last, inner.lastOrdinal[family] == nil { return inner }
        return nil
    }

    /// An unnumbered heading: a short line without closing punctuation, followed by body text.
    func openHeading(_ line: Range<Int>, paragraph p: Range<Int>, index pi: Int) {
        let previousLineEnd = pi > 0 ? paragraphs[pi - 1].upperBound : 0
        if let last = nodes.last, last.kind == .heading, stack.last === last, last.heading?.upperBound ?? 0 >= previousLineEnd {
            last.heading = last.heading!.lowerBound..<line.upperBound  // a two-line heading (title + subtitle)
            return
        }
        let level = stack.contains { $0.kind == .section } ? 2 : 1
        close(atLevel: level, at: p.lowerBound)
        let parent = container(below: level)
        let label = original(line)
        open(Node(kind: .heading, label: label, ordinal: nil, level: level, start: line.lowerBound, end: b.count,
                  heading: line, path: parent.path + [label], speech: currentSpeech))
    }

    /// Inline points anywhere in the paragraph (`一是`, `第一,`, `首先`), each in sequence in its container.
    func readInlineLabels(_ line: Range<Int>) {
        do {
            guard s.inlineAtBoundaries, let alphabet = s.inlineSearch.alphabet else {
                return try s.inlineSearch.forEachMatch(in: b, range: line, scratch: scratch.pcre2) { m in
                    guard lines.atBoundary(m.range.lowerBound, lineStart: line.lowerBound),
                          let (labelRange, ordinal, family) = inlineLabel(m) else { return true }
                    openInline(labelRange, ordinal: ordinal, family: family, line: line)
                    return true
                }
            }
            // Tried only where a label can stand: the line's start and after each `label_follows` character
            // (noted by the sentence splitter's pass), when the next character can begin a match (a fifth of
            // the work of a search over the line).
            let b = self.b, end = line.upperBound
            while nextLabelStart < labelStarts.count && labelStarts[nextLabelStart] <= line.lowerBound { nextLabelStart += 1 }
            var at = line.lowerBound
            while true {
                if at < end, alphabet.contains(UTF8Scalar.decode(b, at).value) {
                    try s.inline.forEachMatch(in: b, range: at..<end, startLimit: at, scratch: scratch.pcre2) { m in
                        if let (labelRange, ordinal, family) = inlineLabel(m) { openInline(labelRange, ordinal: ordinal, family: family, line: line) }
                        return false
                    }
                }
                guard nextLabelStart < labelStarts.count, labelStarts[nextLabelStart] < end else { break }
                at = labelStarts[nextLabelStart]
                nextLabelStart += 1
            }
        } catch {
            problems.append(Diagnostic(.error, offset: text.map.originalByte(line.lowerBound),
                                       "the inline-point pattern stopped on this line: \(error); the rest of that paragraph was read as plain text"))
        }
    }

    /// The label range, ordinal (nil for `最后`) and family of an inline-label match.
    func inlineLabel(_ m: Match) -> (Range<Int>, Int?, String)? {
        let r = s.inline
        if let g = group(m, r, "cn"), let f = group(m, r, "fam") { return (g.lowerBound..<f.upperBound, cnOrdinal(g), text.string(f)) }
        if let g = group(m, r, "ord") { return (m.range.lowerBound..<g.upperBound, cnOrdinal(g), "ord") }
        if let g = group(m, r, "seq") { return (g, s.sequence[text.string(g)] ?? nil, "seq") }
        return nil
    }

    func openInline(_ labelRange: Range<Int>, ordinal: Int?, family: String, line: Range<Int>) {
        let level = Self.levels[.inline]!
        let parent = container(below: level)
        let last = parent.lastOrdinal[family] ?? 0
        var ordinal = ordinal
        if family == "seq" && ordinal == nil { ordinal = last >= 2 ? last + 1 : nil }  // 最后 only ends a 首先/其次 series
        guard let o = ordinal, o == last + 1 || (o == 1 && last > 0) else { return }
        close(atLevel: level, at: labelRange.lowerBound)
        parent.lastOrdinal[family] = o
        let label = original(labelRange)
        open(Node(kind: .inline, label: label, ordinal: o, level: level, start: labelRange.lowerBound, end: b.count,
                  heading: headingRange(from: labelRange.lowerBound, lineEnd: line.upperBound),
                  path: parent.path + [label], speech: currentSpeech, paragraphBounded: labelRange.lowerBound > line.lowerBound))
    }
}
