import Ratings
import Recommender

extension CatalogueSnapshot {
    /// How many peers a cold movie's stand-in score averages over.
    static let coldPeerCount = 20

    /// Catalogue movies some serving model has not learned (`learned` is false), each with
    /// its peers: movies the models know (`known`, with `counts` their numbers of ratings)
    /// that have all of its genres (any of them when fewer than five have all; any movie
    /// for a movie without genres), sampled evenly from the most to the least rated. Their
    /// mean score is what a model expects of an unseen movie of those genres — a neutral
    /// prior that places a new movie among its genre's average ones, not above the
    /// genre's favourites.
    func coldMovies(learned: (Int64) -> Bool, known: IDIndex, counts: [Float]) -> [ColdMovie] {
        let cold = movies(where: { !learned($0.id) })
        guard !cold.isEmpty else { return [] }
        let byPopularity = (0..<known.count).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            .map { known.id(at: $0) }
        var byGenre: [String: [Int64]] = [:]
        for id in byPopularity {
            for genre in movie(id)?.genres ?? [] { byGenre[genre, default: []].append(id) }
        }
        return cold.sorted { $0.id < $1.id }.map { movie in
            let lists = movie.genres.map { byGenre[$0] ?? [] }
            guard let smallest = lists.min(by: { $0.count < $1.count }) else {
                return ColdMovie(id: movie.id, peers: Self.evenSample(byPopularity))
            }
            let wanted = Set(movie.genres)
            let all = smallest.filter { id in wanted.isSubset(of: self.movie(id)?.genres ?? []) }
            let peers = all.count >= 5 ? all : byPopularity.filter { id in self.movie(id)?.genres.contains(where: wanted.contains) ?? false }
            return ColdMovie(id: movie.id, peers: Self.evenSample(peers))
        }
    }

    /// At most `coldPeerCount` elements at evenly spaced positions, first and last included.
    private static func evenSample(_ ids: [Int64]) -> [Int64] {
        guard ids.count > coldPeerCount else { return ids }
        return (0..<coldPeerCount).map { ids[$0 * (ids.count - 1) / (coldPeerCount - 1)] }
    }
}
