/// Problems the store detects itself, as opposed to errors SQLite reports.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A rating value outside `RatingScale`; nothing was written.
    case ratingOffScale(user: Int64, movie: Int64, value: Float)
    /// The database was migrated by a newer movierec (a version this build does not know).
    case unknownMigration(version: Int, name: String)
    /// A known version recorded under a different name: the file belongs to something else.
    case migrationMismatch(version: Int, expected: String, found: String)
    /// Another process holds the database's write lock past the busy timeout, as a first
    /// import does for its whole run; opening again once it is done succeeds.
    case busy(location: String)
    /// A forget is committed, but rewriting the SQLite file after it failed (`reason`), so
    /// copies of the deleted rows may still be readable in `location` or its `-wal` file.
    /// Forgetting the user again (`.alreadyForgotten`) retries the rewrite.
    case forgetNotScrubbed(location: String, reason: String)
    /// The catalogue holds the largest possible movie id, so there is no next one.
    case movieIDsExhausted

    public var description: String {
        switch self {
        case let .ratingOffScale(user, movie, value):
            return "rating \(value) by user \(user) for movie \(movie) is off the scale"
        case let .unknownMigration(version, name):
            return "database has migration \(version) \"\(name)\" that this movierec does not know (newer version?)"
        case let .migrationMismatch(version, expected, found):
            return "migration \(version) is \"\(found)\" in the database, expected \"\(expected)\""
        case let .busy(location):
            return "\(location) is locked by another process writing it (an import in progress?)"
        case let .forgetNotScrubbed(location, reason):
            return "the forget is committed, but \(location) could not be rewritten after it (\(reason)): "
                + "copies of the deleted rows may remain there or in its WAL; forget the user again to retry"
        case .movieIDsExhausted:
            return "the catalogue holds the largest possible movie id; there is no next one"
        }
    }
}
