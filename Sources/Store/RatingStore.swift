import Ratings

/// Where ratings, movies and users live for the service and the importer. The SQLite
/// implementation is `SQLiteRatingStore`; the protocol leaves room for PostgreSQL.
///
/// Write rule everywhere: one rating per (user, movie); a write replaces the stored
/// rating only if its timestamp is at least as new, and writing the same rating again
/// changes nothing. Implementations must be safe to call from several threads.
public protocol RatingStore: AnyObject, Sendable {
    /// Writes all of `ratings` in one transaction or none of them (an off-scale value
    /// or a database error rolls everything back).
    @discardableResult
    func add(_ ratings: [Rating]) throws -> WriteSummary

    /// Streams a dataset in as one atomic import: a malformed line anywhere (the
    /// reader's error is rethrown) leaves the store exactly as it was.
    @discardableResult
    func importDataset(_ reader: any DatasetReader, progress: ((ReadProgress) -> Void)?) throws -> ImportSummary

    /// Replaces (or adds) catalogue and user rows.
    func upsert(movies: [Movie]) throws
    func upsert(users: [UserProfile]) throws

    func ratingCount() throws -> Int
    func movie(id: Int64) throws -> Movie?
    func movieExists(id: Int64) throws -> Bool
    func movieIDs() throws -> Set<Int64>
    /// Ordered by id.
    func movies() throws -> [Movie]
    func user(id: Int64) throws -> UserProfile?
    /// Ordered by id; only users with a profile (datasets without demographics have none).
    func users() throws -> [UserProfile]

    /// The user's newest `limit` ratings, returned oldest first (ties in time by movie id),
    /// the order a sequence model reads a history in.
    func history(user: Int64, limit: Int) throws -> [Rating]
    /// Every rating of the user in no particular order: what a ranker that reads a whole
    /// history needs, without the sort by time (the key order is by movie).
    func ratings(user: Int64) throws -> [Rating]
    /// How many ratings each rated movie has: what "a movie with enough ratings" is
    /// judged by when an unknown user is shown popular movies.
    func ratingCountsByMovie() throws -> [Int64: Int]
    /// Number and mean of the movie's stored ratings: one range of the `ratings_by_movie`
    /// index, whatever the size of the table.
    func ratingStats(movie: Int64) throws -> MovieRatingStats

    /// All ratings and their fingerprint, read inside one transaction.
    func snapshot() throws -> RatingSnapshot
    /// Cheap (one indexed read), so it can be polled.
    func fingerprint() throws -> StoreFingerprint
    /// Rating writes that inserted or changed a row after `fingerprint` was taken (a pair
    /// changed twice counts twice): "retrain after N new ratings".
    func changes(since fingerprint: StoreFingerprint) throws -> Int
}
