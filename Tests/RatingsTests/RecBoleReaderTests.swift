import Testing
@testable import Ratings

@Test func recBoleReadsRatingsMoviesAndUsersByHeaderName() throws {
    let dir = try TempDirectory()
    try dir.write("tiny.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float\r\n1\t10\t4\t881250949\r\n2\t11\t3.5\t881250950.0\r\n\r\n")
    try dir.write("tiny.item", "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n10\tMisérables, Les\t1995\tDrama Musical\n267\tunkonwn\tunkonwn\tunknown\n")
    try dir.write("tiny.user", "user_id:token\tage:token\tgender:token\toccupation:token\tzip_code:token\n1\t24\tM\ttechnician\t85711\n")
    let dataset = try loadDataset(at: dir.path)
    #expect(dataset.format == .recBole)
    #expect(dataset.ratings == [Rating(user: 1, movie: 10, value: 4, timestamp: 881250949),
                                Rating(user: 2, movie: 11, value: 3.5, timestamp: 881250950)])
    #expect(dataset.movies == [Movie(id: 10, title: "Misérables, Les", year: 1995, genres: ["Drama", "Musical"]),
                               Movie(id: 267, title: "unkonwn", year: nil, genres: ["unknown"])])
    #expect(dataset.users == [UserProfile(id: 1, age: 24, gender: "M", occupation: "technician")])
}

@Test func recBoleHandlesBOMAndReorderedColumnsWithoutTimestamp() throws {
    let dir = try TempDirectory()
    let file = try dir.write("x.inter", bytes: [0xEF, 0xBB, 0xBF] + Array("rating:float\titem_id:token\tuser_id:token\n5\t7\t3".utf8))
    let dataset = try loadDataset(at: file)
    #expect(dataset.ratings == [Rating(user: 3, movie: 7, value: 5, timestamp: 0)])
    #expect(dataset.movies.isEmpty)
}

@Test func recBoleMalformedRatingNamesFileAndLine() throws {
    let dir = try TempDirectory()
    let file = try dir.write("bad.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float\n1\t2\t3\t4\n\n1\t2\tx\t4\n")
    #expect(throws: DatasetError.malformed(file: file, line: 4, message: "rating \"x\" is not a number")) {
        try loadDataset(at: dir.path)
    }
}

@Test func recBoleRejectsRatingOffTheScaleAndShortRows() throws {
    let dir = try TempDirectory()
    let file = try dir.write("bad.inter", "user_id:token\titem_id:token\trating:float\n1\t2\t6\n")
    do {
        _ = try loadDataset(at: dir.path)
        Issue.record("expected an error")
    } catch let DatasetError.malformed(errorFile, line, message) {
        #expect(errorFile == file && line == 2 && message.hasPrefix("rating 6 is off the scale"))
    }
    try dir.write("bad.inter", "user_id:token\titem_id:token\trating:float\n1\t2\n")
    #expect(throws: DatasetError.malformed(file: file, line: 2, message: "expected 3 fields, found 2")) {
        try loadDataset(at: dir.path)
    }
}
