import PCRE2

/// Recovers paragraphs, sentences and the tree of numbered points from cleaned text.
///
/// A label counts as a point only where it is in sequence: `（三）` after `（二）` under the same parent,
/// `二是` after `一是` in the same container; an inline label must stand at a paragraph start or after
/// punctuation, so `统一是` is not a point. What does not fit is left as plain text rather than guessed.
public enum Segmenter {
    /// Structure patterns, compiled once per process. They match cleaned text (ASCII punctuation).
    struct Patterns: @unchecked Sendable {
        let title = try! Regex(#"""
            ^ (?: (?<speaker> \p{Han}{2,4}? ) 同志 )? (?:\p{Han}{2,4}?)? 在 [^\n。!?;]{2,60}?
              (?: 会 | 会议 | 大会 | 全会 | 论坛 | 典礼 | 仪式 | 开班式 | 座谈会 | 培训班 | 推进会 | 动员会 | 部署会 | 年会 | 峰会 ) 上? 的
              (?: 讲话 | 講話 | 发言 | 發言 | 致辞 | 致辭 | 报告 | 報告 | 主持词 | 总结讲话 | 讲话实录 | 讲话稿 ) [^\n。!?;,]{0,16} $
            | ^ [^\n。!?;:,]{2,40} (?: 讲话 | 講話 | 讲话摘要 | 講話摘要 | 讲话提纲 | 会议纪要 | 會議紀要 | 政府工作报告 | 政府工作報告 | 工作报告 ) (?: \( [^\n)]{1,20} \) )? $
            """#, options: [.extended, .multiline])
        let dateLine = try! Regex(#"^ [\x20]* (?: \( | —— )? (?<y>[0-9]{4}) 年 (?<m>[0-9]{1,2}) 月 (?<d>[0-9]{1,2}) 日"#, options: [.extended, .multiline])
        let yearInTitle = try! Regex(#"(?<![0-9]) (?<y>(?:19|20)[0-9]{2}) 年"#, options: [.extended])
        let titleYear = try! Regex(#"\( (?<y>(?:19|20)[0-9]{2}) \) [\x20]* $"#, options: [.extended])
        let block = try! Regex(#"""
            ^ [\x20\t]* (?:
                (?<sec> [一二三四五六七八九十]{1,3} ) 、
              | \( (?<sub> [一二三四五六七八九十]{1,3} ) \)
              | (?<item> [0-9]{1,2} ) (?: \. (?![0-9]) | 、 )
              | \( (?<pitem> [0-9]{1,2} ) \)
              | (?<circ> [①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳] )
              | (?<dash> —— )
            )
            """#, options: [.extended, .multiline])
        // Inline labels; that one stands at a paragraph start or after punctuation is checked in Swift
        // (`atBoundary`), which is much faster than a lookbehind tried at every position.
        let inline = try! Regex(#"""
            (?: (?<cn> [一二三四五六七八九十]{1,2} ) (?<fam> 是 | 要 )
              | 第 (?<ord> [一二三四五六七八九十]{1,2} ) (?= [,、:] | 是 )
              | (?<seq> 首先 | 其次 | 再次 | 最后 ) (?= [,:] | 要 | 是 ) )
            """#, options: [.extended, .multiline])
    }
    static let patterns = Patterns()

    static let levels: [Point.Kind: Int] = [.document: -1, .speech: 0, .section: 1, .subsection: 2, .item: 3, .bullet: 4, .inline: 5]

    final class Builder {
        let kind: Point.Kind
        let label: String
        let ordinal: Int?
        let level: Int
        let start: Int
        var end: Int
        var heading: Range<Int>?
        let path: [String]
        let speech: Int?
        var speaker: String?
        var date: String?
        let paragraphBounded: Bool
        var lastOrdinal: [String: Int] = [:]
        /// Where the last child of each family started (to tell a numbering gap hidden by removed debris).
        var lastChildStart: [String: Int] = [:]
        /// Index in `nodes`, and the enclosing node's index (nil under the root).
        var index = -1
        var parentIndex: Int?
        init(kind: Point.Kind, label: String, ordinal: Int?, level: Int, start: Int, end: Int, heading: Range<Int>?,
             path: [String], speech: Int?, paragraphBounded: Bool = false) {
            self.kind = kind; self.label = label; self.ordinal = ordinal; self.level = level; self.start = start
            self.end = end; self.heading = heading; self.path = path; self.speech = speech; self.paragraphBounded = paragraphBounded
        }
    }

    public static func segment(_ text: CleanText, decoded: DecodedText? = nil, scratch: MatchScratch = MatchScratch()) -> Segmentation {
        let b = text.bytes
        let (paragraphs, sentences) = splitParagraphsAndSentences(b)
        func original(_ r: Range<Int>) -> String {
            if let decoded { return decoded.text(text.map.original(r).char) }
            return text.string(r)
        }
        let root = Builder(kind: .document, label: "", ordinal: nil, level: -1, start: 0, end: b.count, heading: nil, path: [], speech: nil)
        var nodes: [Builder] = []
        var stack: [Builder] = [root]
        var speechCount = 0

        func trimEnd(_ e: Int, from s: Int) -> Int {
            var e = e
            while e > s, b[e - 1] == 0x0A || b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
            return e
        }
        func close(atLevel level: Int, at position: Int) {
            while stack.count > 1, stack.last!.level >= level {
                let n = stack.removeLast()
                n.end = trimEnd(position, from: n.start)
            }
        }
        func open(_ n: Builder) {
            n.index = nodes.count
            n.parentIndex = stack.count > 1 ? stack.last!.index : nil
            nodes.append(n)
            stack.append(n)
        }
        func container(below level: Int) -> Builder { stack.last { $0.level < level } ?? root }
        func headingRange(from s: Int, lineEnd: Int) -> Range<Int> {
            var e = s
            while e < lineEnd {
                let c = b[e]
                if c == 0x3B || c == 0x21 || c == 0x3F { break }  // ; ! ?
                if c == 0xE3 && e + 2 < lineEnd && b[e + 1] == 0x80 && b[e + 2] == 0x82 { break }  // 。
                e += 1
            }
            return s..<trimEnd(e, from: s)
        }
        func group(_ m: Match, _ r: Regex, _ name: String) -> Range<Int>? { r.groupNumbers[name].flatMap { m.groups[$0] } }
        // A structure pattern that hits a PCRE2 limit leaves that line as plain text, and says so.
        var problems: [String] = []
        func first(_ r: Regex, _ from: Int, _ to: Int) -> Match? {
            do { return try r.firstMatch(in: b, from: from, to: to, scratch: scratch) } catch {
                problems.append("a structure pattern stopped at cleaned byte \(from): \(error); that line was read as plain text")
                return nil
            }
        }

        for (pi, p) in paragraphs.enumerated() {
            var s = p.lowerBound
            while s < p.upperBound, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
            guard s < p.upperBound else { continue }
            let line = s..<p.upperBound

            // A speech title line opens a new speech; everything before it closes.
            if line.count <= 80 * 3, standsAlone(pi, paragraphs: paragraphs, bytes: b),
               let m = first(patterns.title, line.lowerBound, line.upperBound),
               m.range.lowerBound == line.lowerBound {
                close(atLevel: 0, at: p.lowerBound)
                speechCount += 1
                let sp = Builder(kind: .speech, label: original(line), ordinal: speechCount, level: 0, start: p.lowerBound, end: b.count,
                                 heading: line, path: [], speech: speechCount)
                if let r = group(m, patterns.title, "speaker") { sp.speaker = original(r) }
                if let y = first(patterns.titleYear, line.lowerBound, line.upperBound),
                   let r = group(y, patterns.titleYear, "y") { sp.date = text.string(r) }
                // Or a year written in the title itself (在2025年…大会上的讲话).
                if sp.date == nil, let y = first(patterns.yearInTitle, line.lowerBound, line.upperBound),
                   let r = group(y, patterns.yearInTitle, "y") { sp.date = text.string(r) }
                open(sp)
                continue
            }
            // The line after a title may give the speech's date: (2025年2月10日) or ——2025年1月16日在….
            if let sp = stack.last, sp.kind == .speech, nodes.last === sp,
               let m = first(patterns.dateLine, line.lowerBound, line.upperBound),
               m.range.lowerBound == line.lowerBound,
               let y = group(m, patterns.dateLine, "y"), let mo = group(m, patterns.dateLine, "m"), let d = group(m, patterns.dateLine, "d"),
               let month = Int(text.string(mo)), let day = Int(text.string(d)) {
                sp.date = "\(text.string(y))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                continue
            }

            // Block labels at the start of the line.
            var blockOpened = false
            var blockLabelSeen = false
            if let m = first(patterns.block, p.lowerBound, line.upperBound),
               m.range.lowerBound == p.lowerBound {
                let r = patterns.block
                var kind: Point.Kind?
                var labelRange = m.range
                var ordinal: Int?
                var family = ""
                if let g = group(m, r, "sec") { kind = .section; labelRange = g; ordinal = cnOrdinal(text.string(g)); family = "sec" }
                else if let g = group(m, r, "sub") { kind = .subsection; labelRange = (g.lowerBound - 1)..<(g.upperBound + 1); ordinal = cnOrdinal(text.string(g)); family = "sub" }
                else if let g = group(m, r, "item") { kind = .item; labelRange = g; ordinal = Int(text.string(g)); family = "item" }
                else if let g = group(m, r, "pitem") { kind = .item; labelRange = (g.lowerBound - 1)..<(g.upperBound + 1); ordinal = Int(text.string(g)); family = "pitem" }
                else if let g = group(m, r, "circ") { kind = .item; labelRange = g; ordinal = Int(text.string(g).unicodeScalars.first!.value - 0x2460 + 1); family = "circ" }
                else if let g = group(m, r, "dash") { kind = .bullet; labelRange = g; family = "dash" }
                if let kind {
                    blockLabelSeen = true
                    let level = levels[kind]!
                    // The label continues the numbering of the innermost open container that has this family
                    // in sequence (a heading or item between `（二）` and `（三）` does not break it); `1` starts
                    // a series in the innermost container if it has none yet.
                    var parent: Builder?
                    // Unnumbered headings do not own numbered series: numbering outranks a guessed heading.
                    let owners = stack.filter { $0.level < level && $0.kind != .heading }
                    for candidate in owners.reversed() {
                        let expected = (candidate.lastOrdinal[family] ?? 0) + 1
                        // A gap in the numbering is accepted only where removed debris (`此处隐藏…字`) hid the rest.
                        let since = candidate.lastChildStart[family] ?? candidate.start
                        let hidden = candidate.lastOrdinal[family] != nil && removalBetween(text.removedAt, since, p.lowerBound)
                        if kind == .bullet || ordinal == expected || (hidden && (ordinal ?? 0) > expected) {
                            parent = candidate
                            break
                        }
                    }
                    // A second series under the same parent (`一、` again after `三、`) is left as plain text.
                    if parent == nil, ordinal == 1, let inner = owners.last, inner.lastOrdinal[family] == nil { parent = inner }
                    if let parent {
                        while stack.count > 1, stack.last !== parent {
                            let n = stack.removeLast()
                            n.end = trimEnd(p.lowerBound, from: n.start)
                        }
                        if let o = ordinal { parent.lastOrdinal[family] = o }
                        parent.lastChildStart[family] = p.lowerBound
                        let label = original(labelRange)
                        let n = Builder(kind: kind, label: label, ordinal: ordinal, level: level, start: labelRange.lowerBound,
                                        end: b.count, heading: headingRange(from: labelRange.lowerBound, lineEnd: line.upperBound),
                                        path: parent.path + [label], speech: speechCount > 0 ? speechCount : nil)
                        open(n)
                        blockOpened = true
                    }
                }
            }

            // An unnumbered heading: a short line without closing punctuation, followed by body text.
            if !blockLabelSeen, isHeading(line, paragraphIndex: pi, paragraphs: paragraphs, bytes: b) {
                if let last = nodes.last, last.kind == .heading, stack.last === last, last.heading?.upperBound ?? 0 >= previousLineEnd(pi, paragraphs) {
                    last.heading = last.heading!.lowerBound..<line.upperBound  // a two-line heading (title + subtitle)
                } else {
                    let level = stack.contains { $0.kind == .section } ? 2 : 1
                    close(atLevel: level, at: p.lowerBound)
                    let parent = container(below: level)
                    let label = original(line)
                    open(Builder(kind: .heading, label: label, ordinal: nil, level: level, start: line.lowerBound, end: b.count,
                                 heading: line, path: parent.path + [label], speech: speechCount > 0 ? speechCount : nil))
                }
                continue
            }

            // Inline points anywhere in the paragraph.
            do { try patterns.inline.forEachMatch(in: b, range: line, scratch: scratch) { m in
                let r = patterns.inline
                guard atBoundary(b, m.range.lowerBound, lineStart: line.lowerBound) else { return true }
                var ordinal: Int?
                var family = ""
                var labelRange = m.range
                if let g = group(m, r, "cn"), let f = group(m, r, "fam") {
                    ordinal = cnOrdinal(text.string(g)); family = text.string(f); labelRange = g.lowerBound..<f.upperBound
                } else if let g = group(m, r, "ord") {
                    ordinal = cnOrdinal(text.string(g)); family = "第"; labelRange = (g.lowerBound - 3)..<g.upperBound
                } else if let g = group(m, r, "seq") {
                    family = "序"; labelRange = g
                    let word = text.string(g)
                    ordinal = word == "首先" ? 1 : word == "其次" ? 2 : word == "再次" ? 3 : nil
                }
                let level = 5
                let parent = container(below: level)
                let last = parent.lastOrdinal[family] ?? 0
                if family == "序" && ordinal == nil { ordinal = last >= 2 ? last + 1 : nil }  // 最后 only ends a 首先/其次 series
                guard let o = ordinal, o == last + 1 || (o == 1 && last > 0) else { return true }
                close(atLevel: level, at: labelRange.lowerBound)
                parent.lastOrdinal[family] = o
                let label = original(labelRange)
                open(Builder(kind: .inline, label: label, ordinal: o, level: level, start: labelRange.lowerBound, end: b.count,
                             heading: headingRange(from: labelRange.lowerBound, lineEnd: line.upperBound),
                             path: parent.path + [label], speech: speechCount > 0 ? speechCount : nil,
                             paragraphBounded: labelRange.lowerBound > line.lowerBound))
                return true
            } } catch {
                problems.append("the inline-point pattern stopped at cleaned byte \(line.lowerBound): \(error); the rest of that paragraph was read as plain text")
            }
            // Inline points that began inside this paragraph end with it.
            while stack.count > 1, stack.last!.paragraphBounded {
                let n = stack.removeLast()
                n.end = trimEnd(p.upperBound, from: n.start)
            }
        }
        close(atLevel: 0, at: b.count)

        let points = nodes.map { n in
            var p = Point(kind: n.kind, label: n.label, ordinal: n.ordinal, path: n.path, range: n.start..<max(n.start, n.end),
                          heading: n.heading, speech: n.speech, speaker: n.speaker, date: n.date)
            p.parent = n.parentIndex
            return p
        }
        let rootPoint = Point(kind: .document, label: "", ordinal: nil, path: [], range: 0..<b.count, heading: nil, speech: nil,
                              speaker: nil, date: nil)
        var seg = Segmentation(paragraphs: paragraphs, sentences: sentences, points: points, root: rootPoint)
        seg.problems = problems
        return seg
    }

    /// Whether `i` starts a paragraph (after layout spaces) or follows punctuation (。;:!?,、): where an
    /// inline label can stand (`统一是` holds no label).
    static func atBoundary(_ b: [UInt8], _ i: Int, lineStart: Int) -> Bool {
        if i == lineStart { return true }
        let c = b[i - 1]
        if c == 0x3B || c == 0x3A || c == 0x21 || c == 0x3F || c == 0x2C { return true }  // ; : ! ? ,
        if i >= lineStart + 3, b[i - 3] == 0xE3, b[i - 2] == 0x80, b[i - 1] == 0x82 || b[i - 1] == 0x81 { return true }  // 。 、
        return false
    }

    /// Whether a removal stood in (after, upTo]: `removedAt` is sorted.
    static func removalBetween(_ removedAt: [Int], _ after: Int, _ upTo: Int) -> Bool {
        let k = Search.first(removedAt.count) { removedAt[$0] > after }
        return k < removedAt.count && removedAt[k] <= upTo
    }

    static func previousLineEnd(_ pi: Int, _ paragraphs: [Range<Int>]) -> Int { pi > 0 ? paragraphs[pi - 1].upperBound : 0 }

    /// 三 → 3, 十二 → 12.
    static func cnOrdinal(_ s: String) -> Int? { Numerals.parse(s).flatMap { Int($0.value.description) } }

    /// A line's first and last scalars (layout spaces trimmed) and its length in scalars, read from the
    /// bytes without building Strings: these checks run on every paragraph.
    struct LineShape {
        var first: UInt32 = 0
        var last: UInt32 = 0
        var count = 0
        var hasFullStop = false
        var hasColon = false
        init(_ b: [UInt8], _ r: Range<Int>, limit: Int = .max) {
            var i = r.lowerBound
            var e = r.upperBound
            while i < e, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            while e > i, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
            guard i < e else { return }
            first = UTF8Scalar.decode(b, i).value
            var k = e - 1
            while k > i, b[k] & 0xC0 == 0x80 { k -= 1 }
            last = UTF8Scalar.decode(b, k).value
            while i < e && count <= limit {
                if b[i] == 0xE3 && i + 2 < e && b[i + 1] == 0x80 && b[i + 2] == 0x82 { hasFullStop = true }
                if b[i] == 0x3A { hasColon = true }
                if b[i] & 0xC0 != 0x80 { count += 1 }
                i += 1
            }
        }
        static func among(_ v: UInt32, _ set: String) -> Bool { set.unicodeScalars.contains { $0.value == v } }
    }

    /// Whether line `pi` stands on its own rather than being a fragment of a sentence broken across lines
    /// (as scraped pages break at quotes): the line before ends a sentence or is itself a short line, and
    /// neither this line nor the next starts with closing punctuation.
    static func standsAlone(_ pi: Int, paragraphs: [Range<Int>], bytes b: [UInt8]) -> Bool {
        let badStart = "”’》),,、。;:!?)"
        let line = LineShape(b, paragraphs[pi], limit: 0)
        if LineShape.among(line.first, badStart) || LineShape.among(line.last, "“‘《(") { return false }
        if pi + 1 < paragraphs.count, LineShape.among(LineShape(b, paragraphs[pi + 1], limit: 0).first, badStart) { return false }
        guard pi > 0 else { return true }
        let prev = LineShape(b, paragraphs[pi - 1], limit: 41)
        if LineShape.among(prev.last, "。!?;:)”") {
            // A quotation closing a long line may still be mid-sentence unless it closes one (。”).
            guard prev.last == 0x201D, prev.count > 40 else { return true }
            let r = paragraphs[pi - 1]
            var e = r.upperBound
            while e > r.lowerBound, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
            return e - r.lowerBound >= 6 && b[(e - 6)..<(e - 3)].elementsEqual([0xE3, 0x80, 0x82])
        }
        // A short previous line (a title, a heading, a date line) ends without punctuation too.
        return prev.count <= 40 && !LineShape.among(prev.last, "“《,")
    }

    /// A short line with no closing punctuation, not the document's first line, standing on its own and
    /// followed by a longer line of body text.
    static func isHeading(_ line: Range<Int>, paragraphIndex pi: Int, paragraphs: [Range<Int>], bytes b: [UInt8]) -> Bool {
        guard pi > 0, pi + 1 < paragraphs.count, line.count <= 24 * 4 else { return false }
        let shape = LineShape(b, line)
        guard shape.count >= 2 && shape.count <= 24, !shape.hasFullStop, !shape.hasColon else { return false }
        if shape.first == 0x28 || shape.first == 0x2014 { return false }  // ( or ——
        if LineShape.among(shape.last, "。!?;:,、…)") || (0x30...0x39).contains(shape.last) { return false }
        guard standsAlone(pi, paragraphs: paragraphs, bytes: b) else { return false }
        // The next line must be body text: longer, ending in punctuation.
        let next = LineShape(b, paragraphs[pi + 1], limit: 41)
        if next.count > shape.count && (LineShape.among(next.last, "。!;") || next.count > 40) { return true }
        // Or a second short heading line (title + subtitle) followed by body text.
        if pi + 2 < paragraphs.count, next.count <= 24, !next.hasFullStop {
            let after = LineShape(b, paragraphs[pi + 2], limit: 41)
            return after.count > 40 || after.last == 0x3002
        }
        return false
    }

    /// Paragraphs are lines; sentences end at 。！？； (ASCII after folding, except 。) and at line ends.
    static func splitParagraphsAndSentences(_ b: [UInt8]) -> ([Range<Int>], [Range<Int>]) {
        var paragraphs: [Range<Int>] = []
        var sentences: [Range<Int>] = []
        var lineStart = 0
        var sentenceStart = 0
        func closeSentence(_ end: Int) {
            var s = sentenceStart
            while s < end && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
            if s < end { sentences.append(s..<end) }
            sentenceStart = end
        }
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0A {
                closeSentence(i)
                if lineStart < i { paragraphs.append(lineStart..<i) }
                lineStart = i + 1
                sentenceStart = i + 1
                i += 1
            } else if c == 0x21 || c == 0x3F || c == 0x3B {  // ! ? ;
                closeSentence(i + 1)
                i += 1
            } else if c == 0xE3 && i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x82 {  // 。
                closeSentence(i + 3)
                i += 3
            } else {
                i += 1
            }
        }
        closeSentence(b.count)
        if lineStart < b.count { paragraphs.append(lineStart..<b.count) }
        return (paragraphs, sentences)
    }
}

