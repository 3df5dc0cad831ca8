import Ratings

/// Everything training needs from a rating set: the vocabulary, the configuration sized
/// to it, and the notebook's sequences over a chronological leave-last-1-out split.
public struct TransformerDataset: Sendable {
    public let vocabulary: TransformerVocabulary
    public let config: TransformerConfig
    public let train: TransformerSequences
    public let validation: TransformerSequences

    /// `base` supplies every size but the movie and user counts, which come from `ratings`.
    /// User features are used when `base.useUserFeatures` is set and `profiles` is not empty.
    public init(ratings: [Rating], profiles: [UserProfile], base: TransformerConfig) throws(TransformerError) {
        let useFeatures = base.useUserFeatures && !profiles.isEmpty
        vocabulary = try TransformerVocabulary(ratings: ratings, profiles: useFeatures ? profiles : nil)
        var config = base
        config.movieCount = vocabulary.movies.count
        config.userCount = vocabulary.users.count
        config.useUserFeatures = useFeatures
        try config.validate()
        self.config = config
        (train, validation) = try TransformerSequences.build(
            split: Split.leaveLastOut(ratings, n: 1), vocabulary: vocabulary, sequenceLength: config.sequenceLength,
            profiles: useFeatures ? profiles : [])
    }
}
