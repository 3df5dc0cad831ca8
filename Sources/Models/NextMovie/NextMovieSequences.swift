import Ratings

/// Training windows of the next-movie transformer: each user's ratings in time order
/// s₁…sₙ are cut, from the newest backwards, into windows of S slots whose targets are
/// s₂…sₙ and whose inputs are the movie before each target, right-aligned and left-padded
/// with PAD. Every rating but each user's first is a target exactly once per epoch.
public struct NextMovieSequences: Sendable {
    public let sequenceLength: Int
    public private(set) var count = 0
    private(set) var movies: [Int32] = []
    private(set) var ratings: [Int32] = []
    private(set) var targets: [Int32] = []
    /// Training ratings per movie row (0…V), for the sampled softmax's draws.
    public private(set) var movieCounts: [Int]

    /// - Parameter movies: the model's catalogue; a movie's row is its index + 1 (row 0 is PAD).
    public init(ratings: [Rating], movies: IDIndex, sequenceLength: Int) {
        self.sequenceLength = sequenceLength
        movieCounts = [Int](repeating: 0, count: movies.count + 1)
        var byUser: [Int64: [Rating]] = [:]
        for rating in ratings { byUser[rating.user, default: []].append(rating) }
        for user in byUser.keys.sorted() {
            guard let history = byUser[user]?.sorted(by: Rating.chronologically) else { continue }
            let rows = history.map { movies.index(of: $0.movie).map { Int32($0 + 1) } ?? 0 }
            let stars = history.map { TransformerVocabulary.ratingRow($0.value) }
            for row in rows { movieCounts[Int(row)] += 1 }
            // Window ends e = n, n − S, …; slot s of a window holds input e − S + s − 1
            // (0-based: inputs rows[e − S + s − 1], targets rows[e − S + s]).
            var end = rows.count
            while end >= 2 {
                let first = max(1, end - sequenceLength)
                let padding = sequenceLength - (end - first)
                self.movies += [Int32](repeating: 0, count: padding)
                self.ratings += [Int32](repeating: 0, count: padding)
                self.targets += [Int32](repeating: 0, count: padding)
                for i in first..<end {
                    self.movies.append(rows[i - 1])
                    self.ratings.append(rows[i - 1] == 0 ? 0 : stars[i - 1])
                    self.targets.append(rows[i - 1] == 0 ? 0 : rows[i])
                }
                count += 1
                end -= sequenceLength
            }
        }
    }

    /// Fills `batch` with the windows at `indices`.
    func fill(_ batch: inout NextMovieBatch, _ indices: some Collection<Int>) {
        let S = sequenceLength
        batch.count = indices.count
        batch.movies.removeAll(keepingCapacity: true)
        batch.ratings.removeAll(keepingCapacity: true)
        batch.targets.removeAll(keepingCapacity: true)
        for i in indices {
            batch.movies += movies[(i * S)..<((i + 1) * S)]
            batch.ratings += ratings[(i * S)..<((i + 1) * S)]
            batch.targets += targets[(i * S)..<((i + 1) * S)]
        }
    }

    /// The input of a history to score what comes next: its newest S known movies in time
    /// order, left-padded, with their star ratings. Movies outside the catalogue are skipped.
    public static func input(history: [Rating], movies: IDIndex, sequenceLength: Int) -> (movies: [Int32], ratings: [Int32]) {
        var rows = [Int32](repeating: 0, count: sequenceLength)
        var stars = [Int32](repeating: 0, count: sequenceLength)
        var slot = sequenceLength - 1
        for rating in history.sorted(by: Rating.chronologically).reversed() {
            guard slot >= 0 else { break }
            guard let index = movies.index(of: rating.movie) else { continue }
            rows[slot] = Int32(index + 1)
            stars[slot] = TransformerVocabulary.ratingRow(rating.value)
            slot -= 1
        }
        return (rows, stars)
    }
}
