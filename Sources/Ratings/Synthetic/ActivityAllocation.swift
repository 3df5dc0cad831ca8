import Foundation

/// How many ratings each user gets: a floor for everyone plus a power-law share of the
/// rest by activity rank, never more than there are movies, summing exactly to the total.
enum ActivityAllocation {
    /// - Parameters:
    ///   - ranks: ranks[u] is user u's activity rank (0 = busiest), a permutation.
    ///   - capacity: most ratings one user can have (the movie count).
    static func counts(total: Int, ranks: [Int], minimum: Int, capacity: Int, exponent: Double) -> [Int] {
        let users = ranks.count
        var counts = [Int](repeating: minimum, count: users)
        var remaining = Double(total - users * minimum)
        let room = Double(capacity - minimum)
        let weights = ranks.map { pow(Double($0 + 1), -exponent) }
        var open = Array(0..<users)
        var shares = [Double](repeating: 0, count: users)
        // Water-filling: users whose share exceeds their room are filled and drop out; the
        // rest is shared again among the others until no share overflows.
        while remaining > 0, !open.isEmpty {
            let weightSum = open.reduce(0.0) { $0 + weights[$1] }
            let overflowing = open.filter { remaining * weights[$0] / weightSum > room }
            if overflowing.isEmpty {
                for user in open { shares[user] = remaining * weights[user] / weightSum }
                break
            }
            for user in overflowing { shares[user] = room }
            remaining -= Double(overflowing.count) * room
            let filled = Set(overflowing)
            open.removeAll { filled.contains($0) }
        }
        var assigned = counts.indices.reduce(0) { sum, user in
            counts[user] += Int(shares[user].rounded(.down))
            return sum + counts[user]
        }
        // Largest remainders take the units rounding left over (ties by user index).
        let byRemainder = counts.indices.sorted { a, b in
            let ra = shares[a] - shares[a].rounded(.down), rb = shares[b] - shares[b].rounded(.down)
            return ra != rb ? ra > rb : a < b
        }
        var next = 0
        while assigned < total {
            let user = byRemainder[next % users]
            if counts[user] < capacity {
                counts[user] += 1
                assigned += 1
            }
            next += 1
        }
        return counts
    }
}
