import Foundation
import HTTP
import Logging

/// Thread-safe sinks for the server's log and observer hooks, which run on loop threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) {
        lock.withLock { stored.append(line) }
    }

    var lines: [String] { lock.withLock { stored } }

    /// A logger whose every record becomes a line here: `level message key=value …`.
    var logger: Logger {
        Logger(label: "test", factory: { _ in CollectingLogHandler(lines: self) })
    }
}

private struct CollectingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { _, given in given }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append(([String(describing: event.level), event.message.description] + fields).joined(separator: " "))
    }
}

final class Records: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [HTTPRequestRecord] = []

    func append(_ record: HTTPRequestRecord) {
        lock.withLock { stored.append(record) }
    }

    var all: [HTTPRequestRecord] { lock.withLock { stored } }
}
