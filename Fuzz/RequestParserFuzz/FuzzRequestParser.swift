import HTTP

/// Small limits, so that the fuzzer reaches every limit check with short inputs.
private let limits = HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderCount: 16, maxHeaderBytes: 512,
                                      maxBodyBytes: 256, maxQueryParameters: 8, maxChunkExtensionBytes: 128)

/// Everything the parser produced from `bytes` fed in two parts cut at `cut`, comparable across cuts.
private func outcome(_ bytes: UnsafeRawBufferPointer, cut: Int) -> [String] {
    var parser = HTTPRequestParser(limits: limits)
    var seen: [String] = []
    for part in [UnsafeRawBufferPointer(rebasing: bytes[..<cut]), UnsafeRawBufferPointer(rebasing: bytes[cut...])] {
        parser.append(part)
        do {
            while let event = try parser.next() {
                switch event {
                case .continueExpected:
                    continue
                case .request(let request):
                    seen.append("\(request.method) \(request.target) \(request.path) \(request.query) "
                        + "\(request.version) \(request.headers) \(request.body) \(request.keepAlive)")
                }
            }
        } catch {
            seen.append("error \(error.status) \(error.code)")
            return seen
        }
    }
    return seen
}

/// One fuzz input: parses the input whole and split at a byte the input chooses (its
/// first byte scaled to the length), and traps if the two outcomes differ. A crash, a leak or a
/// hang inside the parser is caught by libFuzzer and the address sanitizer themselves.
func fuzzRequestParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let whole = outcome(bytes, cut: size)
    let cut = size == 0 ? 0 : Int(bytes[0]) * size / 256
    let split = outcome(bytes, cut: cut)
    if whole != split {
        fatalError("split at \(cut) of \(size) bytes changed the outcome: \(whole) versus \(split)")
    }
    return 0
}
