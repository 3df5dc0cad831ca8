/// Every error the parser produces, in one place so each stable code is defined once.
extension HTTPError {
    static let invalidRequestLine = HTTPError.badRequest("invalid_request_line", "the request line is malformed")
    static let invalidMethod = HTTPError.badRequest("invalid_method", "the method is not a token")
    static let invalidTarget = HTTPError.badRequest("invalid_request_target", "the request target is malformed")
    static let targetUserinfo = HTTPError.badRequest("invalid_request_target",
                                                     "the request target carries userinfo (user@host), which HTTP forbids")
    static let versionNotSupported = HTTPError(status: .httpVersionNotSupported, code: "http_version_not_supported",
                                               message: "only HTTP/1 is supported")
    static let requestLineTooLong = HTTPError(status: .uriTooLong, code: "request_line_too_long",
                                              message: "the request line is too long")
    static let headersTooLarge = HTTPError(status: .requestHeaderFieldsTooLarge, code: "header_fields_too_large",
                                           message: "the header section is too large")
    static let tooManyHeaders = HTTPError(status: .requestHeaderFieldsTooLarge, code: "too_many_header_fields",
                                          message: "the request has too many header fields")
    static let bareCR = HTTPError.badRequest("bare_cr", "a CR byte appears outside a CRLF line ending")
    static let bareLF = HTTPError.badRequest("bare_lf", "a line ends in LF without CR")
    static let nulByte = HTTPError.badRequest("nul_byte", "a NUL byte appears in the request head")
    static let obsFold = HTTPError.badRequest("obsolete_line_folding", "obsolete header line folding is not accepted")
    static let invalidHeader = HTTPError.badRequest("invalid_header_field", "a header field is malformed")
    static let missingHost = HTTPError.badRequest("missing_host", "HTTP/1.1 requests need exactly one Host header")
    static let invalidHost = HTTPError.badRequest("invalid_host", "the Host header is not a host with an optional port")
    static let lengthAndEncoding = HTTPError.badRequest("content_length_with_transfer_encoding",
                                                        "Content-Length and Transfer-Encoding must not both be sent")
    static let duplicateContentLength = HTTPError.badRequest("duplicate_content_length",
                                                             "more than one Content-Length was sent")
    static let invalidContentLength = HTTPError.badRequest("invalid_content_length", "Content-Length is not a valid length")
    static let invalidTransferEncoding = HTTPError.badRequest("invalid_transfer_encoding",
                                                              "Transfer-Encoding must end in chunked")
    static let chunkedTwice = HTTPError.badRequest("invalid_transfer_encoding",
                                                   "chunked may be applied only once, as the last transfer coding")
    static let unsupportedTransferEncoding = HTTPError(status: .notImplemented, code: "unsupported_transfer_encoding",
                                                       message: "only the chunked transfer coding is supported")
    static let invalidChunkSize = HTTPError.badRequest("invalid_chunk_size", "a chunk size line is malformed")
    static let invalidChunkEnd = HTTPError.badRequest("invalid_chunk_data", "chunk data is not followed by CRLF")
    static let bodyTooLarge = HTTPError(status: .contentTooLarge, code: "content_too_large", message: "the request body is too large")
    static let chunkExtensionsTooLarge = HTTPError(status: .contentTooLarge, code: "chunk_extensions_too_large",
                                                   message: "the request's chunk extensions are too large")
    static let expectationFailed = HTTPError(status: .expectationFailed, code: "expectation_failed",
                                             message: "only the 100-continue expectation is supported")
    static let invalidPercentEncoding = HTTPError.badRequest("invalid_percent_encoding",
                                                             "the target has an invalid percent escape")
    static let invalidUTF8 = HTTPError.badRequest("invalid_utf8", "the decoded target is not valid UTF-8")
    static let tooManyQueryParameters = HTTPError.badRequest("too_many_query_parameters",
                                                             "the query has too many parameters")
}
