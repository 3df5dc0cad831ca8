import Foundation
import Models
import Ratings
import Store

/// Where `train` and `eval` read ratings: dataset files (--data, in file order, which the
/// random splits depend on) or else the store (--db: a SQLite file or a postgres:// URI).
struct RatingSource {
    let db: String
    let data: String?

    /// What was read: the ratings, their fingerprint for the model file, the store's write
    /// sequence at the snapshot (nil for dataset files), and the path they came from.
    struct Loaded {
        var ratings: [Rating]
        var fingerprint: TrainingFingerprint
        var storeSequence: Int64?
        var source: String
        /// Demographics where the data has them (the transformer's user features).
        var users: [UserProfile]
    }

    func load() throws -> Loaded {
        if let data {
            let dataset = try loadDataset(at: data)
            let ratings = dataset.ratings
            return Loaded(ratings: ratings,
                          fingerprint: TrainingFingerprint(ratings: ratings.count, maxTimestamp: ratings.map(\.timestamp).max() ?? 0),
                          storeSequence: nil, source: data, users: dataset.users)
        }
        guard RatingStores.exists(db) else {
            throw CommandFailure(message: "\(db): no such database; run `movierec import` first or pass --data")
        }
        let store = try RatingStores.open(db)
        let snapshot = try store.snapshot()
        return Loaded(ratings: snapshot.ratings,
                      fingerprint: TrainingFingerprint(ratings: snapshot.fingerprint.count, maxTimestamp: snapshot.fingerprint.maxTimestamp),
                      storeSequence: snapshot.fingerprint.sequence, source: RatingStores.describe(db), users: try store.users())
    }
}
