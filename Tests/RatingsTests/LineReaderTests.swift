import Testing
@testable import Ratings

private func lines(of bytes: [UInt8], chunkSize: Int) throws -> [String] {
    let dir = try TempDirectory()
    let file = try dir.write("f", bytes: bytes)
    var seen: [String] = []
    try LineReader(path: file, chunkSize: chunkSize).forEachLine { seen.append("\($0.number):\($0.text)") }
    return seen
}

@Test func lineReaderSplitsAcrossChunksAndLongLines() throws {
    let text = "alpha\r\nbe\n\nlonger line than the chunk\r\nz"
    for chunkSize in [1, 3, 7, 16, 1 << 20] {
        #expect(try lines(of: [0xEF, 0xBB, 0xBF] + Array(text.utf8), chunkSize: chunkSize)
                == ["1:alpha", "2:be", "4:longer line than the chunk", "5:z"])
    }
}

@Test func lineReaderHandlesEmptyAndTinyFiles() throws {
    #expect(try lines(of: [], chunkSize: 16).isEmpty)
    #expect(try lines(of: Array("x".utf8), chunkSize: 16) == ["1:x"])
    #expect(try lines(of: [0xEF, 0xBB, 0xBF], chunkSize: 16).isEmpty)
    #expect(try lines(of: Array("\n\n".utf8), chunkSize: 16).isEmpty)
}

@Test func progressReportsRowsAndBytes() throws {
    let dir = try TempDirectory()
    let body = (1...500).map { "\($0)\t\($0)\t4\t\($0)\n" }.joined()
    let file = try dir.write("big.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float\n" + body)
    var reports: [ReadProgress] = []
    var rows = 0
    try openDataset(at: file).forEachRating(progress: { reports.append($0) }) { _ in rows += 1 }
    #expect(rows == 500)
    #expect(reports.last?.rows == 500)
    #expect(reports.last?.bytesRead == reports.last?.totalBytes)
    #expect(reports.last?.fraction == 1)
}

@Test func numberParsingAcceptsDatasetSpellings() {
    func parse(_ text: String) -> Float? { Array(text.utf8).withUnsafeBufferPointer(NumberParsing.float) }
    func seconds(_ text: String) -> Int64? { Array(text.utf8).withUnsafeBufferPointer(NumberParsing.wholeSeconds) }
    #expect(parse("4") == 4 && parse("3.5") == 3.5 && parse("4.0") == 4 && parse("5e-1") == 0.5)
    #expect(parse("") == nil && parse("x") == nil && parse("4.") == 4)
    #expect(seconds("881250949") == 881250949 && seconds("881250949.0") == 881250949)
    #expect(seconds("12.x") == nil && seconds("") == nil && seconds("99999999999999999999") == nil)
}
