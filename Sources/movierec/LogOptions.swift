import ArgumentParser
import Logging
import Service

extension LogFormat: ExpressibleByArgument {}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `--log-format`, `--log-level`, `--slow-request-ms`: how `serve` writes its log (standard
/// error, a line per record, UTC timestamps).
struct LogOptions: ParsableArguments {
    @Option(help: "Log lines as text or json (one object per line).")
    var logFormat = LogFormat.text

    @Option(help: "Least severe level logged: trace, debug, info, notice, warning, error, critical. Each request's access line is info.")
    var logLevel = Logger.Level.info

    @Option(help: "Requests slower than this many milliseconds are logged again as warnings.")
    var slowRequestMs = 500.0

    func validate() throws {
        guard slowRequestMs > 0 else { throw ValidationError("--slow-request-ms must be positive") }
    }

    func logger(_ label: String) -> Logger {
        .lines(label, format: logFormat, level: logLevel)
    }
}
