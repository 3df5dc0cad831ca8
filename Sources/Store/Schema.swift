/// movierec's schema, as migrations. Never edit a released migration; append one.
///
/// `ratings.seq` is a change sequence: every insert or update of a rating takes the next
/// value (the writer allocates them inside its transaction), so "ratings changed since
/// fingerprint F" is `seq > F.sequence` — the basis of "retrain after N new ratings".
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
