import Foundation
import Recommender

/// The catalogue's movies the serving model has not learned, with their peers
/// (`CatalogueSnapshot.coldMovies`), worked out once per catalogue revision and model
/// version rather than per request.
final class ColdMovieCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: (revision: Int, version: String, movies: [ColdMovie])?

    func movies(of catalogue: CatalogueSnapshot, for model: ServingModel) -> [ColdMovie] {
        if let cached = lock.withLock({ cached }), cached.revision == catalogue.revision, cached.version == model.info.version {
            return cached.movies
        }
        let mostRated = model.models.mostRated
        let learners = model.models.available.filter { $0 != .mostRated && $0 != .blend }.compactMap(model.models.model)
        let movies = catalogue.coldMovies(learned: { id in learners.allSatisfy { $0.movies.index(of: id) != nil } },
                                          known: mostRated.movies, counts: mostRated.counts)
        lock.withLock { cached = (catalogue.revision, model.info.version, movies) }
        return movies
    }
}
