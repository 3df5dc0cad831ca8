/// Ranking figures of every ranker a file was trained with, and the one chosen to serve
/// `/recommendations`:
///
/// | key | value |
/// |---|---|
/// | `<kind>.validation.users`, `.hit_rate`, `.ndcg`, `.k`, `.holdout` | `RankingValidationScores` of kind `mf`, `ials` or `ease` |
/// | `ranking.most_rated.users`, `.hit_rate`, `.ndcg`, `.k`, `.holdout` | the same for the most-rated list, the floor |
/// | `ranking.default` | the kind with the best validation NDCG@k among those trained, or `most_rated` when none beats it |
extension ModelFile {
    private static let defaultRankerKey = "ranking.default"

    /// The ranker `/recommendations` serves unless asked for another; nil when the file was
    /// trained without validation.
    public var defaultRanker: String? {
        get { container.metadata[Self.defaultRankerKey] }
        set { container.metadata[Self.defaultRankerKey] = newValue }
    }

    /// Records (or with nil removes) a ranker's validation scores; `kind` is a model kind or
    /// `RankingValidationScores.mostRatedKind`.
    public mutating func setRankingValidation(_ scores: RankingValidationScores?, of kind: String) {
        let prefix = Self.rankingPrefix(kind)
        for suffix in RankingKey.all { container.metadata[prefix + suffix] = nil }
        guard let scores else { return }
        container.metadata[prefix + RankingKey.users] = String(scores.users)
        container.metadata[prefix + RankingKey.hitRate] = "\(scores.hitRate)"
        container.metadata[prefix + RankingKey.ndcg] = "\(scores.ndcg)"
        container.metadata[prefix + RankingKey.k] = String(scores.k)
        container.metadata[prefix + RankingKey.holdout] = scores.holdout
    }

    /// A ranker's validation scores, nil when the file has none for it (files that load
    /// have well-formed ones: `checkRankingMetadata`).
    public func rankingValidation(of kind: String) -> RankingValidationScores? {
        try? storedRankingValidation(of: kind)
    }

    /// Throws when a ranker's scores are present but malformed, or `ranking.default` names a
    /// kind the file does not hold (most-rated, which needs no tensors, aside).
    func checkRankingMetadata() throws {
        for kind in models + [RankingValidationScores.mostRatedKind] { _ = try storedRankingValidation(of: kind) }
        if let chosen = defaultRanker, !models.contains(chosen), chosen != RankingValidationScores.mostRatedKind {
            throw ModelFileError.invalidMetadata(key: Self.defaultRankerKey, value: chosen)
        }
    }

    private func storedRankingValidation(of kind: String) throws -> RankingValidationScores? {
        let prefix = Self.rankingPrefix(kind)
        guard container.metadata[prefix + RankingKey.ndcg] != nil else { return nil }
        return RankingValidationScores(
            users: try integer(prefix + RankingKey.users), hitRate: try number(prefix + RankingKey.hitRate),
            ndcg: try number(prefix + RankingKey.ndcg), k: try integer(prefix + RankingKey.k),
            holdout: try Self.required(prefix + RankingKey.holdout, in: container))
    }

    private static func rankingPrefix(_ kind: String) -> String {
        kind == RankingValidationScores.mostRatedKind ? "ranking.\(kind)." : "\(kind).validation."
    }

    private enum RankingKey {
        static let users = "users"
        static let hitRate = "hit_rate"
        static let ndcg = "ndcg"
        static let k = "k"
        static let holdout = "holdout"
        static let all = [users, hitRate, ndcg, k, holdout]
    }
}
