/// movierec's schema, as migrations. Never edit a released migration; append one.
///
/// `ratings.seq` is a change sequence: each write transaction takes the next number
/// (one more than the largest stored) and stamps it on every row it inserts or changes,
/// so "ratings changed since fingerprint F" is `seq > F.sequence` — the basis of
/// "retrain after N new ratings". Sharing one number per transaction keeps the `seq`
/// index append-only during a bulk import.
/// Rows are keyed by (user, movie) in a `WITHOUT ROWID` table, clustered per user.
enum Schema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "create movies, users, ratings", sql: """
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
                seq INTEGER NOT NULL,
                PRIMARY KEY (user, movie)) WITHOUT ROWID;
            CREATE INDEX ratings_user_time ON ratings(user, timestamp);
            CREATE INDEX ratings_seq ON ratings(seq);
            """),
    ]

    /// Genres are stored `|`-joined (no MovieLens genre contains `|`).
    static let genreSeparator: Character = "|"
}
