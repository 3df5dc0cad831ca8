/// A failed PostgreSQL call: the SQLSTATE (`23505`, `40P01`, …; empty when the failure
/// was on the client side, such as a refused connection), the server's or libpq's
/// message, and the SQL that was running.
public struct PostgresError: Error, Equatable, Sendable, CustomStringConvertible {
    public var sqlState: String
    public var message: String
    /// The statement's SQL, or nil for calls that run none (connecting).
    public var sql: String?

    public init(sqlState: String, message: String, sql: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "PostgreSQL error"
        if !sqlState.isEmpty { text += " \(sqlState)" }
        text += ": \(message)"
        if let sql { text += " [\(sql)]" }
        return text
    }
}
