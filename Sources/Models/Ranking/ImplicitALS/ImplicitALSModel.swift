import Linalg
import Ratings

/// A trained iALS model: a user's score for a movie is x_uᵀy_i, read as how likely the user
/// is to pick the movie, not as a rating.
///
/// Rows are dense indices; `users` and `movies` map them to raw ids. A user who arrives
/// after training, or whose ratings changed, is served by `foldIn`: the exact iALS user step
/// against the fixed item factors, the same computation training ends each user step with,
/// so a folded-in user is a trained user.
public struct ImplicitALSModel: Sendable, Equatable {
    public static let kind = "ials"

    public let users: IDIndex
    public let movies: IDIndex
    /// users × factors.
    public let userFactors: Matrix
    /// movies × factors.
    public let itemFactors: Matrix
    public let configuration: ImplicitALSConfiguration
    /// α₀YᵀY, every fold-in's share of the all-pairs term, computed once.
    private let scaledGram: [Float]

    public var factors: Int { itemFactors.columns }

    /// Assembles a model from its parameters, checking that the shapes agree.
    public init(users: IDIndex, movies: IDIndex, userFactors: Matrix, itemFactors: Matrix,
                configuration: ImplicitALSConfiguration) {
        precondition(userFactors.rows == users.count && itemFactors.rows == movies.count, "row counts disagree")
        precondition(userFactors.columns == itemFactors.columns, "factor counts disagree")
        self.users = users
        self.movies = movies
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        self.configuration = configuration
        scaledGram = ImplicitALSSweep.scaledGram(of: itemFactors, weight: configuration.unobservedWeight)
    }

    /// The exact iALS user step against the fixed item factors for any history, including
    /// ratings posted after training: movies the model does not know are ignored, a movie
    /// rated more than once counts once (its newest rating), and an empty history gives the
    /// zero vector (which scores every movie 0).
    public func foldIn(_ history: [Rating]) throws -> [Float] {
        var vector = [Float](repeating: 0, count: factors)
        let entries = KnownHistory.entries(history, in: movies)
        guard !entries.isEmpty else { return vector }
        let weights = ImplicitWeights(configuration: configuration)
        let others = entries.map { Int32($0.index) }
        let a = entries.map { weights.gram($0.value) }
        let b = entries.map { weights.target($0.value) }
        let regularization = weights.regularization(count: entries.count, others: movies.count)
        let solver = ImplicitRowSolver(factors: factors)
        try others.withUnsafeBufferPointer { o in
        try a.withUnsafeBufferPointer { aBuffer in
        try b.withUnsafeBufferPointer { bBuffer in
        try itemFactors.storage.withUnsafeBufferPointer { y in
        try scaledGram.withUnsafeBufferPointer { g in
        try vector.withUnsafeMutableBufferPointer { x in
            guard let oBase = o.baseAddress, let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                  let yBase = y.baseAddress, let gBase = g.baseAddress, let xBase = x.baseAddress else { return }
            try solver.solveExactly(
                ImplicitRowSolver.Problem(count: entries.count, others: oBase, fixed: yBase, gramWeights: aBase,
                                          targetWeights: bBase, scaledGram: gBase, regularization: regularization),
                x: xBase)
        }
        }
        }
        }
        }
        }
        return vector
    }

    /// x·y_i for every movie, in movie-index order: one gemv over the item table (split
    /// across idle cores for a large catalogue, `BLAS.gemvAcrossCores`).
    public func scores(userVector: [Float]) -> [Float] {
        precondition(userVector.count == factors, "user vector must have \(factors) factors")
        var result = [Float](repeating: 0, count: movies.count)
        itemFactors.storage.withUnsafeBufferPointer { q in
            userVector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    guard let qBase = q.baseAddress, let xBase = x.baseAddress, let yBase = y.baseAddress else { return }
                    BLAS.gemvAcrossCores(rows: movies.count, columns: factors, a: qBase, lda: factors, x: xBase, y: yBase)
                }
            }
        }
        return result
    }

    /// Scores of a known user's trained vector (nil for a user the model does not know).
    public func scores(forUser user: Int64) -> [Float]? {
        users.index(of: user).map { scores(userVector: userFactors.row($0)) }
    }
}
