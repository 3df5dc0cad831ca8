import CLibPQ
import Foundation

/// One libpq connection. Not thread-safe: the store lends each connection to one thread
/// at a time (see `ConnectionPool`). Parameters travel in text format, one
/// round trip per statement; bulk rows go through `COPY … FROM STDIN`.
final class PostgresConnection {
    private let handle: OpaquePointer

    /// Connects with a libpq connection string or `postgres://` URI and makes every
    /// commit wait for the server's WAL flush (`synchronous_commit = on`, whatever the
    /// server's default), so a committed write survives a crash of the server.
    init(_ location: String) throws {
        guard let connection = PQconnectdb(location) else {
            throw PostgresError(sqlState: "", message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresError(sqlState: "", message: "cannot connect to \(PostgresLocation.redacted(location)): \(message)")
        }
        handle = connection
        try execute("SET synchronous_commit = on; SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Whether the server connection is gone (the pool drops such connections).
    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Runs one or more statements without parameters (simple query protocol).
    func execute(_ sql: String) throws {
        guard let result = PQexec(handle, sql) else { throw clientError(sql: sql) }
        _ = try check(result, sql: sql)
    }

    /// Runs one statement with text parameters (`$1`, `$2`, …; nil is SQL NULL) and
    /// returns its rows.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws -> PostgresResult {
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let values = copies.map { UnsafePointer<CChar>($0) }
        let raw = values.withUnsafeBufferPointer { buffer in
            PQexecParams(handle, sql, Int32(buffer.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        guard let raw else { throw clientError(sql: sql) }
        return try check(raw, sql: sql)
    }

    /// Sends several `;`-separated statements in one message and returns the rows of the
    /// last. PostgreSQL runs such a message as one implicit transaction: all statements
    /// commit together at its end, or none does. One round trip, so values must be
    /// inlined: callers pass only numbers they formatted themselves, never input text.
    func batch(_ sql: String) throws -> PostgresResult {
        guard PQsendQuery(handle, sql) == 1 else { throw clientError(sql: sql) }
        var last: PostgresResult?
        var firstError: (any Error)?
        while let result = PQgetResult(handle) {
            do { last = try check(result, sql: sql) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
        guard let last else { throw PostgresError(sqlState: "", message: "the batch returned no result", sql: sql) }
        return last
    }

    /// The single integer a query like `SELECT count(*) …` returns (0 when no row).
    func scalar(_ sql: String, _ parameters: [String?] = []) throws -> Int64 {
        let result = try query(sql, parameters)
        return result.rowCount > 0 ? result.int64(0, 0) : 0
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    /// The COMMIT returns once the server has flushed the WAL (`synchronous_commit`).
    func transaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        try execute(begin)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if !isBroken { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Streams rows into `COPY <target> FROM STDIN` (text format): `write` is called with
    /// a sink that takes one already-escaped line at a time. An error thrown by `write`
    /// aborts the copy, and the statement fails with it.
    func copy(_ sql: String, _ write: (inout CopySink) throws -> Void) throws {
        guard let start = PQexec(handle, sql) else { throw clientError(sql: sql) }
        let status = PQresultStatus(start)
        guard status == PGRES_COPY_IN else {
            _ = try check(start, sql: sql)
            throw PostgresError(sqlState: "", message: "COPY did not enter copy-in mode", sql: sql)
        }
        PQclear(start)
        var sink = CopySink(connection: handle, sql: sql)
        var failure: (any Error)?
        do {
            try write(&sink)
            try sink.flush()
        } catch {
            failure = error
        }
        let ended = PQputCopyEnd(handle, failure == nil ? nil : "aborted by movierec")
        guard ended == 1 else { throw clientError(sql: sql) }
        var firstError: (any Error)?
        while let result = PQgetResult(handle) {
            do { _ = try check(result, sql: sql) } catch { firstError = firstError ?? error }
        }
        if let failure { throw failure }
        if let firstError { throw firstError }
    }

    /// Buffers COPY text lines and sends them in 256 KiB messages.
    struct CopySink {
        fileprivate let connection: OpaquePointer
        fileprivate let sql: String
        private var buffer: [UInt8] = []

        fileprivate init(connection: OpaquePointer, sql: String) {
            self.connection = connection
            self.sql = sql
            buffer.reserveCapacity(1 << 18)
        }

        /// Appends one line (fields tab-separated, no trailing newline).
        mutating func line(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 18 { try flush() }
        }

        mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            let sent = buffer.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
            }
            guard sent == 1 else {
                throw PostgresError(sqlState: "", message: PostgresConnection.trimmed(PQerrorMessage(connection)), sql: sql)
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Takes ownership of `result`: returns it when the statement succeeded, else frees
    /// it and throws its SQLSTATE and message.
    private func check(_ result: OpaquePointer, sql: String) throws -> PostgresResult {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(result)
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            let message = primary ?? Self.trimmed(PQresultErrorMessage(result))
            PQclear(result)
            throw PostgresError(sqlState: state, message: message, sql: sql)
        }
    }

    private func clientError(sql: String) -> PostgresError {
        PostgresError(sqlState: "", message: Self.trimmed(PQerrorMessage(handle)), sql: sql)
    }

    fileprivate static func trimmed(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown libpq error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
