/// How a stored ranking model was chosen, kept beside its tensors.
public struct RankingModelSummary: Sendable, Equatable {
    /// Ranking on the validation ratings of the model fitted to the training part; nil
    /// when trained on everything without a holdout.
    public var validation: RankingValidationScores?
    /// iALS: the epoch count validation chose, which the stored model (refitted on every
    /// rating) ran for; nil for EASE, which has no epochs.
    public var bestEpoch: Int?

    public init(validation: RankingValidationScores?, bestEpoch: Int? = nil) {
        self.validation = validation
        self.bestEpoch = bestEpoch
    }
}
