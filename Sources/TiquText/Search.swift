/// The one binary search of the package: offsets, sentences, points and tables are sorted arrays.
package enum Search {
    /// The first index in 0..<count where `isAfter` holds, for a predicate that is false and then true
    /// along the indices (count when it never holds).
    @inlinable
    package static func first(_ count: Int, where isAfter: (Int) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAfter(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
