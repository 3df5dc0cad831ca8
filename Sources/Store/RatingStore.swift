import Ratings

/// Where ratings, movies and users live for the service and the importer. The SQLite
/// implementation is `SQLiteRatingStore`; the protocol leaves room for PostgreSQL.
///
/// Write rule everywhere: one rating per (user, movie); a write replaces the stored
/// rating only if its timestamp is at least as new, and writing the same rating again
/// changes nothing. Ratings leave the store only when retracted (`deleteRating`) or when
/// their user asks to be forgotten (`forgetUser`); the write log counts both as changes.
/// Implementations must be safe to call from several threads.
public protocol RatingStore: AnyObject, Sendable {
    /// Writes all of `ratings` in one transaction or none of them (an off-scale value
    /// or a database error rolls everything back).
    @discardableResult
    func add(_ ratings: [Rating]) throws -> WriteSummary

    /// Streams a dataset in as one atomic import: a malformed line anywhere (the
    /// reader's error is rethrown) leaves the store exactly as it was.
    @discardableResult
    func importDataset(_ reader: any DatasetReader, progress: ((ReadProgress) -> Void)?) throws -> ImportSummary

    /// Retracts one rating in one transaction; false when there was none. A deletion is
    /// logged as one change that lowers the count, so the fingerprint moves.
    func deleteRating(user: Int64, movie: Int64) throws -> Bool

    /// Deletes every rating and the profile of `user` in one transaction, logs the deleted
    /// ratings as changes, and records the user in `forgotten_users` with the write
    /// sequence after the deletion (see `forgottenUsers(since:)`). What stays is that id and
    /// the write log's counts; its newest times are lowered to the newest still stored, so
    /// none of the user's rating times remains.
    /// A user who rates again afterwards is stored as usual, and forgetting them again
    /// records the newer sequence.
    ///
    /// What "deleted" means on disk depends on the store: SQLite rewrites its file and
    /// empties its write-ahead log before returning, so no copy of the deleted rows can be
    /// read from either (see `SQLiteRatingStore.forgetUser`); PostgreSQL leaves them in
    /// dead tuples until VACUUM.
    func forgetUser(_ user: Int64) throws -> ForgetOutcome

    /// Users forgotten after write sequence `sequence`: a model trained on a snapshot with
    /// that sequence still holds rows for them and must stop using those.
    func forgottenUsers(since sequence: Int64) throws -> Set<Int64>

    /// Replaces (or adds) catalogue and user rows: what corrections use.
    func upsert(movies: [Movie]) throws
    func upsert(users: [UserProfile]) throws

    /// Adds a new catalogue row; false, with nothing written, when the id is taken.
    func insertMovie(_ movie: Movie) throws -> Bool
    /// The largest movie id plus one (1 for an empty catalogue): the id a new movie gets.
    /// Two callers can be handed the same id; `insertMovie` refuses the second, which asks
    /// again.
    func nextMovieID() throws -> Int64

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
    /// Rating writes that inserted, changed or deleted a row after `fingerprint` was taken
    /// (a pair changed twice counts twice): "retrain after N new ratings".
    func changes(since fingerprint: StoreFingerprint) throws -> Int
}
