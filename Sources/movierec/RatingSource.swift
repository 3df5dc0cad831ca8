import Foundation
import Models
import Ratings
import Store

/// Where `train` and `eval` read ratings: dataset files (--data, in file order, which the
/// random splits depend on) or else the SQLite store (--db).
struct RatingSource {
    let db: String
    let data: String?

    /// The ratings, their fingerprint for the model file, and the path they came from.
    func load() throws -> ([Rating], TrainingFingerprint, String) {
        if let data {
            let ratings = try loadDataset(at: data).ratings
            return (ratings, TrainingFingerprint(ratings: ratings.count, maxTimestamp: ratings.map(\.timestamp).max() ?? 0), data)
        }
        guard FileManager.default.fileExists(atPath: db) else {
            throw ModelCommandFailure(message: "\(db): no such database; run `movierec import` first or pass --data")
        }
        let snapshot = try SQLiteRatingStore(path: db).snapshot()
        return (snapshot.ratings,
                TrainingFingerprint(ratings: snapshot.fingerprint.count, maxTimestamp: snapshot.fingerprint.maxTimestamp), db)
    }
}
