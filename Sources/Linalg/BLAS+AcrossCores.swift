import Foundation
import Threads

extension BLAS {
    /// The smallest matrix (in elements) that `gemvAcrossCores` splits: 2²⁰ floats, 4 MB.
    /// Below it a gemv runs from cache in well under a millisecond and handing half of it to
    /// another thread costs more than it saves.
    public static let acrossCoresMinimumElements = 1 << 20

    /// y = A·x + beta·y over row-major A, with A's rows cut into one block per core and the
    /// blocks computed at once. A gemv over a whole catalogue (60,000 movies × 100 factors is
    /// 24 MB, more than a core's share of the cache) is bound by the memory bandwidth one core
    /// can draw, so two cores finish it in two-thirds of the time or less
    /// (Benchmarks/http/PARTNER-THREADS.md). The blocks beyond the caller's go to partner threads idle
    /// at that moment (`PartnerPool.shared`); with none idle, as on a busy server, the caller
    /// computes the whole product. Smaller matrices get one plain gemv on the caller's thread.
    public static func gemvAcrossCores(
        rows: Int, columns: Int, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>,
        minimumElements: Int = acrossCoresMinimumElements, partners pool: PartnerPool = .shared
    ) {
        let wanted = rows * columns >= minimumElements ? min(activeCores, rows) : 1
        guard wanted > 1 else {
            gemv(rows: rows, columns: columns, a: a, lda: lda, x: x, beta: beta, y: y)
            return
        }
        pool.withIdlePartners(upTo: wanted - 1) { partners in
            let blocks = partners.count + 1
            PartnerThread.inParts(partners) { block in
                let first = rows * block / blocks
                let end = rows * (block + 1) / blocks
                gemv(rows: end - first, columns: columns, a: a + first * lda, lda: lda, x: x, beta: beta, y: y + first)
            }
        }
    }

    /// Cores this process may run on, read once.
    private static let activeCores = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
