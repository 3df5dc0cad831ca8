import Testing
@testable import Ratings

@Test func netflixReadsMovieBlocksAcrossFilesWithUTCMidnightDates() throws {
    let dir = try TempDirectory()
    try dir.write("combined_data_1.txt", "1:\r\n1488844,3,2005-09-06\r\n822109,5,2005-05-13\r\n2:\r\n2059652,4,2000-02-29\r\n")
    try dir.write("combined_data_2.txt", "3:\n30878,1,1970-01-01\n")
    try dir.write("movie_titles.csv", bytes: Array("1,2003,Dinosaur Planet\n2,NULL,Isle, The\n3,1997,Caf".utf8) + [0xE9] + [0x0A])
    let dataset = try loadDataset(at: dir.path)
    #expect(dataset.format == .netflix)
    #expect(dataset.ratings == [
        Rating(user: 1488844, movie: 1, value: 3, timestamp: 1_125_964_800),
        Rating(user: 822109, movie: 1, value: 5, timestamp: 1_115_942_400),
        Rating(user: 2059652, movie: 2, value: 4, timestamp: 951_782_400),
        Rating(user: 30878, movie: 3, value: 1, timestamp: 0),
    ])
    #expect(dataset.movies == [Movie(id: 1, title: "Dinosaur Planet", year: 2003),
                               Movie(id: 2, title: "Isle, The", year: nil),
                               Movie(id: 3, title: "Café", year: 1997)])
}

@Test func netflixRejectsBadDatesAndRatingsBeforeAMovieLine() throws {
    let dir = try TempDirectory()
    let first = try dir.write("combined_data_1.txt", "1:\n1,3,2005-02-29\n")
    #expect(throws: DatasetError.malformed(file: first, line: 2, message: "date \"2005-02-29\" is not YYYY-MM-DD")) {
        try loadDataset(at: dir.path)
    }
    try dir.write("combined_data_1.txt", "1:\n1,3,2005-02-28\n")
    let second = try dir.write("combined_data_2.txt", "\n1,3,2005-02-28\n")
    #expect(throws: DatasetError.malformed(file: second, line: 2, message: "rating before the first \"MovieID:\" line")) {
        try loadDataset(at: dir.path)
    }
}

@Test func civilDatesMatchKnownUnixTimes() {
    #expect(CivilDate.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
    #expect(CivilDate.daysSinceEpoch(year: 2000, month: 3, day: 1) == 11_017)
    #expect(CivilDate.daysSinceEpoch(year: 1969, month: 12, day: 31) == -1)
    #expect(CivilDate.daysSinceEpoch(year: 2005, month: 12, day: 31) == 13_148)
}
