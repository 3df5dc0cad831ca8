import Linalg
import Models
import Ratings

/// Several rankers at once: each scores the whole catalogue, each list is standardised per
/// user and the weighted sum ranks (`ScoreBlend`, weights fitted on validation). A component
/// with nothing personal for the user drops out; with none left the blend has nothing either.
public struct BlendRecommender: RecommenderModel {
    public let blend: ScoreBlend
    let components: [any RecommenderModel]

    /// `components` in the order of `blend.models`; the first one's movies index the scores.
    public init(_ blend: ScoreBlend, components: [any RecommenderModel]) {
        precondition(blend.models.count == components.count, "one model per weight")
        self.blend = blend
        self.components = components
    }

    public var kind: ModelKind { .blend }
    public var movies: IDIndex { components[0].movies }

    public func scores(for user: UserContext, candidates: [Int]?) throws -> ModelAnswer {
        var lists: [[Float]] = []
        var weights: [Float] = []
        var reasons: [String] = []
        for (component, weight) in zip(components, blend.weights) {
            switch try component.scores(for: user, candidates: nil) {
            case let .scores(scores):
                lists.append(ScoreBlend.aligned(scores, from: component.movies, to: movies))
                weights.append(weight)
            case let .unavailable(reason):
                reasons.append(reason)
            }
        }
        guard !lists.isEmpty else { return .unavailable(reasons.joined(separator: "; ")) }
        let all = ScoreBlend(models: Array(blend.models.prefix(lists.count)), weights: weights).combine(lists)
        return .scores(candidates.map { $0.map { all[$0] } } ?? all)
    }

    /// A blend has no item representation of its own.
    public func similarities(to index: Int) -> [Float]? { nil }
}
