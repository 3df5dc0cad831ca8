import HTTP

extension RecommenderService {
    /// `configuration` in `/health`: the limits the running server enforces, so a client or an
    /// operator can read them off the server instead of guessing from its command line. The HTTP
    /// limits appear when an `HTTPServer` runs this service.
    func writeConfiguration(into writer: inout JSONWriter) {
        writer.key("configuration")
        writer.beginObject()
        writer.field("future_timestamp_tolerance_seconds", futureTimestampTolerance)
        if let server {
            let limits = server.limits
            writer.field("max_connections", server.maxConnections)
            writer.field("max_request_line_bytes", limits.maxRequestLineBytes)
            writer.field("max_header_bytes", limits.maxHeaderBytes)
            writer.field("max_header_fields", limits.maxHeaderCount)
            writer.field("max_query_parameters", limits.maxQueryParameters)
            writer.field("max_body_bytes", limits.maxBodyBytes)
            writer.field("max_chunk_extension_bytes", limits.maxChunkExtensionBytes)
            writer.field("max_output_bytes", server.maxOutputBytes)
            writer.field("header_timeout_seconds", server.headerTimeout.inSeconds)
            writer.field("body_timeout_seconds", server.bodyTimeout.inSeconds)
            writer.field("idle_timeout_seconds", server.idleTimeout.inSeconds)
            writer.field("write_timeout_seconds", server.writeTimeout.inSeconds)
            writer.field("linger_timeout_seconds", server.lingerTimeout.inSeconds)
        }
        writer.endObject()
    }
}
