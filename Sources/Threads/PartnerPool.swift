import Foundation

/// Partner threads for callers that own none: a product that can use more cores borrows the
/// ones idle at that moment and never waits for one, so a lone request uses every core while
/// a busy server (every partner borrowed) keeps one thread per request. Partners go back so
/// that the one a split hands its first share to is lent first again: the likeliest to be
/// still polling for work.
public final class PartnerPool: @unchecked Sendable {
    /// One partner per core beyond the caller's.
    public static let shared = PartnerPool(limit: ProcessInfo.processInfo.activeProcessorCount - 1, name: "blas-partner")

    private let limit: Int
    private let name: String
    private var idle: [PartnerThread] = []
    private var created = 0
    private let lock = NSLock()

    /// At most `limit` partners, made when first needed; `name` is their threads' name.
    public init(limit: Int, name: String) {
        self.limit = max(0, limit)
        self.name = name
    }

    /// Runs `body` with up to `count` partners that were idle (possibly none), then takes them back.
    public func withIdlePartners<R>(upTo count: Int, _ body: ([PartnerThread]) throws -> R) rethrows -> R {
        var partners: [PartnerThread] = []
        lock.lock()
        while partners.count < count {
            if let partner = idle.popLast() {
                partners.append(partner)
            } else if created < limit {
                created += 1
                partners.append(PartnerThread(name: name))
            } else {
                break
            }
        }
        lock.unlock()
        defer {
            lock.lock()
            idle += partners.reversed()
            lock.unlock()
        }
        return try body(partners)
    }
}
