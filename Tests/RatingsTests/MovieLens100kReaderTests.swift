import Testing
@testable import Ratings

@Test func movieLens100kReadsLatin1ItemsGenresAndUsers() throws {
    let dir = try TempDirectory()
    try dir.write("u.data", "196\t242\t3\t881250949\r\n186\t302\t3\t891717742\r\n\r\n")
    let flags = "|0|0|0|0|0|1|0|0|1|0|0|0|0|0|0|0|0|0|0"
    try dir.write("u.item", bytes: Array("242|Caf".utf8) + [0xE9] + Array(" (1995)|01-Jan-1995||http://x\(flags)\n".utf8)
        + Array("267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n".utf8)
        + Array("302|L.A. Confidential|01-Jan-1997||http://y\(flags)\n".utf8))
    try dir.write("u.user", "1|24|M|technician|85711\n")
    let dataset = try loadDataset(at: dir.path)
    #expect(dataset.format == .movieLens100k)
    #expect(dataset.ratings == [Rating(user: 196, movie: 242, value: 3, timestamp: 881250949),
                                Rating(user: 186, movie: 302, value: 3, timestamp: 891717742)])
    #expect(dataset.movies == [
        Movie(id: 242, title: "Café (1995)", year: 1995, genres: ["Comedy", "Drama"]),
        Movie(id: 267, title: "unknown", year: nil, genres: ["unknown"]),
        Movie(id: 302, title: "L.A. Confidential", year: 1997, genres: ["Comedy", "Drama"]),
    ])
    #expect(dataset.users == [UserProfile(id: 1, age: 24, gender: "M", occupation: "technician")])
}

@Test func movieLens100kTakesGenreNamesFromUGenre() throws {
    let dir = try TempDirectory()
    try dir.write("u.data", "1\t1\t5\t1\n")
    try dir.write("u.genre", "B|1\nA|0\n\n")
    try dir.write("u.item", "1|T|||u|1|1\n")
    #expect(try loadDataset(at: dir.path).movies == [Movie(id: 1, title: "T", genres: ["A", "B"])])
}

@Test func movieLens100kMalformedLinesNameFileAndLine() throws {
    let dir = try TempDirectory()
    let data = try dir.write("u.data", "1\t1\t5\t1\n1\t2\t5\n")
    #expect(throws: DatasetError.malformed(file: data, line: 2, message: "expected 4 fields, found 3")) {
        try loadDataset(at: dir.path)
    }
    try dir.write("u.data", "1\t1\t5\t1\n")
    let item = try dir.write("u.item", "1|T|||u|1|1\n")
    try dir.write("u.genre", "A|0\nB|1\n")
    try dir.write("u.item", "1|T|||u|1|2\n")
    #expect(throws: DatasetError.malformed(file: item, line: 1, message: "genre flag \"2\" for B is not 0 or 1")) {
        try loadDataset(at: dir.path)
    }
}
