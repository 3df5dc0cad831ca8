/// The request line, field lines and the framing decisions taken when the head is complete.
extension HTTPRequestParser {
    /// `method SP request-target SP HTTP-version` with exactly one space between parts (RFC 9112 §3).
    mutating func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPError) {
        guard let firstSpace = line.firstIndex(of: ASCII.space) else { throw .invalidRequestLine }
        let methodBytes = line[line.startIndex..<firstSpace]
        let rest = line[(firstSpace + 1)...]
        guard let secondSpace = rest.firstIndex(of: ASCII.space) else { throw .invalidRequestLine }
        let targetBytes = rest[rest.startIndex..<secondSpace]
        let versionBytes = rest[(secondSpace + 1)...]

        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ASCII.isToken) else { throw .invalidMethod }
        head.version = try Self.parseVersion(versionBytes)
        head.method = HTTPMethod(bytes: methodBytes)
        guard !targetBytes.isEmpty, targetBytes.allSatisfy(ASCII.isTargetByte) else { throw .invalidTarget }
        head.target = String(decoding: targetBytes, as: UTF8.self)
        try parseTarget(targetBytes)
    }

    private static let http1_1: [UInt8] = Array("HTTP/1.1".utf8)
    private static let http1_0: [UInt8] = Array("HTTP/1.0".utf8)

    /// `HTTP/DIGIT.DIGIT`. A later minor version of HTTP/1 is served as 1.1, the highest this
    /// server speaks (RFC 9110 §2.5); only another major version is 505.
    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> HTTPVersion {
        if bytes.elementsEqual(http1_1) { return .http1_1 }
        if bytes.elementsEqual(http1_0) { return .http1_0 }
        let shape = Array(bytes)
        guard shape.count == 8, shape[0..<5].elementsEqual("HTTP/".utf8), shape[6] == UInt8(ascii: "."),
              isDigit(shape[5]), isDigit(shape[7]) else { throw .invalidRequestLine }
        if shape[5] == UInt8(ascii: "1") { return .http1_1 }
        throw .versionNotSupported
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Origin form (`/path?query`), absolute form (`http://host/path?query`), or `*` for OPTIONS.
    private mutating func parseTarget(_ target: ArraySlice<UInt8>) throws(HTTPError) {
        if target.count == 1 && target.first == UInt8(ascii: "*") {
            guard head.method == .options else { throw .invalidTarget }
            head.path = "*"
            head.pathSegments = []
            return
        }
        if target.contains(UInt8(ascii: "#")) { throw .invalidTarget }
        var pathAndQuery = target
        if target.first != UInt8(ascii: "/") {
            guard let schemeEnd = Self.absoluteFormPrefixLength(target) else { throw .invalidTarget }
            let afterScheme = target.dropFirst(schemeEnd)
            let authorityEnd = afterScheme.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
                ?? afterScheme.endIndex
            try Self.checkAuthority(afterScheme[afterScheme.startIndex..<authorityEnd])
            pathAndQuery = afterScheme[authorityEnd...]
        }
        let queryStart = pathAndQuery.firstIndex(of: UInt8(ascii: "?"))
        let rawPath = pathAndQuery[pathAndQuery.startIndex..<(queryStart ?? pathAndQuery.endIndex)]

        var segments: [String] = []
        if rawPath.count > 1 {
            segments.reserveCapacity(4)
            var pieceStart = rawPath.startIndex + 1
            while true {
                let pieceEnd = rawPath[pieceStart...].firstIndex(of: UInt8(ascii: "/")) ?? rawPath.endIndex
                segments.append(try PercentDecoding.decode(rawPath[pieceStart..<pieceEnd], plusAsSpace: false))
                if pieceEnd == rawPath.endIndex { break }
                pieceStart = pieceEnd + 1
            }
        } else if rawPath.first != UInt8(ascii: "/") && !rawPath.isEmpty {
            throw .invalidTarget
        }
        head.pathSegments = segments
        head.path = segments.count == 1 ? "/" + segments[0] : "/" + segments.joined(separator: "/")

        head.query = []
        if let queryStart {
            head.query.reserveCapacity(4)
            let query = pathAndQuery[(queryStart + 1)...]
            var pairStart = query.startIndex
            while pairStart < query.endIndex {
                let pairEnd = query[pairStart...].firstIndex(of: UInt8(ascii: "&")) ?? query.endIndex
                let pair = query[pairStart..<pairEnd]
                pairStart = pairEnd + 1
                if pair.isEmpty { continue }
                if head.query.count == limits.maxQueryParameters { throw .tooManyQueryParameters }
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                let name = try PercentDecoding.decode(pair[pair.startIndex..<(equals ?? pair.endIndex)], plusAsSpace: true)
                let value = try equals.map { index throws(HTTPError) in
                    try PercentDecoding.decode(pair[(index + 1)...], plusAsSpace: true)
                } ?? ""
                head.query.append(HTTPField(name: name, value: value))
            }
        }
    }

    /// An absolute-form target's authority: RFC 9110 §4.2.4 makes userinfo (`user@`) an error,
    /// and §4.2.1 an http URI without a host.
    private static func checkAuthority(_ authority: ArraySlice<UInt8>) throws(HTTPError) {
        if authority.contains(UInt8(ascii: "@")) { throw .targetUserinfo }
        guard let first = authority.first, first != ASCII.colon, Authority.isHostAndPort(authority) else {
            throw .invalidTarget
        }
    }

    /// Length of `http://authority` or `https://authority` up to the path, or `nil`.
    private static func absoluteFormPrefixLength(_ target: ArraySlice<UInt8>) -> Int? {
        if ASCII.equalsLowercased(target.prefix(7), "http://") && target.count > 7 { return 7 }
        if ASCII.equalsLowercased(target.prefix(8), "https://") && target.count > 8 { return 8 }
        return nil
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5). Trailer fields are checked and counted
    /// but not kept, since nothing here gives them meaning.
    mutating func parseFieldLine(_ line: ArraySlice<UInt8>, isTrailer: Bool) throws(HTTPError) {
        guard let first = line.first else { throw .invalidHeader }
        if first == ASCII.space || first == ASCII.tab { throw .obsFold }
        guard let colon = line.firstIndex(of: ASCII.colon) else { throw .invalidHeader }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(ASCII.isToken) else { throw .invalidHeader }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == ASCII.space || byte == ASCII.tab { value = value.dropFirst() }
        while let byte = value.last, byte == ASCII.space || byte == ASCII.tab { value = value.dropLast() }
        guard value.allSatisfy(ASCII.isFieldValueByte) else { throw .invalidHeader }
        head.fieldCount += 1
        guard head.fieldCount <= limits.maxHeaderCount else { throw .tooManyHeaders }
        if isTrailer { return }
        let valueText = String(decoding: value, as: UTF8.self)
        head.headers.add(name: String(decoding: name, as: UTF8.self), value: valueText)
        try head.noteFramingField(name: name, value: value, text: valueText)
    }

    /// Applies the head's framing and connection rules (RFC 9112 §6, §9) and picks the body state.
    mutating func finishHead() throws(HTTPError) -> Event? {
        if head.version == .http1_1 && head.hostCount != 1 { throw .missingHost }
        if head.hostCount > 1 { throw .missingHost }

        let connectionTokens = head.connectionValues.flatMap(Self.commaSeparatedLowercased)
        if connectionTokens.contains("close") {
            head.keepAlive = false
        } else {
            head.keepAlive = head.version == .http1_1 || connectionTokens.contains("keep-alive")
        }

        if let expectation = head.expectValue, head.version == .http1_1 {
            guard Self.commaSeparatedLowercased(expectation) == ["100-continue"] else { throw .expectationFailed }
            head.expectContinue = true
        }

        let lengths = head.contentLengths
        let encodings = head.transferEncodings
        if !encodings.isEmpty {
            if !lengths.isEmpty { throw .lengthAndEncoding }
            if head.version == .http1_0 { throw .invalidTransferEncoding }
            let codings = encodings.flatMap(Self.commaSeparatedLowercased)
            guard codings.last == "chunked" else { throw .invalidTransferEncoding }
            guard !codings.dropLast().contains("chunked") else { throw .chunkedTwice }
            guard codings.count == 1 else { throw .unsupportedTransferEncoding }
            state = .chunkSize
            return continueEventIfHeadOnly()
        }
        guard lengths.count <= 1 else { throw .duplicateContentLength }
        let length = try lengths.first.map(Self.parseContentLength) ?? 0
        if length > limits.maxBodyBytes { throw .bodyTooLarge }
        state = .fixedBody(remaining: length)
        return length == 0 ? nil : continueEventIfHeadOnly()
    }

    /// After the head: a 100-continue event if no body byte is buffered yet (otherwise the client
    /// did not wait, and answering 100 would be noise).
    private mutating func continueEventIfHeadOnly() -> Event? {
        guard head.expectContinue, start == buffer.count else { return nil }
        head.receivedContinue = true
        return .continueExpected
    }

    /// `1*DIGIT`, at most 18 digits so it cannot overflow.
    private static func parseContentLength(_ text: String) throws(HTTPError) -> Int {
        let digits = text.utf8
        guard !digits.isEmpty, digits.count <= 18,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { throw .invalidContentLength }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// `chunk-size [ chunk-ext ]`: hex digits, then optionally whitespace and `;` extensions,
    /// ignored but measured: returns the size and how many bytes the extensions took.
    static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPError) -> (size: Int, extensionBytes: Int) {
        var size = 0
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, let value = ASCII.hexValue(line[index]) {
            digits += 1
            if digits > 15 { throw .invalidChunkSize }
            size = size << 4 | Int(value)
            index += 1
        }
        guard digits > 0 else { throw .invalidChunkSize }
        while index < line.endIndex, line[index] == ASCII.space || line[index] == ASCII.tab { index += 1 }
        if index < line.endIndex {
            guard line[index] == UInt8(ascii: ";"), line[index...].allSatisfy(ASCII.isFieldValueByte) else {
                throw .invalidChunkSize
            }
        }
        return (size, line.count - digits)
    }

    private static func commaSeparatedLowercased(_ value: String) -> [String] {
        value.split(separator: ",").map { piece in
            String(piece.trimmingOWS().lowercased())
        }.filter { !$0.isEmpty }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingOWS() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
