import Foundation

/// Splits 0..<count into one contiguous range per core and runs `body` on each in
/// parallel when the work is large enough to pay for the hand-off; element-wise layers
/// use it so both cores work between the (already threaded) gemm calls. On a thread that is
/// already one of several parallel workers (`SerialElementwise.run`) it runs `body` once, in
/// place: nesting a second fan-out inside the first only adds hand-offs.
func parallelRanges(_ count: Int, minimumPerThread: Int = 1 << 16, _ body: (Range<Int>) -> Void) {
    let threads = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / minimumPerThread))
    if threads <= 1 || SerialElementwise.isActive {
        body(0..<count)
        return
    }
    let chunk = (count + threads - 1) / threads
    DispatchQueue.concurrentPerform(iterations: threads) { t in
        let start = t * chunk
        let end = min(count, start + chunk)
        if start < end { body(start..<end) }
    }
}

/// Marks the current thread as one worker of a data-parallel step, so that the element-wise
/// layers it calls stay on it (`parallelRanges`).
enum SerialElementwise {
    private static let key = "movierec.serial-elementwise"

    static var isActive: Bool { Thread.current.threadDictionary[key] != nil }

    static func run<T>(_ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        dictionary[key] = true
        defer { dictionary.removeObject(forKey: key) }
        return try body()
    }
}
