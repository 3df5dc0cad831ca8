import Testing
@testable import Ratings

@Test func movieLens1MReadsDoubleColonFilesWithLatin1Titles() throws {
    let dir = try TempDirectory()
    try dir.write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109")
    try dir.write("movies.dat", bytes: Array("1::Toy Story (1995)::Animation|Children's|Comedy\r\n".utf8)
        + Array("2::Caf".utf8) + [0xE9] + Array(" Society: The Return (2001)::Drama\r\n".utf8))
    try dir.write("users.dat", "1::F::1::10::48067\n2::M::56::16::70072\n")
    let dataset = try loadDataset(at: dir.path)
    #expect(dataset.format == .movieLens1M)
    #expect(dataset.ratings == [Rating(user: 1, movie: 1193, value: 5, timestamp: 978300760),
                                Rating(user: 1, movie: 661, value: 3, timestamp: 978302109)])
    #expect(dataset.movies == [
        Movie(id: 1, title: "Toy Story (1995)", year: 1995, genres: ["Animation", "Children's", "Comedy"]),
        Movie(id: 2, title: "Café Society: The Return (2001)", year: 2001, genres: ["Drama"]),
    ])
    #expect(dataset.users == [UserProfile(id: 1, age: 1, gender: "F", occupation: "K-12 student"),
                              UserProfile(id: 2, age: 56, gender: "M", occupation: "self-employed")])
}

@Test func movieLens1MMalformedLinesNameFileAndLine() throws {
    let dir = try TempDirectory()
    let ratings = try dir.write("ratings.dat", "1::1193::5::978300760\n1::661::3.25::978302109\n")
    do {
        _ = try loadDataset(at: dir.path)
        Issue.record("expected an error")
    } catch let DatasetError.malformed(file, line, message) {
        #expect(file == ratings && line == 2 && message.hasPrefix("rating 3.25 is off the scale"))
    }
    try dir.write("ratings.dat", "1::1::5::1\n")
    let users = try dir.write("users.dat", "1::F::1::10::48067\n\n2::M::56::21::70072\n")
    #expect(throws: DatasetError.malformed(file: users, line: 3, message: "occupation code 21 is not in 0…20")) {
        try loadDataset(at: dir.path)
    }
}
