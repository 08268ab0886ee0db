import TiquText

/// Lookups in the extractions already read in a document (`previous`, in the order of their starts, as the
/// normalize loop appends them). Each reader used to search the whole list from its first element for
/// every number, so a document's cost grew with the square of its numbers (a 2 MB report: 165 M
/// instructions in `indicatorBeforeDate` alone); these find the place by binary search and read only the
/// extractions near it.
extension Array where Element == Extraction {
    /// The index of the first extraction that starts at or after `offset`.
    func firstIndex(startingAt offset: Int) -> Int {
        Search.first(count) { self[$0].match.range.lowerBound >= offset }
    }

    /// The first date that starts at or after `offset`.
    func firstDate(startingAt offset: Int) -> Extraction? {
        self[firstIndex(startingAt: offset)...].first { $0.kind == .date }
    }

    /// Whether an extraction other than a date starts at or after `offset`.
    func holdsNonDate(startingAt offset: Int) -> Bool {
        self[firstIndex(startingAt: offset)...].contains { $0.kind != .date }
    }

    /// Whether an extraction other than a date overlaps `range`. Numbers (with dates) and project names are
    /// two layers, each free of overlaps (`Overlaps.resolve`), so among the extractions that start before
    /// `range` only the last of each layer can reach into it.
    /// The extractions are read by index and field (a loop over them copied each one it looked at).
    func nonDateOverlaps(_ range: Range<Int>) -> Bool {
        let i = firstIndex(startingAt: range.lowerBound)
        if startsNonDate(from: i, before: range.upperBound) { return true }
        var seenNumber = false, seenName = false
        var k = i - 1
        while k >= 0 && !(seenNumber && seenName) {
            let kind = self[k].kind, name = kind == .project
            k -= 1
            if name ? seenName : seenNumber { continue }
            if name { seenName = true } else { seenNumber = true }
            if kind != .date && self[k + 1].match.range.overlaps(range) { return true }
        }
        return false
    }

    /// Whether a date starts in `range`.
    func startsDate(in range: Range<Int>) -> Bool {
        var k = firstIndex(startingAt: range.lowerBound)
        while k < count, self[k].match.range.lowerBound < range.upperBound {
            if self[k].kind == .date { return true }
            k += 1
        }
        return false
    }

    /// Whether an extraction other than a date starts before `end`, from index `i` on (the list is in the
    /// order of the starts: none after one that starts at `end` or later starts before it).
    func startsNonDate(from i: Int, before end: Int) -> Bool {
        var k = i
        while k < count, self[k].match.range.lowerBound < end {
            if self[k].kind != .date { return true }
            k += 1
        }
        return false
    }

    /// Whether an extraction other than a date starts in `range`: for a range that starts at a clause
    /// boundary, where nothing read before can reach in, a look at the few extractions after it (not
    /// `nonDateOverlaps`, which may walk back over the whole list when a document has no project names).
    func startsNonDate(in range: Range<Int>) -> Bool {
        startsNonDate(from: firstIndex(startingAt: range.lowerBound), before: range.upperBound)
    }
}
