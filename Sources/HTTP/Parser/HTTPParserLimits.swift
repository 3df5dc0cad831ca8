/// Size limits the parser enforces, each with its own answer so a client learns which it crossed.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Longest request line (method, target, version) in bytes; longer gets 414.
    public var maxRequestLineBytes: Int
    /// Most header fields in one request (trailers included); more gets 431.
    public var maxHeaderCount: Int
    /// Most bytes of header lines in one request (trailers included); more gets 431.
    public var maxHeaderBytes: Int
    /// Largest body after removing chunked coding; larger gets 413.
    public var maxBodyBytes: Int
    /// Most query parameters; more gets 400 `too_many_query_parameters` (the target may be short,
    /// so 414 would mislead).
    public var maxQueryParameters: Int
    /// Most bytes of chunk extensions in one request's body, all chunks together; more gets 413
    /// `chunk_extensions_too_large`. Extensions mean nothing here, and without a total one-byte
    /// chunks could each bring a full chunk line of them.
    public var maxChunkExtensionBytes: Int

    public init(maxRequestLineBytes: Int = 8 * 1024, maxHeaderCount: Int = 100, maxHeaderBytes: Int = 16 * 1024,
                maxBodyBytes: Int = 1024 * 1024, maxQueryParameters: Int = 100, maxChunkExtensionBytes: Int = 16 * 1024) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxQueryParameters = maxQueryParameters
        self.maxChunkExtensionBytes = maxChunkExtensionBytes
    }
}
