/// The k largest scores by partial selection (a bounded min-heap), O(n log k), so that
/// ranking tens of thousands of movies per request never pays for a full sort.
public enum TopK {
    /// Indices and scores of the `k` highest finite scores among `count`, best first,
    /// skipping indices for which `excluded` is true. Ties go to the lower index.
    public static func select(
        _ scores: UnsafeBufferPointer<Float>, k: Int,
        excluded: (Int) -> Bool = { _ in false }
    ) -> [(index: Int, score: Float)] {
        guard k > 0 else { return [] }
        var heap: [(index: Int, score: Float)] = []
        heap.reserveCapacity(k)
        // Min-heap on (score, -index): the root is the worst candidate kept.
        func worse(_ a: (index: Int, score: Float), _ b: (index: Int, score: Float)) -> Bool {
            a.score != b.score ? a.score < b.score : a.index > b.index
        }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                if left >= heap.count { return }
                var child = left
                if left + 1 < heap.count, worse(heap[left + 1], heap[left]) { child = left + 1 }
                if worse(heap[child], heap[parent]) {
                    heap.swapAt(child, parent)
                    parent = child
                } else { return }
            }
        }
        func siftUp(_ start: Int) {
            var child = start
            while child > 0 {
                let parent = (child - 1) / 2
                if worse(heap[child], heap[parent]) {
                    heap.swapAt(child, parent)
                    child = parent
                } else { return }
            }
        }
        // Once the heap is full, almost every score loses to its root: test that first, with
        // a plain comparison, and only then call `excluded` (a closure call per score was a
        // tenth of a /similar request over 60k movies).
        var index = 0
        while index < scores.count, heap.count < k {
            let score = scores[index]
            if score.isFinite, !excluded(index) {
                heap.append((index: index, score: score))
                siftUp(heap.count - 1)
            }
            index += 1
        }
        // Scores equal to the root's lose on index (later indices are higher), so only a
        // strictly greater finite score can enter; the root's score is kept in a local.
        var threshold = heap.first?.score ?? .infinity
        while index < scores.count {
            let score = scores[index]
            if score > threshold, score.isFinite, !excluded(index) {
                heap[0] = (index: index, score: score)
                siftDown(0)
                threshold = heap[0].score
            }
            index += 1
        }
        return heap.sorted { worse($1, $0) }
    }
}
