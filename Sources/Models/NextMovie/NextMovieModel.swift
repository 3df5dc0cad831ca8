import Foundation
import Linalg
import Ratings

/// A trained next-movie transformer ready to serve: reads a user's newest ratings and
/// scores every movie of the catalogue as the next one, with one encoder pass and one
/// product over the output table. Thread-safe: each call borrows a workspace sharing the
/// one parameter buffer.
public final class NextMovieModel: @unchecked Sendable {
    /// The model kind listed in a movierec model file's metadata.
    public static let kind = "sequence"
    public let config: NextMovieConfig
    /// The catalogue: a movie's row in the tables is its index + 1 (row 0 is PAD).
    public let movies: IDIndex
    let weights: ScalarBuffer<Float>
    let layout: NextMovieLayout
    private let lock = NSLock()
    private var idle: [NextMovieNetwork<Float>] = []

    public init(config: NextMovieConfig, parameters: [Float], movies: IDIndex) throws(NextMovieError) {
        try config.validate()
        guard movies.count == config.movieCount else {
            throw .invalidConfig("\(movies.count) movie ids for \(config.movieCount) movies")
        }
        layout = NextMovieLayout(config)
        guard parameters.count == layout.table.totalCount else {
            throw .parameterCount(expected: layout.table.totalCount, got: parameters.count)
        }
        self.config = config
        self.movies = movies
        weights = ScalarBuffer(parameters.count)
        weights.pointer.update(from: parameters, count: parameters.count)
    }

    /// Every parameter in table order.
    public var parameters: [Float] { weights.array }

    /// The output table's rows of movies 1…V (V × d): the vector each movie is scored by.
    public var outputVectors: Matrix {
        let d = config.embeddingSize
        let start = layout.outputWeight + d
        return Matrix(rows: config.movieCount, columns: d,
                      storage: Array(UnsafeBufferPointer(start: weights.pointer + start, count: config.movieCount * d)))
    }

    /// Named tensors in the reference module's `state_dict` order.
    public var table: ParameterTable { layout.table }

    /// One score per movie of `movies` (index order) for the movie that follows `history`
    /// (any order; its newest `sequenceLength` known ratings are read).
    public func scores(history: [Rating]) -> [Float] {
        let input = NextMovieSequences.input(history: history, movies: movies, sequenceLength: config.sequenceLength)
        return scores(movies: input.movies, ratings: input.ratings)
    }

    /// Scores for a prepared input (S movie rows, left-padded, and their star indices).
    func scores(movies rows: [Int32], ratings: [Int32]) -> [Float] {
        let network = borrow()
        defer { giveBack(network) }
        let batch = NextMovieBatch(count: 1, movies: rows, ratings: ratings,
                                   targets: [Int32](repeating: 0, count: rows.count))
        // The input was built from the catalogue, so every index is in range.
        try? network.load(batch)
        let newest = network.encodeNewest()
        var out = [Float](repeating: 0, count: config.movieCount)
        out.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { network.scores(base, hidden: newest) }
        }
        return out
    }

    private func borrow() -> NextMovieNetwork<Float> {
        lock.lock()
        let network = idle.popLast()
        lock.unlock()
        return network ?? NextMovieNetwork(config: config, maxBatch: 1, parameters: weights, trainable: false)
    }

    private func giveBack(_ network: NextMovieNetwork<Float>) {
        lock.lock()
        idle.append(network)
        lock.unlock()
    }
}
