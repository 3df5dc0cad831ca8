/// Every size of the BST-style transformer, with the reference notebook's values as
/// defaults, so that tests can build the same network at tiny sizes.
public struct TransformerConfig: Sendable, Equatable, Codable {
    /// Distinct movies; the movie table has one more row, row 0 being PAD.
    public var movieCount: Int
    /// Distinct users; the user table has one more row (row 0 unused, as the notebook's lookup starts at 1).
    public var userCount: Int
    /// Tokens per sequence: S − 1 history movies plus the target.
    public var sequenceLength = 10
    public var embeddingSize = 120
    public var heads = 12
    public var feedForwardSize = 2048
    public var layers = 1
    /// Widths of the hidden layers of the head (Linear, BatchNorm1d, Mish each).
    public var hiddenSizes = [1024, 512, 256]
    /// The head's dropout sits after this hidden block (the notebook's `linear.6`).
    public var hiddenDropoutAfter = 1
    /// Adds a rating embedding to each history token (the notebook's second model).
    public var useRatings = true
    /// Concatenates gender, age-group and occupation embeddings to the user embedding.
    public var useUserFeatures = false
    public var genderCount = 3, genderSize = 2
    public var ageGroupCount = 8, ageGroupSize = 4
    public var occupationCount = 22, occupationSize = 11
    public var encoderDropout = 0.1
    public var hiddenDropout = 0.2
    public var ratingLow: Float = 0.5
    public var ratingHigh: Float = 5.5

    public init(movieCount: Int, userCount: Int) {
        self.movieCount = movieCount
        self.userCount = userCount
    }

    /// Width of the head's input: flattened encoder output, user embedding, user features.
    public var headInputSize: Int {
        sequenceLength * embeddingSize + embeddingSize
            + (useUserFeatures ? genderSize + ageGroupSize + occupationSize : 0)
    }

    /// Throws when sizes cannot describe a network (e.g. heads not dividing the width).
    public func validate() throws(TransformerError) {
        guard movieCount > 0, userCount > 0 else { throw .invalidConfig("movie and user counts must be positive") }
        guard sequenceLength >= 2 else { throw .invalidConfig("sequence length must be at least 2") }
        guard embeddingSize > 0, heads > 0, embeddingSize % heads == 0 else {
            throw .invalidConfig("embedding size \(embeddingSize) is not a multiple of \(heads) heads")
        }
        guard feedForwardSize > 0, layers >= 0, !hiddenSizes.isEmpty, hiddenSizes.allSatisfy({ $0 > 0 }) else {
            throw .invalidConfig("layer sizes must be positive")
        }
        guard (0..<1).contains(encoderDropout), (0..<1).contains(hiddenDropout) else {
            throw .invalidConfig("dropout probabilities must be in [0, 1)")
        }
        guard ratingHigh > ratingLow else { throw .invalidConfig("rating range is empty") }
    }
}
