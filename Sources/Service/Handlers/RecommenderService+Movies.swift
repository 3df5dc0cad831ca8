import HTTP
import Ratings
import Recommender
import Store

extension RecommenderService {
    static let maximumSearchResults = 100
    static let maximumQueryLength = 200

    /// `GET /movies/:movie`: the catalogue entry with its rating count and mean as stored
    /// now, and whether the serving model has learned it yet.
    func movie(_ request: HTTPRequest) throws -> HTTPResponse {
        let id = try request.requiredID(path: "movie")
        guard let movie = try catalogueMovie(id) else { throw ServiceError.unknownMovie(id) }
        let stats = try store.ratingStats(movie: id)
        var writer = JSONWriter()
        writer.beginObject()
        writeMovieFields(movie, into: &writer)
        writer.key("ratings")
        writer.beginObject()
        writer.field("count", stats.count)
        writer.key("mean")
        if let mean = stats.mean { writer.value(mean) } else { writer.null() }
        writer.endObject()
        if let model = registry.current {
            writer.field("cold_start", model.models.mf.movies.index(of: id) == nil)
        }
        writer.endObject()
        return .json(bytes: writer.bytes)
    }

    /// `GET /movies?q=&genre=&year_min=&year_max=&limit=`: title search (every word of `q`,
    /// case- and accent-insensitive) within the filters, most rated first.
    func searchMovies(_ request: HTTPRequest) throws -> HTTPResponse {
        let limit = try request.integer(query: "limit", default: 20, in: 1...Self.maximumSearchResults)
        let titles = catalogue.snapshot
        let query = request.queryValue("q") ?? ""
        guard query.unicodeScalars.count <= Self.maximumQueryLength else {
            throw HTTPError.badRequest("invalid_parameter", "query parameter 'q' may hold at most \(Self.maximumQueryLength) characters")
        }
        let genres = try ListQuery.genres(request, known: titles.genres)
        let years = try ListQuery.years(request)
        let mostRated = registry.current?.models.mostRated
        let found = titles.search(query, where: { CatalogueSnapshot.admits($0, genres: genres, years: years) },
                                  popularity: { id in mostRated.flatMap { m in m.movies.index(of: id).map { m.counts[$0] } } ?? 0 },
                                  limit: limit)
        var writer = JSONWriter(capacity: 32 + 100 * found.count)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for movie in found {
            writer.beginObject()
            writeMovieFields(movie, into: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return .json(bytes: writer.bytes)
    }

    /// `POST /movies`: a new catalogue movie, committed before the 201 and served at once —
    /// until a retraining learns it, models score it from its genre peers (`cold_start`).
    /// Without an id the next free one is taken; a concurrent add that took it first makes
    /// this one ask again.
    func addMovie(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try request.jsonBody()
        for _ in 0..<Self.idAttempts {
            var idGiven = true
            let movie = try MoviePayload.new(from: body, nextID: {
                idGiven = false
                do {
                    return try store.nextMovieID()
                } catch StoreError.movieIDsExhausted {
                    throw HTTPError(status: .conflict, code: "movie_ids_exhausted",
                                    message: "the catalogue holds the largest possible movie id; give the new movie an 'id'")
                }
            })
            if try storeWrite({ try store.insertMovie(movie) }) {
                catalogue.put(movie)
                return movieResponse(movie, status: .created)
            }
            if idGiven {
                throw HTTPError(status: .conflict, code: "movie_exists", message: "movie \(movie.id) is already in the catalogue")
            }
        }
        throw HTTPError(status: .serviceUnavailable, code: "busy", message: "other movies took every id offered; try again",
                        headers: ["Retry-After": "1"])
    }

    private static let idAttempts = 5

    /// `PATCH /movies/:movie`: corrects the title, year or genres given in the body.
    func updateMovie(_ request: HTTPRequest) throws -> HTTPResponse {
        let id = try request.requiredID(path: "movie")
        let body = try request.jsonBody()
        guard let current = try catalogueMovie(id) else { throw ServiceError.unknownMovie(id) }
        let movie = try MoviePayload.patch(current, from: body)
        try storeWrite { try store.upsert(movies: [movie]) }
        catalogue.put(movie)
        return movieResponse(movie, status: .ok)
    }

    private func movieResponse(_ movie: Movie, status: HTTPStatus) -> HTTPResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writeMovieFields(movie, into: &writer)
        writer.endObject()
        return .json(bytes: writer.bytes, status: status)
    }

    /// `"movie","title","year","genres"`.
    private func writeMovieFields(_ movie: Movie, into writer: inout JSONWriter) {
        writer.field("movie", movie.id)
        writer.field("title", movie.title)
        writer.key("year")
        if let year = movie.year { writer.value(year) } else { writer.null() }
        writer.key("genres")
        writer.beginArray()
        for genre in movie.genres { writer.value(genre) }
        writer.endArray()
    }

    /// The catalogue's movie, read from the store when this server has not seen it (another
    /// server sharing the store added it) and then kept.
    func catalogueMovie(_ id: Int64) throws -> Movie? {
        if let movie = catalogue.snapshot.movie(id) { return movie }
        guard let movie = try store.movie(id: id) else { return nil }
        catalogue.put(movie)
        return movie
    }
}
