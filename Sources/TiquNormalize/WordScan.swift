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
}
