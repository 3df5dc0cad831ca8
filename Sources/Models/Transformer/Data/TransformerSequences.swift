import Ratings

/// Fixed-length rating sequences as the notebook builds them: every rating of a user,
/// in time order, becomes a target with the user's previous S − 1 ratings as history,
/// left-padded with PAD. Stored as flat index arrays ready to gather into batches.
public struct TransformerSequences: Sendable {
    public let sequenceLength: Int
    public private(set) var count = 0
    var movies: [Int32] = []
    var ratings: [Int32] = []
    var users: [Int32] = []
    var features: [Int32] = []
    var targets: [Float] = []

    public init(sequenceLength: Int) {
        self.sequenceLength = sequenceLength
    }

    /// Training sequences (targets in `split.train`) and validation sequences (targets in
    /// `split.validation`), each user's history running over both sets in time order — with
    /// a leave-last-out split, validation histories are the user's last training ratings.
    /// `profiles` adds user features through `vocabulary.features`.
    public static func build(
        split: Split, vocabulary: TransformerVocabulary, sequenceLength: Int, profiles: [UserProfile] = []
    ) throws(TransformerError) -> (train: TransformerSequences, validation: TransformerSequences) {
        var train = TransformerSequences(sequenceLength: sequenceLength)
        var validation = TransformerSequences(sequenceLength: sequenceLength)
        var byUser: [Int64: [(rating: Rating, isValidation: Bool)]] = [:]
        for r in split.train { byUser[r.user, default: []].append((r, false)) }
        for r in split.validation { byUser[r.user, default: []].append((r, true)) }
        var featureRows: [Int64: UserFeatureIndices] = [:]
        if let encoder = vocabulary.features {
            for profile in profiles { featureRows[profile.id] = encoder.encode(profile) }
        }
        let unknown = UserFeatureIndices(gender: 2, ageGroup: 7, occupation: Int32(UserFeatureEncoder.maximumOccupations))
        for user in byUser.keys.sorted() {
            guard let events = byUser[user]?.sorted(by: { Rating.chronologically($0.rating, $1.rating) }) else { continue }
            guard let userRow = vocabulary.userRow(user) else { throw .indexOutOfRange("user \(user) not in the vocabulary") }
            var rows: [Int32] = []
            for event in events {
                guard let row = vocabulary.movieRow(event.rating.movie) else {
                    throw .indexOutOfRange("movie \(event.rating.movie) not in the vocabulary")
                }
                rows.append(row)
            }
            let userFeatures = vocabulary.features == nil ? nil : featureRows[user] ?? unknown
            for i in events.indices {
                let history = (max(0, i - sequenceLength + 1)..<i).map { (rows[$0], TransformerVocabulary.ratingRow(events[$0].rating.value)) }
                if events[i].isValidation {
                    validation.append(history: history, target: rows[i], user: userRow, userFeatures: userFeatures,
                                      rating: events[i].rating.value)
                } else {
                    train.append(history: history, target: rows[i], user: userRow, userFeatures: userFeatures,
                                 rating: events[i].rating.value)
                }
            }
        }
        return (train, validation)
    }

    /// Adds one sequence; `history` holds at most S − 1 (movie row, rating row) pairs, oldest first.
    mutating func append(history: [(Int32, Int32)], target: Int32, user: Int32, userFeatures: UserFeatureIndices?, rating: Float) {
        let pad = sequenceLength - 1 - history.count
        movies.append(contentsOf: repeatElement(0, count: pad))
        ratings.append(contentsOf: repeatElement(0, count: pad))
        for (movie, value) in history.suffix(sequenceLength - 1) {
            movies.append(movie)
            ratings.append(value)
        }
        movies.append(target)
        users.append(user)
        if let userFeatures { features.append(contentsOf: [userFeatures.gender, userFeatures.ageGroup, userFeatures.occupation]) }
        targets.append(rating)
        count += 1
    }

    /// The sequences at `indices` as one batch.
    public func batch<C: Collection>(_ indices: C) -> TransformerBatch where C.Element == Int {
        var batch = TransformerBatch(count: 0, movies: [], ratings: [], users: [], features: [], targets: [])
        fill(&batch, indices)
        return batch
    }

    /// Overwrites `batch` with the sequences at `indices`, reusing its storage.
    public func fill<C: Collection>(_ batch: inout TransformerBatch, _ indices: C) where C.Element == Int {
        let S = sequenceLength
        batch.count = indices.count
        batch.movies.removeAll(keepingCapacity: true)
        batch.ratings.removeAll(keepingCapacity: true)
        batch.users.removeAll(keepingCapacity: true)
        batch.features.removeAll(keepingCapacity: true)
        batch.targets.removeAll(keepingCapacity: true)
        for i in indices {
            batch.movies.append(contentsOf: movies[(i * S)..<((i + 1) * S)])
            batch.ratings.append(contentsOf: ratings[(i * (S - 1))..<((i + 1) * (S - 1))])
            batch.users.append(users[i])
            if !features.isEmpty { batch.features.append(contentsOf: features[(3 * i)..<(3 * i + 3)]) }
            batch.targets.append(targets[i])
        }
    }
}
