/// ZᵀZ and ZᵀY of EASE (see `EASEConfiguration`) from the ratings, accumulated pair by pair
/// over each user's features: O(Σ_u (c·n_u)²) work, which on rating data (a few percent
/// dense) is far below the O(users·(c·n)²) of a dense product and needs no users × movies
/// matrix. Feature t·n + j is movie j seen through channel t.
enum EASEGram {
    /// - Returns: `gram` ZᵀZ (lower triangle, row-major F × F for F = c·n) and `cross` ZᵀY
    ///   (F × n), the latter empty when `needsCross` is false.
    static func accumulate(_ byUser: ImplicitFeedback.Groups, movies n: Int, configuration: EASEConfiguration,
                           needsCross: Bool) -> (gram: [Float], cross: [Float]) {
        let channels = configuration.channels
        let features = channels.count * n
        let targets = configuration.targets ?? channels[0].inputs
        var gram = [Float](repeating: 0, count: features * features)
        var cross = [Float](repeating: 0, count: needsCross ? features * n : 0)
        var active: [(feature: Int, value: Float)] = []
        for user in 0..<byUser.count {
            let range = byUser.range(user)
            // Channel-major, movies ascending within a channel: features ascend, so q ≤ p
            // lands in the lower triangle.
            active.removeAll(keepingCapacity: true)
            for (channel, weights) in channels.enumerated() {
                for entry in range {
                    let value = weights.inputs.value(of: byUser.values[entry])
                    if value != 0 { active.append((channel * n + Int(byUser.other[entry]), value)) }
                }
            }
            for p in active.indices {
                let row = active[p].feature * features, x = active[p].value
                for q in 0...p { gram[row + active[q].feature] += x * active[q].value }
                guard needsCross else { continue }
                let crossRow = active[p].feature * n
                for entry in range {
                    let y = targets.value(of: byUser.values[entry])
                    if y != 0 { cross[crossRow + Int(byUser.other[entry])] += x * y }
                }
            }
        }
        return (gram, cross)
    }
}
