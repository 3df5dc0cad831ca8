import Foundation

/// A large buffer of plain values on 2 MiB pages (transparent huge pages, asked for with
/// `madvise` before the first write), for the SGD sweep's randomly accessed tables.
///
/// Why: an epoch reads user and movie rows at random and shuffles the rating order in
/// place; with 160k users × 100 factors the user rows alone span 64 MiB, 16k ordinary
/// 4 KiB pages — far more than the TLB holds — so almost every step paid a page walk on
/// top of its cache miss. On 2 MiB pages a table is a few dozen TLB entries. Where the
/// kernel refuses huge pages the buffer is simply ordinary memory; results never depend
/// on it.
final class HugePageBuffer<Element: BitwiseCopyable> {
    let base: UnsafeMutablePointer<Element>
    let count: Int
    private static var pageSize: Int { 2 << 20 }

    /// `count` elements, uninitialised: write before reading.
    init(count: Int) {
        self.count = count
        let bytes = max(count * MemoryLayout<Element>.stride, 1)
        let rounded = (bytes + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        var aligned: UnsafeMutableRawPointer?
        if posix_memalign(&aligned, Self.pageSize, rounded) == 0, let aligned {
            // A hint: where it is refused the pages are ordinary, which is only slower.
            _ = madvise(aligned, rounded, Int32(MADV_HUGEPAGE))
        } else {
            aligned = malloc(bytes)
        }
        guard let aligned else { fatalError("out of memory: \(bytes) bytes for SGD tables") }
        base = aligned.bindMemory(to: Element.self, capacity: max(count, 1))
    }

    /// A copy of `source`.
    convenience init(copying source: UnsafeBufferPointer<Element>) {
        self.init(count: source.count)
        if let from = source.baseAddress { base.update(from: from, count: count) }
    }

    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// Writes the buffer back over `destination` (same count).
    func copy(to destination: UnsafeMutableBufferPointer<Element>) {
        if let to = destination.baseAddress { to.update(from: base, count: min(count, destination.count)) }
    }

    deinit { free(base) }
}
