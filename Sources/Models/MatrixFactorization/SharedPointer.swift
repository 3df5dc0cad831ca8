/// A raw pointer handed to worker threads that write disjoint parts of one buffer.
/// The caller guarantees the partition (each thread owns whole rows), which is what
/// makes the unchecked `Sendable` sound.
struct SharedPointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
