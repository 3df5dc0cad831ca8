import Foundation
import Linalg
import Ratings

/// A trained EASE model: item-to-item weights per input channel. A user's score for movie i
/// is Σ_t Σ_j x_t(r_uj)·B[t·n + j, i] over the movies j they rated, read as how likely they
/// are to pick i. It needs no per-user parameters, so a history of any age or origin scores
/// the same way.
public struct EASEModel: Sendable, Equatable {
    public static let kind = "ease"

    public let movies: IDIndex
    /// (channels · movies) × movies; row t·n + j is what having rated movie j adds to every
    /// movie's score through channel t (times x_t of the rating). With one channel (the
    /// default) it is the movies × movies item-to-item matrix. B[t·n + j, j] = 0: a movie
    /// never recommends itself.
    public let weights: Matrix
    public let configuration: EASEConfiguration

    public init(movies: IDIndex, weights: Matrix, configuration: EASEConfiguration) {
        precondition(weights.rows == configuration.channels.count * movies.count && weights.columns == movies.count,
                     "weights must be (channels · movies) × movies")
        self.movies = movies
        self.weights = weights
        self.configuration = configuration
    }

    /// Σ over the history's known movies of each channel's weight row times its input (times
    /// d^k with d the configuration's recency decay, k = 0 for the newest rating), in
    /// movie-index order. Unknown movies are ignored; a movie rated more than once counts
    /// once, with its newest rating; an empty history scores every movie 0. Each row is
    /// added with one axpy: the rows are scattered over the matrix, and a gemv would first
    /// have to copy them together.
    public func scores(history: [Rating]) -> [Float] {
        let n = movies.count
        var result = [Float](repeating: 0, count: n)
        guard n > 0 else { return result }
        weights.storage.withUnsafeBufferPointer { b in
            result.withUnsafeMutableBufferPointer { y in
                guard let bBase = b.baseAddress, let yBase = y.baseAddress else { return }
                for entry in KnownHistory.entries(history, in: movies) {
                    let age = configuration.recencyDecay == 1 ? 1 : Float(pow(Double(configuration.recencyDecay), Double(entry.recency)))
                    for (channel, weights) in configuration.channels.enumerated() {
                        let input = weights.inputs.value(of: entry.value) * age
                        if input != 0 { BLAS.axpy(n, alpha: input, x: bBase + (channel * n + entry.index) * n, y: yBase) }
                    }
                }
            }
        }
        return result
    }
}
