import Foundation
import HTTP
import Logging

/// A swift-log handler that writes each record as one line to standard error the moment it
/// is logged, through `LogWriter` (one `write(2)` per line, off the caller's thread): nothing
/// waits in a stdio buffer when the output is a pipe or a file (as under Docker, systemd or
/// CI), and lines of concurrent threads never interleave.
///
/// Text: `2026-12-07T15:40:01.123Z info movierec.http: request method=GET path=/predict …`
/// (UTC, metadata sorted by key, values with spaces quoted). JSON: `{"time":…,"level":…,
/// "logger":…,"message":…}` plus one member per metadata key.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let format: LogFormat
    private let output: LogOutput

    public init(label: String, format: LogFormat, level: Logger.Level, output: LogOutput = .standardError) {
        self.label = label
        self.format = format
        logLevel = level
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, given in given }
        let time = Self.timestamp()
        switch format {
        case .text: output.write(text(event, merged, time: time))
        case .json: output.write(json(event, merged, time: time))
        }
    }

    private func text(_ event: LogEvent, _ metadata: Logger.Metadata, time: String) -> String {
        var line = "\(time) \(event.level) \(label): \(event.message)"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            let text = "\(value)"
            line += " \(key)=" + (text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
                ? JSONEscaping.quoted(text) : text)
        }
        return line + "\n"
    }

    private func json(_ event: LogEvent, _ metadata: Logger.Metadata, time: String) -> String {
        var line = "{\"time\":\"\(time)\",\"level\":\"\(event.level)\",\"logger\":" + JSONEscaping.quoted(label)
            + ",\"message\":" + JSONEscaping.quoted("\(event.message)")
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) where !["time", "level", "logger", "message"].contains(key) {
            line += "," + JSONEscaping.quoted(key) + ":" + Self.json(value)
        }
        return line + "}\n"
    }

    private static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case let .string(text): return JSONEscaping.quoted(text)
        case let .stringConvertible(convertible):
            let text = convertible.description
            return convertible is any BinaryInteger || convertible is Double && Double(text)?.isFinite == true
                ? text : JSONEscaping.quoted(text)
        case let .array(items): return "[" + items.map(json).joined(separator: ",") + "]"
        case let .dictionary(members):
            return "{" + members.sorted { $0.key < $1.key }
                .map { JSONEscaping.quoted($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// Now in UTC, ISO 8601 with milliseconds, without Foundation's formatter (microseconds
    /// a call; an access line is written per request).
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}

/// Where log lines go: standard error through its `LogWriter` by default, a closure in tests.
public struct LogOutput: Sendable {
    let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public static let standardError = LogOutput { LogWriter.standardError.append($0) }
}

extension Logger {
    /// A logger that writes nothing: the default of components tests build without logs.
    public static func silent(_ label: String) -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// A logger writing lines (`LineLogHandler`).
    public static func lines(_ label: String, format: LogFormat, level: Logger.Level, output: LogOutput = .standardError) -> Logger {
        Logger(label: label, factory: { LineLogHandler(label: $0, format: format, level: level, output: output) })
    }
}
