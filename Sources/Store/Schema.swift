/// movierec's schema, as migrations. Never edit a released migration; append one.
///
/// `ratings` is a `WITHOUT ROWID` table keyed by (user, movie), so one user's ratings
/// are contiguous on disk: per-user history by time reads that one range and sorts a
/// few hundred rows, with no secondary index to maintain. That matters for imports: each
/// extra B-tree costs about 1 µs per imported row (measured: ≈ 4.5 µs/row with indexes
/// on (user, timestamp) and on a change column, against the ≥ 500k rows/s target).
///
/// `rating_writes` logs each write transaction that changed ratings (see `WriteLog`):
/// "ratings changed since fingerprint F" is the sum over `seq > F.sequence` — the basis
/// of "retrain after N new ratings" — and the last row is the current fingerprint.
enum Schema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "create movies, users, ratings, rating_writes", sql: """
            CREATE TABLE movies(
                id INTEGER PRIMARY KEY,
                title TEXT NOT NULL,
                year INTEGER,
                genres TEXT NOT NULL DEFAULT '');
            CREATE TABLE users(
                id INTEGER PRIMARY KEY,
                age INTEGER,
                gender TEXT,
                occupation TEXT);
            CREATE TABLE ratings(
                user INTEGER NOT NULL,
                movie INTEGER NOT NULL,
                rating REAL NOT NULL,
                timestamp INTEGER NOT NULL,
                PRIMARY KEY (user, movie)) WITHOUT ROWID;
            CREATE TABLE rating_writes(
                seq INTEGER PRIMARY KEY,
                changed INTEGER NOT NULL,
                rating_count INTEGER NOT NULL,
                max_timestamp INTEGER NOT NULL,
                written_at INTEGER NOT NULL);
            """),
    ]

    /// Genres are stored `|`-joined (no MovieLens genre contains `|`).
    static let genreSeparator: Character = "|"
}
