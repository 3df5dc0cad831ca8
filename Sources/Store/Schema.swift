/// movierec's schema, as migrations. Never edit a released migration; append one.
///
/// `ratings` is a `WITHOUT ROWID` table keyed by (user, movie), so one user's ratings
/// are contiguous on disk: per-user history by time reads that one range and sorts a
/// few hundred rows, with no index on time to maintain. That matters for imports: each
/// extra B-tree costs about 1 µs per imported row (measured: ≈ 4.5 µs/row with indexes
/// on (user, timestamp) and on a change column, against the ≥ 500k rows/s target).
/// PostgreSQL gets the same tables; its primary-key B-tree serves the same range reads.
///
/// The one secondary index, `ratings_by_movie` on (movie, rating) (migration 3), holds
/// everything a movie's count and mean and the counts per movie read, so neither scans
/// the table (at 5M ratings: 0.2 s → 0.1 ms for one movie, 1.8 s → 0.3 s for the counts).
/// Kept up row by row it made an import into an empty store 8× slower, so such an import
/// builds it once at the end (see `DeferredIndexes`); other writes maintain it. Applying
/// migration 3 to an existing store builds it at the first start (≈ 4 s at 5M ratings).
///
/// `forgotten_users` (migration 3) holds each forgotten user's id with the write sequence
/// after the forget, for `RatingStore.forgottenUsers(since:)`.
///
/// `rating_writes` logs each write transaction that changed ratings (see `WriteLog`):
/// "ratings changed since fingerprint F" is the sum over `seq > F.sequence` — the basis
/// of "retrain after N new ratings" — and the last row is the current fingerprint.
///
/// `model_versions` records each model file a retraining wrote into a model directory
/// that several servers share, so the others find the newest one with one indexed read
/// (see `ReplicaCoordinator`).
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
            """, postgres: """
            CREATE TABLE movies(
                id BIGINT PRIMARY KEY,
                title TEXT NOT NULL,
                year INTEGER,
                genres TEXT NOT NULL DEFAULT '');
            CREATE TABLE users(
                id BIGINT PRIMARY KEY,
                age INTEGER,
                gender TEXT,
                occupation TEXT);
            CREATE TABLE ratings(
                "user" BIGINT NOT NULL,
                movie BIGINT NOT NULL,
                rating DOUBLE PRECISION NOT NULL,
                "timestamp" BIGINT NOT NULL,
                PRIMARY KEY ("user", movie));
            CREATE TABLE rating_writes(
                seq BIGSERIAL PRIMARY KEY,
                changed BIGINT NOT NULL,
                rating_count BIGINT NOT NULL,
                max_timestamp BIGINT NOT NULL,
                written_at BIGINT NOT NULL);
            """),
        Migration(version: 2, name: "create model_versions", sql: """
            CREATE TABLE model_versions(
                id INTEGER PRIMARY KEY,
                file TEXT NOT NULL,
                store_sequence INTEGER NOT NULL,
                created_at INTEGER NOT NULL);
            """, postgres: """
            CREATE TABLE model_versions(
                id BIGSERIAL PRIMARY KEY,
                file TEXT NOT NULL,
                store_sequence BIGINT NOT NULL,
                created_at BIGINT NOT NULL);
            """),
        Migration(version: 3, name: "create forgotten_users, index ratings by movie", sql: """
            CREATE TABLE forgotten_users(
                id INTEGER PRIMARY KEY,
                sequence INTEGER NOT NULL,
                forgotten_at INTEGER NOT NULL);
            CREATE INDEX ratings_by_movie ON ratings(movie, rating);
            """, postgres: """
            CREATE TABLE forgotten_users(
                id BIGINT PRIMARY KEY,
                sequence BIGINT NOT NULL,
                forgotten_at BIGINT NOT NULL);
            CREATE INDEX ratings_by_movie ON ratings(movie, rating);
            """),
    ]

    /// Genres are stored `|`-joined (no MovieLens genre contains `|`).
    static let genreSeparator: Character = "|"
}
