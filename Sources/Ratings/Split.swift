/// A train/validation partition of a rating set.
public struct Split: Sendable {
    public var train: [Rating]
    public var validation: [Rating]

    public init(train: [Rating], validation: [Rating]) {
        self.train = train
        self.validation = validation
    }

    /// The reference notebooks' protocol: for each user, the chronologically last `n`
    /// ratings are held out (ties in time broken by movie id, so the split is a pure
    /// function of the data). Users with no more than `n` ratings keep all of theirs in
    /// training, so that every validated user has a history.
    public static func leaveLastOut(_ ratings: [Rating], n: Int = 1) -> Split {
        precondition(n >= 1, "leave-last-out needs n ≥ 1")
        var byUser: [Int64: [Rating]] = [:]
        for rating in ratings { byUser[rating.user, default: []].append(rating) }
        var train: [Rating] = []
        var validation: [Rating] = []
        train.reserveCapacity(ratings.count)
        for user in byUser.keys.sorted() {
            guard let history = byUser[user] else { continue }
            let ordered = history.sorted(by: Rating.chronologically)
            let cut = ordered.count > n ? ordered.count - n : ordered.count
            train.append(contentsOf: ordered[..<cut])
            validation.append(contentsOf: ordered[cut...])
        }
        return Split(train: train, validation: validation)
    }

    /// A random split as the notebooks draw it with NumPy: row `i` goes to validation
    /// when the i-th uniform draw of `SeededUniform(seed)` is at least `trainFraction`.
    public static func random(_ ratings: [Rating], trainFraction: Double = 0.8, seed: UInt32 = 42) -> Split {
        var draws = MersenneTwister(seed: seed)
        var train: [Rating] = []
        var validation: [Rating] = []
        for rating in ratings {
            if draws.nextDouble() < trainFraction { train.append(rating) } else { validation.append(rating) }
        }
        return Split(train: train, validation: validation)
    }
}

extension Rating {
    /// Time order, then movie id: the order a user's history is read in.
    public static func chronologically(_ a: Rating, _ b: Rating) -> Bool {
        a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.movie < b.movie
    }
}
