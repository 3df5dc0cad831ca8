/// A catalogue movie no model has learned yet (added after the serving file was trained):
/// until a retraining learns it, a model scores it as the mean of its scores for `peers` —
/// movies sharing its genres, chosen by whoever owns the catalogue. That
/// makes a new movie recommendable and predictable from what is known of it at once, and
/// every answer that used such a score flags it as cold start.
public struct ColdMovie: Sendable, Equatable {
    public var id: Int64
    public var peers: [Int64]

    public init(id: Int64, peers: [Int64]) {
        self.id = id
        self.peers = peers
    }
}

extension ColdMovie {
    /// The mean of `scores` (indexed by `model`'s movie indices) over the peers the model
    /// knows; nil when it knows none of them or the movie itself (then it is not cold for it).
    func score(from scores: [Float], of model: any RecommenderModel) -> Float? {
        guard model.movies.index(of: id) == nil else { return nil }
        var sum: Float = 0
        var count = 0
        for peer in peers {
            guard let index = model.movies.index(of: peer), scores[index].isFinite else { continue }
            sum += scores[index]
            count += 1
        }
        return count > 0 ? sum / Float(count) : nil
    }
}
