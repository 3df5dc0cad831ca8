import Ratings
import Recommender
import Store

/// The store as the recommender reads users from it: at request time, so a rating posted
/// a second ago counts.
struct StoreUserRatings: UserRatingsSource {
    let store: any RatingStore

    func history(user: Int64, limit: Int) throws -> [Rating] { try store.history(user: user, limit: limit) }

    func ratings(user: Int64) throws -> [Rating] { try store.ratings(user: user) }

    func profile(user: Int64) throws -> UserProfile? { try store.user(id: user) }

    func writeSequence() throws -> Int64? { try store.fingerprint().sequence }
}
