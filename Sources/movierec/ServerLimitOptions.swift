import ArgumentParser
import HTTP
import Service

/// `serve`'s limits on what one client may send, hold and make the server keep, with the HTTP
/// server's own defaults; `/health` reports them under `configuration`.
struct ServerLimitOptions: ParsableArguments {
    private static let server = HTTPServer.Configuration()
    private static let parser = HTTPParserLimits()

    @Option(help: "Longest request line in bytes (414 past it).")
    var maxRequestLineBytes = parser.maxRequestLineBytes

    @Option(help: "Most bytes of header fields in one request, trailers included (431 past it).")
    var maxHeaderBytes = parser.maxHeaderBytes

    @Option(help: "Most header fields in one request, trailers included (431 past it).")
    var maxHeaderFields = parser.maxHeaderCount

    @Option(help: "Most query parameters in one request (400 past it).")
    var maxQueryParameters = parser.maxQueryParameters

    @Option(help: "Largest request body in bytes, after removing chunked coding (413 past it).")
    var maxBodyBytes = parser.maxBodyBytes

    @Option(help: "Most bytes of chunk extensions in one request body (413 past it).")
    var maxChunkExtensionBytes = parser.maxChunkExtensionBytes

    @Option(help: ArgumentHelp("Most answer bytes queued for one connection before its pipelined requests wait.",
                               discussion: "Past it the server neither answers nor reads that connection until the client has read what is queued."))
    var maxOutputBytes = server.maxOutputBytes

    @Option(help: "Seconds from a request's first byte to the end of its head (408 past it).")
    var headerTimeout = server.headerTimeout.inSeconds

    @Option(help: "Seconds from the end of a request's head to the end of its body (408 past it).")
    var bodyTimeout = server.bodyTimeout.inSeconds

    @Option(help: "Seconds a keep-alive connection may wait for its next request.")
    var idleTimeout = server.idleTimeout.inSeconds

    @Option(help: "Seconds queued answers may wait with no byte read by the client before it is cut off.")
    var writeTimeout = server.writeTimeout.inSeconds

    @Option(help: "Seconds to drain a closing connection's unread input so its last answer is not reset.")
    var lingerTimeout = server.lingerTimeout.inSeconds

    @Option(help: "Seconds a posted rating's timestamp may lie past the server's clock (422 past it).")
    var futureTimestampTolerance = RatingPayload.defaultFutureTolerance

    func validate() throws {
        for (flag, value) in [("--max-request-line-bytes", maxRequestLineBytes), ("--max-header-bytes", maxHeaderBytes),
                              ("--max-header-fields", maxHeaderFields), ("--max-query-parameters", maxQueryParameters),
                              ("--max-body-bytes", maxBodyBytes), ("--max-output-bytes", maxOutputBytes)] where value < 1 {
            throw ValidationError("\(flag) must be at least 1")
        }
        guard maxChunkExtensionBytes >= 0 else { throw ValidationError("--max-chunk-extension-bytes must not be negative") }
        for (flag, value) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout),
                              ("--idle-timeout", idleTimeout), ("--write-timeout", writeTimeout),
                              ("--linger-timeout", lingerTimeout)] where !(value > 0 && value <= 86_400) {
            throw ValidationError("\(flag) must be more than 0 and at most 86400 seconds")
        }
        guard futureTimestampTolerance >= 0 else { throw ValidationError("--future-timestamp-tolerance must not be negative") }
    }

    /// Sets the limits and timeouts of `configuration`.
    func apply(to configuration: inout HTTPServer.Configuration) {
        configuration.limits = HTTPParserLimits(
            maxRequestLineBytes: maxRequestLineBytes, maxHeaderCount: maxHeaderFields, maxHeaderBytes: maxHeaderBytes,
            maxBodyBytes: maxBodyBytes, maxQueryParameters: maxQueryParameters, maxChunkExtensionBytes: maxChunkExtensionBytes)
        configuration.maxOutputBytes = maxOutputBytes
        configuration.headerTimeout = .seconds(headerTimeout)
        configuration.bodyTimeout = .seconds(bodyTimeout)
        configuration.idleTimeout = .seconds(idleTimeout)
        configuration.writeTimeout = .seconds(writeTimeout)
        configuration.lingerTimeout = .seconds(lingerTimeout)
    }
}
