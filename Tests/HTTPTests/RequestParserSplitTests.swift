import Testing
@testable import HTTP

/// The parser must not depend on how bytes are split across reads, and must survive any bytes.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A summary of everything the parser produced, comparable across splits.
private func outcome(_ bytes: [UInt8], cuts: [Int]) -> [String] {
    var parser = HTTPRequestParser(limits: HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderBytes: 512, maxBodyBytes: 256))
    var seen: [String] = []
    var previous = 0
    for cut in cuts + [bytes.count] {
        parser.append(contentsOf: bytes[previous..<cut])
        previous = cut
        do {
            while let event = try parser.next() {
                switch event {
                case .continueExpected:
                    seen.append("100")
                case .request(let request):
                    seen.append("\(request.method) \(request.path) \(request.query.count) \(request.headers.count) \(request.body)")
                }
            }
        } catch {
            seen.append("error \(error.code)")
            return seen.filter { $0 != "100" }
        }
    }
    return seen.filter { $0 != "100" }
}

private let samples = [
    "GET /a%20b?x=1&y=%2B HTTP/1.1\r\nHost: h\r\n\r\nGET /c HTTP/1.0\r\n\r\n",
    "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n",
    "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\nbody\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
    "\r\nGET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n",
]

@Test func everySplitGivesTheSameResult() {
    var random = SplitMix64(state: 42)
    for sample in samples {
        let bytes = Array(sample.utf8)
        let whole = outcome(bytes, cuts: [])
        for _ in 0..<200 {
            let cuts = (0..<Int.random(in: 1...6, using: &random)).map { _ in Int.random(in: 0...bytes.count, using: &random) }.sorted()
            #expect(outcome(bytes, cuts: cuts) == whole)
        }
    }
}

@Test func mutatedInputNeverCrashesAndIsSplitIndependent() {
    var random = SplitMix64(state: 7)
    let interesting: [UInt8] = [0, 9, 10, 13, 32, 37, 43, 58, 59, 255] + Array("0aF%:;".utf8)
    for _ in 0..<3000 {
        guard var bytes = samples.randomElement(using: &random).map({ Array($0.utf8) }) else { continue }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: bytes[index] = interesting.randomElement(using: &random) ?? 0
            case 1: bytes.remove(at: index)
            default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
            }
            if bytes.isEmpty { bytes = [0] }
        }
        let cut = Int.random(in: 0...bytes.count, using: &random)
        #expect(outcome(bytes, cuts: [cut]) == outcome(bytes, cuts: []))
    }
}
