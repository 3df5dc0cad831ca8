import Linalg

/// A fixed heap block of scalars with a stable address, so activations can be allocated
/// once for the largest batch and handed to CBLAS as raw pointers in the training loop.
final class ScalarBuffer<T: BLASScalar> {
    let count: Int
    let pointer: UnsafeMutablePointer<T>

    init(_ count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    func zero() { pointer.update(repeating: 0, count: count) }

    var array: [T] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
