/// Every size of the next-movie transformer (a SASRec-style causal encoder over a user's
/// latest ratings), with the defaults movierec trains, so that tests can build the same
/// network at tiny sizes. Field names are the JSON keys of the model file's
/// `sequence.config` and of the PyTorch reference (`scripts/next_movie_module.py`).
public struct NextMovieConfig: Sendable, Equatable, Codable {
    /// Distinct movies; the movie table has one more row, row 0 being PAD.
    public var movieCount: Int
    /// History slots read; sequences are left-padded so the newest movie sits in the last slot.
    public var sequenceLength = 50
    public var embeddingSize = 64
    public var heads = 2
    public var feedForwardSize = 256
    /// Pre-norm encoder blocks (LayerNorm before attention and before the feed-forward).
    public var layers = 2
    /// Dropout on the token embeddings, the attention weights, each block's two residual
    /// branches and inside the feed-forward, as `nn.TransformerEncoderLayer(dropout:)`.
    public var dropout = 0.2
    /// Adds an embedding of each history movie's star rating (1–5) to its token.
    public var useRatings = true
    /// Scores movies with the input movie table (weight tying) rather than a table of its own.
    public var tiedOutput = true

    public init(movieCount: Int) {
        self.movieCount = movieCount
    }

    /// Throws when the sizes cannot describe a network.
    public func validate() throws(NextMovieError) {
        guard movieCount > 0 else { throw .invalidConfig("the catalogue is empty") }
        guard sequenceLength >= 1 else { throw .invalidConfig("sequence length must be at least 1") }
        guard embeddingSize > 0, heads > 0, embeddingSize % heads == 0 else {
            throw .invalidConfig("embedding size \(embeddingSize) is not a multiple of \(heads) heads")
        }
        guard feedForwardSize > 0, layers >= 0 else { throw .invalidConfig("layer sizes must be positive") }
        guard (0..<1).contains(dropout) else { throw .invalidConfig("dropout must be in [0, 1)") }
    }
}
