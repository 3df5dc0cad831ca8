import Models

/// The transformer as served: a predictor with its buffers allocated once (BN folded, no
/// dropout) and the vocabulary that maps raw ids to its rows.
public final class ServingTransformer: Sendable {
    public let predictor: TransformerPredictor
    /// The epoch training kept and its validation scores, carried into model files that
    /// retraining writes (retraining refits MF only; the transformer is trained offline).
    public let bestEpoch: Int
    public let validation: ValidationScores
    public var model: TransformerModel { predictor.model }
    public var vocabulary: TransformerVocabulary { predictor.model.vocabulary }
    /// How many of a user's latest ratings form the history: S − 1.
    public var historyLength: Int { predictor.model.config.sequenceLength - 1 }

    public init(model: TransformerModel, bestEpoch: Int, validation: ValidationScores) {
        predictor = TransformerPredictor(model: model)
        self.bestEpoch = bestEpoch
        self.validation = validation
    }
}
