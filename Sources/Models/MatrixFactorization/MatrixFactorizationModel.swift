import Linalg
import Ratings

/// A trained biased matrix factorization: rating ≈ μ + b_u + b_i + p_u·q_i, clipped to the
/// range of ratings seen in training.
///
/// Rows are dense indices; `users` and `movies` map them to the raw ids the rest of movierec
/// speaks. Cold start: an unknown user gets μ + b_i, an unknown movie μ + b_u, both unknown μ.
public struct MatrixFactorizationModel: Sendable, Equatable {
    public internal(set) var users: IDIndex
    public internal(set) var movies: IDIndex
    public internal(set) var globalMean: Float
    public internal(set) var userBias: [Float]
    public internal(set) var itemBias: [Float]
    /// users × factors.
    public internal(set) var userFactors: Matrix
    /// movies × factors; its rows are what cosine similarity between movies is taken over.
    public internal(set) var itemFactors: Matrix
    /// Lowest and highest rating in training; predictions are clipped into it.
    public internal(set) var minimumRating: Float
    public internal(set) var maximumRating: Float

    public var factors: Int { itemFactors.columns }

    /// Assembles a model from its parameters, checking that the shapes agree.
    public init(users: IDIndex, movies: IDIndex, globalMean: Float, userBias: [Float], itemBias: [Float],
                userFactors: Matrix, itemFactors: Matrix, minimumRating: Float, maximumRating: Float) {
        precondition(userBias.count == users.count && userFactors.rows == users.count, "user shapes disagree")
        precondition(itemBias.count == movies.count && itemFactors.rows == movies.count, "movie shapes disagree")
        precondition(userFactors.columns == itemFactors.columns, "factor counts disagree")
        self.users = users
        self.movies = movies
        self.globalMean = globalMean
        self.userBias = userBias
        self.itemBias = itemBias
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        self.minimumRating = minimumRating
        self.maximumRating = maximumRating
    }

    /// Unclipped μ + b_u + b_i + p_u·q_i.
    public func rawPrediction(userIndex: Int, movieIndex: Int) -> Float {
        let dot = userFactors.storage.withUnsafeBufferPointer { p in
            itemFactors.storage.withUnsafeBufferPointer { q -> Float in
                guard let pBase = p.baseAddress, let qBase = q.baseAddress else { return 0 }
                return BLAS.dot(factors, pBase + userIndex * factors, qBase + movieIndex * factors)
            }
        }
        return globalMean + userBias[userIndex] + itemBias[movieIndex] + dot
    }

    /// The predicted rating for a known user and movie, clipped to the training range.
    public func predict(userIndex: Int, movieIndex: Int) -> Float {
        clip(rawPrediction(userIndex: userIndex, movieIndex: movieIndex))
    }

    /// The predicted rating for raw ids, falling back to biases for unknown ones.
    public func predict(user: Int64, movie: Int64) -> Float {
        predict(userIndex: users.index(of: user), movieIndex: movies.index(of: movie))
    }

    /// The predicted rating for dense indices, nil meaning unknown (the cold-start fallbacks).
    public func predict(userIndex: Int?, movieIndex: Int?) -> Float {
        switch (userIndex, movieIndex) {
        case let (u?, m?): return predict(userIndex: u, movieIndex: m)
        case let (nil, m?): return clip(globalMean + itemBias[m])
        case let (u?, nil): return clip(globalMean + userBias[u])
        case (nil, nil): return clip(globalMean)
        }
    }

    /// Unclipped scores of one known user against every movie, in movie-index order, from one
    /// gemv over the item matrix (on every core when the catalogue is large): the ranking
    /// input of top-k recommendation.
    public func scores(forUser userIndex: Int) -> [Float] {
        scores(userFactors: userFactors.row(userIndex), userBias: userBias[userIndex])
    }

    /// Scores of an arbitrary user vector (for instance one folded in from new ratings).
    public func scores(userFactors vector: [Float], userBias bias: Float) -> [Float] {
        precondition(vector.count == factors, "user vector must have \(factors) factors")
        var result = itemBias
        let offset = globalMean + bias
        for index in result.indices { result[index] += offset }
        itemFactors.storage.withUnsafeBufferPointer { q in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    guard let qBase = q.baseAddress, let xBase = x.baseAddress, let yBase = y.baseAddress else { return }
                    BLAS.gemvAcrossCores(rows: movies.count, columns: factors, a: qBase, lda: factors,
                                         x: xBase, beta: 1, y: yBase)
                }
            }
        }
        return result
    }

    /// Scores for a user the model has never seen: μ + b_i per movie (popularity with quality).
    public func coldStartScores() -> [Float] {
        itemBias.map { globalMean + $0 }
    }

    public func clip(_ value: Float) -> Float {
        min(max(value, minimumRating), maximumRating)
    }
}
