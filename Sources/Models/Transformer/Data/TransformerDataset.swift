import Ratings

/// Everything training needs from a rating set: the vocabulary, the configuration sized
/// to it, and the notebook's sequences over a chronological leave-last-N-out split.
public struct TransformerDataset: Sendable {
    public let vocabulary: TransformerVocabulary
    public let config: TransformerConfig
    public let train: TransformerSequences
    public let validation: TransformerSequences

    /// `base` supplies every size but the movie and user counts, which come from `ratings`.
    /// User features are used when `base.useUserFeatures` is set and `profiles` is not empty.
    /// `heldBack` drops each user's newest ratings before the split, so that settings can be
    /// tuned on the second-newest rating (`heldBack: 1`) without ever seeing the newest one,
    /// on which the final figure is reported. Users with no more ratings than that keep them all.
    /// `validationPerUser` is how many of each user's newest remaining ratings are validation
    /// targets: 1 as the article describes, 2 as the seeds' notebook code actually marks
    /// (`mark_last_n_ratings_as_validation_set(…, 2)`), with the older of the two in the newer
    /// one's history, as there.
    public init(ratings allRatings: [Rating], profiles: [UserProfile], base: TransformerConfig,
                heldBack: Int = 0, validationPerUser: Int = 1) throws(TransformerError) {
        guard heldBack >= 0 else { throw .invalidConfig("held-back ratings per user must be ≥ 0, got \(heldBack)") }
        guard validationPerUser >= 1 else {
            throw .invalidConfig("validation ratings per user must be ≥ 1, got \(validationPerUser)")
        }
        let ratings = heldBack == 0 ? allRatings : Split.leaveLastOut(allRatings, n: heldBack).train
        let useFeatures = base.useUserFeatures && !profiles.isEmpty
        vocabulary = try TransformerVocabulary(ratings: ratings, profiles: useFeatures ? profiles : nil)
        var config = base
        config.movieCount = vocabulary.movies.count
        config.userCount = vocabulary.users.count
        config.useUserFeatures = useFeatures
        try config.validate()
        self.config = config
        (train, validation) = try TransformerSequences.build(
            split: Split.leaveLastOut(ratings, n: validationPerUser), vocabulary: vocabulary, sequenceLength: config.sequenceLength,
            profiles: useFeatures ? profiles : [])
    }
}
