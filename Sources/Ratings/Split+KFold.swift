extension Split {
    /// K-fold cross-validation: `folds` splits whose validation parts partition `ratings`.
    ///
    /// The assignment is a pure function of the row count, `folds` and `seed`: the row indices
    /// 0..<n are shuffled exactly as NumPy's `RandomState(seed).permutation(n)` shuffles them
    /// (see `MersenneTwister.permutation(_:)`), and fold i validates on the rows at positions
    /// i, i + folds, i + 2·folds, … of that permutation; it trains on every other row, in file
    /// order. So `np.random.RandomState(seed).permutation(n)[i::folds]` lists fold i's rows.
    public static func kFold(_ ratings: [Rating], folds: Int = 5, seed: UInt32 = 42) -> [Split] {
        let assignment = kFoldAssignment(count: ratings.count, folds: folds, seed: seed)
        return (0..<folds).map { fold in
            var split = Split(train: [], validation: [])
            for (row, rating) in ratings.enumerated() {
                if assignment[row] == fold { split.validation.append(rating) } else { split.train.append(rating) }
            }
            return split
        }
    }

    /// The fold (0..<folds) that validates each of `count` rows; see `kFold`.
    public static func kFoldAssignment(count: Int, folds: Int, seed: UInt32) -> [Int] {
        precondition(folds >= 2, "k-fold needs at least 2 folds")
        var draws = MersenneTwister(seed: seed)
        let order = draws.permutation(count)
        var assignment = [Int](repeating: 0, count: count)
        for (position, row) in order.enumerated() { assignment[row] = position % folds }
        return assignment
    }
}

extension MersenneTwister {
    /// 0..<count in the order NumPy's legacy `RandomState.permutation(count)` gives:
    /// Fisher–Yates from the last position down, each swap partner drawn by rejection
    /// sampling of the masked 32-bit output (NumPy's `random_interval`).
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            order.swapAt(i, interval(UInt32(i)))
            i -= 1
        }
        return order
    }

    /// A uniform integer in 0...max, drawn as NumPy's `random_interval` draws it.
    private mutating func interval(_ max: UInt32) -> Int {
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        var value = nextUInt32() & mask
        while value > max { value = nextUInt32() & mask }
        return Int(value)
    }
}
