import Testing
@testable import Ratings

@Test func formatsAreDetectedFromDirectoriesAndFileNames() throws {
    #expect(DatasetFormat.detect(fileName: "u.data") == .movieLens100k)
    #expect(DatasetFormat.detect(fileName: "ratings.dat") == .movieLens1M)
    #expect(DatasetFormat.detect(fileName: "ratings.csv") == .movieLensLatest)
    #expect(DatasetFormat.detect(fileName: "ml-1m.inter") == .recBole)
    #expect(DatasetFormat.detect(fileName: "combined_data_3.txt") == .netflix)
    #expect(DatasetFormat.detect(fileName: "notes.txt") == nil)
    let dir = try TempDirectory()
    try dir.write("README", "")
    #expect(DatasetFormat.detect(at: dir.path) == nil)
    #expect(throws: DatasetError.unrecognisedFormat(path: dir.path)) { try openDataset(at: dir.path) }
    try dir.write("ratings.dat", "")
    #expect(DatasetFormat.detect(at: dir.path) == .movieLens1M)
    #expect(try openDataset(at: dir.path).format == .movieLens1M)
}

@Test func forcedFormatWithMissingFileSaysWhichFile() throws {
    let dir = try TempDirectory()
    try dir.write("ratings.dat", "")
    #expect(throws: DatasetError.missingFile(path: dir.path + "/u.data")) {
        try openDataset(at: dir.path, format: .movieLens100k)
    }
}
