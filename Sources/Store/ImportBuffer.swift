import Ratings

/// Collects an import's ratings in bounded chunks and hands each chunk back sorted by
/// (user, movie) with only the newest line per pair (the later line among equal
/// timestamps), so the store can write it in key order.
///
/// Why: upserting millions of rows in file order hits the B-trees at random and thrashes
/// the page cache (≈ 35k rows/s at 10M rows); in key order each chunk is one sequential
/// sweep. Memory is bounded by `capacity` × 32 bytes, whatever the file size.
struct ImportBuffer {
    private struct Staged {
        var user: Int64
        var movie: Int64
        var timestamp: Int64
        var value: Float
        /// Position in the file within this chunk, to break timestamp ties by line order.
        var order: UInt32
    }

    let capacity: Int
    private var rows: [Staged] = []

    init(capacity: Int = 4 << 20) {
        precondition(capacity > 0 && capacity <= Int(UInt32.max), "chunk capacity must fit UInt32 positions")
        self.capacity = capacity
        rows.reserveCapacity(capacity)
    }

    var isFull: Bool { rows.count >= capacity }
    var isEmpty: Bool { rows.isEmpty }

    mutating func append(_ rating: Rating) {
        rows.append(Staged(user: rating.user, movie: rating.movie, timestamp: rating.timestamp,
                           value: rating.value, order: UInt32(truncatingIfNeeded: rows.count)))
    }

    /// Sorts the chunk, calls `body` with each pair's newest rating in (user, movie)
    /// order, and empties the buffer.
    mutating func drain(_ body: (Rating) throws -> Void) throws {
        rows.sort { a, b in
            if a.user != b.user { return a.user < b.user }
            if a.movie != b.movie { return a.movie < b.movie }
            if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
            return a.order < b.order
        }
        var index = 0
        while index < rows.count {
            let row = rows[index]
            let isLastOfPair = index + 1 == rows.count
                || rows[index + 1].user != row.user || rows[index + 1].movie != row.movie
            if isLastOfPair {
                try body(Rating(user: row.user, movie: row.movie, value: row.value, timestamp: row.timestamp))
            }
            index += 1
        }
        rows.removeAll(keepingCapacity: true)
    }
}
