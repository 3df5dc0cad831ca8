import CSQLite

/// A failed SQLite call: the primary/extended result code, SQLite's own message and
/// the SQL that was running, so that a log line alone says what went wrong where.
public struct SQLiteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_PRIMARYKEY`, …); `code & 0xFF` is
    /// the primary code.
    public var code: Int32
    public var message: String
    /// The statement's SQL, or nil for calls that run none (open, pragmas by name).
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, …).
    public var primaryCode: Int32 { code & 0xFF }

    /// The disk (or the file's size limit) had no room for the write: `SQLITE_FULL`.
    public var isDiskFull: Bool { primaryCode == SQLITE_FULL }

    /// The operating system failed a read, write or sync: `SQLITE_IOERR` and its extended codes.
    public var isIOError: Bool { primaryCode == SQLITE_IOERR }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " [\(sql)]" }
        return text
    }
}
