import Foundation

/// The rating-data layouts movierec reads. Raw values are the names used on the
/// command line (`--format ml-1m`).
public enum DatasetFormat: String, CaseIterable, Sendable {
    /// MovieLens 100k: `u.data`, `u.item`, `u.user` (and `u.genre`).
    case movieLens100k = "ml-100k"
    /// MovieLens 1M: `ratings.dat`, `movies.dat`, `users.dat`, `::`-separated.
    case movieLens1M = "ml-1m"
    /// MovieLens latest/small/25M/32M: `ratings.csv`, `movies.csv`.
    case movieLensLatest = "ml-latest"
    /// RecBole atomic files: `NAME.inter`, `NAME.item`, `NAME.user`.
    case recBole = "recbole"
    /// Netflix Prize: `combined_data_*.txt`, `movie_titles.csv`.
    case netflix = "netflix"

    /// Recognises a dataset from a directory (by the files in it) or from one of its
    /// rating files (by name). Returns nil when nothing matches.
    public static func detect(at path: String) -> DatasetFormat? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return detect(directoryEntries: names)
        }
        return detect(fileName: (path as NSString).lastPathComponent)
    }

    static func detect(fileName name: String) -> DatasetFormat? {
        switch name {
        case "u.data": return .movieLens100k
        case "ratings.dat": return .movieLens1M
        case "ratings.csv": return .movieLensLatest
        default:
            if name.hasSuffix(".inter") { return .recBole }
            if name.hasPrefix("combined_data_") && name.hasSuffix(".txt") { return .netflix }
            return nil
        }
    }

    static func detect(directoryEntries names: [String]) -> DatasetFormat? {
        let found = Set(names.compactMap { detect(fileName: $0) })
        for format in [DatasetFormat.movieLens100k, .movieLens1M, .movieLensLatest, .recBole, .netflix]
        where found.contains(format) {
            return format
        }
        return nil
    }
}
