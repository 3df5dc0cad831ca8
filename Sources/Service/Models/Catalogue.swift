import Foundation
import Ratings

/// The movies the service knows, held in memory so that titles, existence checks, searches
/// and filters cost lookups instead of database round trips on every request. Movies
/// added or corrected through the API replace the snapshot (copy on write: such writes are
/// rare, reads are every request); a request reads one `CatalogueSnapshot` throughout.
public final class Catalogue: @unchecked Sendable {
    private let lock = NSLock()
    private var current: CatalogueSnapshot

    public init(_ movies: [Movie]) {
        current = CatalogueSnapshot(movies, revision: 0)
    }

    /// The catalogue as of now, unchanged by later writes.
    public var snapshot: CatalogueSnapshot { lock.withLock { current } }

    public var count: Int { snapshot.count }
    public func contains(_ id: Int64) -> Bool { snapshot.movie(id) != nil }
    public func title(of id: Int64) -> String { snapshot.movie(id)?.title ?? "" }

    /// Adds or replaces `movie` (after the store committed it).
    public func put(_ movie: Movie) {
        lock.withLock { current = current.with(movie) }
    }
}

/// One immutable state of the catalogue with what searches and filters read precomputed.
public struct CatalogueSnapshot: Sendable {
    private let movies: [Int64: Movie]
    /// Titles folded for search (case and accents dropped), by id.
    private let searchable: [Int64: String]
    /// Every genre some movie has, sorted: what a genre filter may name.
    public let genres: [String]
    /// Grows with every change: what caches derived from the catalogue are keyed by.
    public let revision: Int

    init(_ movies: [Movie], revision: Int) {
        self.movies = Dictionary(movies.map { ($0.id, $0) }, uniquingKeysWith: { _, newest in newest })
        searchable = self.movies.mapValues { Self.fold($0.title) }
        genres = Set(movies.flatMap(\.genres)).sorted()
        self.revision = revision
    }

    private init(movies: [Int64: Movie], searchable: [Int64: String], genres: [String], revision: Int) {
        self.movies = movies
        self.searchable = searchable
        self.genres = genres
        self.revision = revision
    }

    public var count: Int { movies.count }

    /// The movies `admits` keeps, in no particular order.
    public func movies(where admits: (Movie) -> Bool) -> [Movie] {
        movies.values.filter(admits)
    }

    public func movie(_ id: Int64) -> Movie? { movies[id] }

    func with(_ movie: Movie) -> CatalogueSnapshot {
        var movies = movies
        var searchable = searchable
        movies[movie.id] = movie
        searchable[movie.id] = Self.fold(movie.title)
        let genres = movie.genres.allSatisfy(self.genres.contains) ? self.genres : Set(self.genres + movie.genres).sorted()
        return CatalogueSnapshot(movies: movies, searchable: searchable, genres: genres, revision: revision + 1)
    }

    /// Movies whose title holds every word of `query` (case- and accent-insensitive, in any
    /// order: "the godfather" finds "Godfather, The"), most popular first, then by id.
    public func search(_ query: String, where admits: (Movie) -> Bool, popularity: (Int64) -> Float, limit: Int) -> [Movie] {
        let words = Self.words(of: query)
        var found: [(movie: Movie, popularity: Float)] = []
        for (id, title) in searchable where words.allSatisfy(title.contains) {
            guard let movie = movies[id], admits(movie) else { continue }
            found.append((movie, popularity(id)))
        }
        found.sort { $0.popularity != $1.popularity ? $0.popularity > $1.popularity : $0.movie.id < $1.movie.id }
        return found.prefix(limit).map(\.movie)
    }

    /// A title as search compares it: lower case, accents dropped, words separated by one space.
    static func fold(_ text: String) -> String {
        words(of: text).joined(separator: " ")
    }

    private static func words(of text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !$0.isLetter && !$0.isNumber }
            .map(String.init)
    }
}
