/// Telling a PostgreSQL location from a SQLite path, and printing one without its secret.
public enum PostgresLocation {
    /// Whether `location` is a `postgres://` or `postgresql://` URI (anything else is a
    /// SQLite file path).
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// The location with any password in the URI's user part replaced by `***`, for logs
    /// and error messages.
    public static func redacted(_ location: String) -> String {
        guard let scheme = location.range(of: "://") else { return location }
        let rest = location[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return location }
        let userInfo = rest[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return location }
        return String(location[..<scheme.upperBound]) + userInfo[..<colon] + ":***" + rest[at...]
    }
}
