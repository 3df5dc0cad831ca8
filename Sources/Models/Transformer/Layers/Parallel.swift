import Foundation

/// Splits 0..<count into one contiguous range per core and runs `body` on each in
/// parallel when the work is large enough to pay for the hand-off; element-wise layers
/// use it so both cores work between the (already threaded) gemm calls.
func parallelRanges(_ count: Int, minimumPerThread: Int = 1 << 16, _ body: (Range<Int>) -> Void) {
    let threads = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / minimumPerThread))
    if threads <= 1 {
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
