import Foundation

/// Work split over threads with results in a fixed order, so output never depends on which thread ran first.
enum Parallel {
    /// `body(0) … body(count - 1)`, on up to `threads` threads, the results in index order.
    static func map<T>(_ count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: (Int) -> T) -> [T] {
        if count <= 1 || threads <= 1 { return (0..<count).map(body) }
        let lock = NSLock()
        var results = [T?](repeating: nil, count: count)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            let r = body(k)
            lock.lock()
            results[k] = r
            lock.unlock()
        }
        return results.map { $0! }
    }
}
