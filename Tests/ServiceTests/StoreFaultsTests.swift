import Testing
import HTTP
import Store
@testable import Service

@Suite struct StoreFaultsTests {
    @Test func aFullDiskIsA507UntilAWriteCommits() throws {
        let faults = StoreFaults()
        let full = SQLiteError(code: 13, message: "database or disk is full")  // SQLITE_FULL
        for attempt in 0..<3 {
            #expect {
                try faults.write(now: 100 + Int64(attempt)) { () throws -> Int in throw full }
            } throws: { error in
                (error as? HTTPError)?.status == .insufficientStorage && (error as? HTTPError)?.code == "insufficient_storage"
            }
        }
        #expect(faults.current == [StoreFaults.Fault(kind: .diskFull, since: 100, detail: "database or disk is full")])
        #expect(faults.failedWriteCount(.diskFull) == 3)
        #expect(try faults.write(now: 200) { 7 } == 7)
        #expect(faults.current.isEmpty)
        #expect(faults.failedWriteCount(.diskFull) == 3)
    }

    @Test func anIOErrorIsA503AndOtherErrorsPassThrough() throws {
        let faults = StoreFaults()
        #expect {
            try faults.write(now: 1) { () throws -> Int in throw SQLiteError(code: 10 | (4 << 8), message: "disk I/O error") }
        } throws: { error in
            (error as? HTTPError)?.status == .serviceUnavailable && (error as? HTTPError)?.headers["Retry-After"] == "1"
        }
        #expect(faults.current.map(\.kind) == [.ioError])
        #expect(throws: SQLiteError.self) {
            try faults.write(now: 2) { () throws -> Int in throw SQLiteError(code: 19, message: "constraint") }
        }
        #expect(faults.current.map(\.kind) == [.ioError], "an error of the request's own is no store fault")
    }
}
