import Testing
@testable import Ratings

@Test func movieLensLatestReadsQuotedTitlesWithCommasAndDoubledQuotes() throws {
    let dir = try TempDirectory()
    try dir.write("ratings.csv", "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,0.5,964981247\r\n")
    try dir.write("movies.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("""
        movieId,title,genres
        1,Toy Story (1995),Adventure|Animation
        11,"American President, The (1995)",Comedy|Drama|Romance
        12,"Lord of the Rings, The ""Extended"" (2001) ",Fantasy
        13,Café (2019),(no genres listed)

        """.utf8))
    let dataset = try loadDataset(at: dir.path + "/ratings.csv")
    #expect(dataset.format == .movieLensLatest)
    #expect(dataset.ratings == [Rating(user: 1, movie: 1, value: 4, timestamp: 964982703),
                                Rating(user: 1, movie: 3, value: 0.5, timestamp: 964981247)])
    #expect(dataset.movies == [
        Movie(id: 1, title: "Toy Story (1995)", year: 1995, genres: ["Adventure", "Animation"]),
        Movie(id: 11, title: "American President, The (1995)", year: 1995, genres: ["Comedy", "Drama", "Romance"]),
        Movie(id: 12, title: "Lord of the Rings, The \"Extended\" (2001) ", year: 2001, genres: ["Fantasy"]),
        Movie(id: 13, title: "Café (2019)", year: 2019, genres: []),
    ])
    #expect(dataset.users.isEmpty)
}

@Test func movieLensLatestMalformedLinesNameFileAndLine() throws {
    let dir = try TempDirectory()
    let ratings = try dir.write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,1,4.0,yesterday\n")
    #expect(throws: DatasetError.malformed(file: ratings, line: 3, message: "timestamp \"yesterday\" is not a number of seconds")) {
        try loadDataset(at: dir.path)
    }
    try dir.write("ratings.csv", "userId,movieId,rating,timestamp\n")
    let movies = try dir.write("movies.csv", "movieId,title,genres\n1,\"Open ended,Drama\n")
    #expect(throws: DatasetError.malformed(file: movies, line: 2, message: "unterminated quoted field")) {
        try loadDataset(at: dir.path)
    }
    try dir.write("movies.csv", bytes: Array("movieId,title,genres\n1,Caf".utf8) + [0xE9] + Array(",Drama\n".utf8))
    #expect(throws: DatasetError.malformed(file: movies, line: 2, message: "text is not valid UTF-8")) {
        try loadDataset(at: dir.path)
    }
}

@Test func movieLensLatestRequiresItsHeader() throws {
    let dir = try TempDirectory()
    let ratings = try dir.write("ratings.csv", "1,1,4.0,964982703\n")
    #expect(throws: DatasetError.malformed(file: ratings, line: 1, message: "header \"1,1,4.0,964982703\" is not userId,movieId,rating,timestamp")) {
        try loadDataset(at: dir.path)
    }
}
