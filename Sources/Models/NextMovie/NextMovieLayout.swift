/// Offsets of every tensor of one configuration in the flat parameter buffer, under the
/// `state_dict` names of the PyTorch reference (`scripts/next_movie_module.py`), so that
/// saving, loading and the optimiser are single loops over one table.
struct NextMovieLayout: Sendable {
    let table: ParameterTable
    let movies, positions: Int
    let ratings: Int?
    let encoder: [EncoderLayerOffsets]
    let finalNormWeight, finalNormBias: Int
    /// The table that scores movies: the movie embeddings when tied.
    let outputWeight: Int
    let outputBias: Int

    /// Standard deviation of the initial embeddings (as the reference module's `init_weights`).
    static let embeddingScale = 0.02

    /// Embedding tables whose row 0 is PAD.
    static let paddedTables: Set<String> = ["movie_embeddings.weight", "rating_embeddings.weight"]

    init(_ config: NextMovieConfig) {
        var t = ParameterTable()
        let d = config.embeddingSize
        let rows = config.movieCount + 1
        movies = t.add("movie_embeddings.weight", [rows, d])
        ratings = config.useRatings ? t.add("rating_embeddings.weight", [6, d]) : nil
        positions = t.add("position_embeddings.weight", [config.sequenceLength, d])
        encoder = (0..<config.layers).map { l in
            EncoderLayerOffsets(adding: "encoder.layers.\(l).", to: &t, width: d, feedForward: config.feedForwardSize)
        }
        finalNormWeight = t.add("encoder.norm.weight", [d])
        finalNormBias = t.add("encoder.norm.bias", [d])
        outputWeight = config.tiedOutput ? movies : t.add("output.weight", [rows, d])
        outputBias = t.add("output.bias", [rows])
        table = t
    }
}
