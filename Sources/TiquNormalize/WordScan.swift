/// The places a few words are written in a whole text, found in one pass by Horspool's rule: the byte
/// under the end of the shortest word tells how far no word can start (a text holds many more bytes than
/// places where a word is written, and a two-character word lets the scan jump five or six bytes at a
/// time, where a test of every character cost the year inference a scan of the text per word).
struct WordScan {
    /// The words, none empty.
    let words: [[UInt8]]
    /// The length of the shortest word: the window the rule reads the last byte of.
    let window: Int
    /// For each byte, how far the window may move when it is the window's last byte: 0 where it ends
    /// some word's first `window` bytes (a place to try), else the distance to its last place before the
    /// end in one of them, else `window`.
    let shift: [UInt8]

    init(_ words: [[UInt8]]) {
        self.words = words.filter { !$0.isEmpty }
        let m = min(self.words.map(\.count).min() ?? 1, 255)
        var shift = [UInt8](repeating: UInt8(m), count: 256)
        for w in self.words {
            for j in 0..<m - 1 { shift[Int(w[j])] = min(shift[Int(w[j])], UInt8(m - 1 - j)) }
        }
        for w in self.words { shift[Int(w[m - 1])] = 0 }
        (window, self.shift) = (m, shift)
    }

    /// Every place in `b[range]` where one of the words is written, with the shortest written there, in order.
    func all(in b: [UInt8], _ range: Range<Int>) -> [(at: Int, length: Int)] {
        var out: [(at: Int, length: Int)] = []
        guard !words.isEmpty else { return out }
        var i = range.lowerBound
        let last = range.upperBound - window
        while i <= last {
            let s = Int(shift[Int(b[i + window - 1])])
            if s > 0 { i += s; continue }
            var shortest = 0
            for w in words where w.count <= range.upperBound - i && (shortest == 0 || w.count < shortest) && Self.written(w, b, at: i) {
                shortest = w.count
            }
            if shortest > 0 { out.append((i, shortest)) }
            i += 1
        }
        return out
    }

    /// Whether `w` is written in `b` from `at` on (the caller knows it fits).
    @inline(__always)
    static func written(_ w: [UInt8], _ b: [UInt8], at: Int) -> Bool {
        var k = 0
        while k < w.count && b[at + k] == w[k] { k += 1 }
        return k == w.count
    }

    /// Where `w` (not empty) is first written in `b[range]`: `ByteWords.firstIndex` by the same rule,
    /// with the shift read from the word itself (a one-character mark such as 年 is three bytes: a table
    /// for each paragraph searched would cost more than the scan).
    static func firstIndex(of w: [UInt8], in b: [UInt8], _ range: Range<Int>) -> Int? {
        let m = w.count
        guard m > 0 else { return nil }
        let end = w[m - 1]
        var i = range.lowerBound
        let last = range.upperBound - m
        while i <= last {
            let x = b[i + m - 1]
            if x == end {
                if written(w, b, at: i) { return i }
                i += 1
                continue
            }
            var j = m - 2
            while j >= 0 && w[j] != x { j -= 1 }
            i += m - 1 - j
        }
        return nil
    }
}
