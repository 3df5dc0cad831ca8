import Ratings

/// The movies the service knows, held in memory so that titles and existence checks
/// cost a hash lookup instead of a database round trip on every request.
public struct Catalogue: Sendable {
    private let movies: [Int64: Movie]

    public init(_ movies: [Movie]) {
        self.movies = Dictionary(movies.map { ($0.id, $0) }, uniquingKeysWith: { _, newest in newest })
    }

    public var count: Int { movies.count }

    public func contains(_ id: Int64) -> Bool { movies[id] != nil }

    public func title(of id: Int64) -> String { movies[id]?.title ?? "" }
}
