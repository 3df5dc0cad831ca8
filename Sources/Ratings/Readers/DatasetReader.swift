import Foundation

/// A dataset on disk, read on demand. Ratings are streamed through a callback so that
/// a 25M-row file never has to become one array; the catalogue and user tables are
/// small enough to return whole.
public protocol DatasetReader: Sendable {
    var format: DatasetFormat { get }
    /// The files ratings come from, in reading order.
    var ratingFiles: [String] { get }

    /// Calls `body` once per rating line, in file order. `progress` is called after each
    /// chunk (about every MiB). Errors thrown by `body` propagate unchanged.
    func forEachRating(progress: ((ReadProgress) -> Void)?, _ body: (Rating) throws -> Void) throws

    /// The catalogue, or an empty array when the dataset has no movie file.
    func movies() throws -> [Movie]
    /// User demographics, or an empty array when the dataset has none.
    func users() throws -> [UserProfile]
}

extension DatasetReader {
    public func forEachRating(_ body: (Rating) throws -> Void) throws {
        try forEachRating(progress: nil, body)
    }

    /// All ratings in one array, for callers that want them in memory (training).
    public func allRatings() throws -> [Rating] {
        var ratings: [Rating] = []
        try forEachRating { ratings.append($0) }
        return ratings
    }
}

/// Opens the dataset at `path` — a directory, or one of its rating files — in the given
/// format, or the detected one when `format` is nil.
public func openDataset(at path: String, format: DatasetFormat? = nil) throws -> any DatasetReader {
    guard FileManager.default.fileExists(atPath: path) else { throw DatasetError.missingFile(path: path) }
    guard let chosen = format ?? DatasetFormat.detect(at: path) else {
        throw DatasetError.unrecognisedFormat(path: path)
    }
    let layout = DatasetLayout(path: path)
    switch chosen {
    case .movieLens100k: return try MovieLens100kReader(layout: layout)
    case .movieLens1M: return try MovieLens1MReader(layout: layout)
    case .movieLensLatest: return try MovieLensLatestReader(layout: layout)
    case .recBole: return try RecBoleReader(layout: layout)
    case .netflix: return try NetflixReader(layout: layout)
    }
}

/// Reads everything at `path` into memory (detecting the format unless given).
public func loadDataset(at path: String, format: DatasetFormat? = nil) throws -> Dataset {
    let reader = try openDataset(at: path, format: format)
    return Dataset(format: reader.format, ratings: try reader.allRatings(),
                   movies: try reader.movies(), users: try reader.users())
}
