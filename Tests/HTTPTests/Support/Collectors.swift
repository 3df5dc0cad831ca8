import Foundation
import HTTP

/// Thread-safe sinks for the server's log and observer hooks, which run on loop threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) {
        lock.withLock { stored.append(line) }
    }

    var lines: [String] { lock.withLock { stored } }
}

final class Records: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [HTTPRequestRecord] = []

    func append(_ record: HTTPRequestRecord) {
        lock.withLock { stored.append(record) }
    }

    var all: [HTTPRequestRecord] { lock.withLock { stored } }
}
