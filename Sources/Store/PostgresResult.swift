import CLibPQ
import Foundation

/// The rows of one finished query, in libpq's text format. Owns the `PGresult` and
/// frees it when released; values are parsed on access.
final class PostgresResult {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { PQclear(handle) }

    var rowCount: Int { Int(PQntuples(handle)) }

    func isNull(_ row: Int, _ column: Int) -> Bool {
        PQgetisnull(handle, Int32(row), Int32(column)) == 1
    }

    func int64(_ row: Int, _ column: Int) -> Int64 {
        guard let text = PQgetvalue(handle, Int32(row), Int32(column)) else { return 0 }
        return strtoll(text, nil, 10)
    }

    func int(_ row: Int, _ column: Int) -> Int? {
        isNull(row, column) ? nil : Int(int64(row, column))
    }

    func double(_ row: Int, _ column: Int) -> Double {
        guard let text = PQgetvalue(handle, Int32(row), Int32(column)) else { return 0 }
        return strtod(text, nil)
    }

    func bool(_ row: Int, _ column: Int) -> Bool {
        PQgetvalue(handle, Int32(row), Int32(column)).map { $0.pointee == UInt8(ascii: "t") } ?? false
    }

    func text(_ row: Int, _ column: Int) -> String? {
        guard !isNull(row, column), let text = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        return String(cString: text)
    }
}
