import Foundation

/// Serves rating predictions from a trained transformer: one user's history scored against
/// many candidate targets, the history's share of the work done once per request, batch
/// norm folded into the head, no dropout. Thread-safe: concurrent calls each use a workspace
/// of their own from a small pool, and a call takes the workspaces idle at that moment as
/// helpers, one thread each: many candidates are split between them, a few share each
/// feed-forward block and the head's widest layers by units. A lone request so uses every
/// core while a busy server keeps one thread per request.
public final class TransformerPredictor: @unchecked Sendable {
    public let model: TransformerModel
    /// Candidates scored per pass through the network; more are scored in several passes.
    public let maxBatch: Int
    private let weights: InferenceWeights
    private let pool: WorkspacePool

    /// Whether a request with too few candidates to split shares its layers with idle workspaces.
    public let splitsLayers: Bool

    /// `maxBatch` bounds each pass (and so each workspace's memory); `concurrency` bounds
    /// how many requests score at once (more wait), by default one per core. `splitsLayers`
    /// defaults to whether the model's feed-forward block is large enough
    /// (`minimumFeedForwardWeightsToSplit`) for a second thread to pay for the hand-off.
    public init(model: TransformerModel, maxBatch: Int = 128,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, splitsLayers: Bool? = nil) {
        self.model = model
        self.maxBatch = max(1, maxBatch)
        self.splitsLayers = splitsLayers
            ?? (model.config.feedForwardSize * model.config.embeddingSize >= Self.minimumFeedForwardWeightsToSplit)
        let weights = InferenceWeights(model: model)
        self.weights = weights
        let capacity = self.maxBatch
        pool = WorkspacePool(limit: concurrency) { InferenceWorkspace(weights: weights, capacity: capacity) }
    }

    /// The fewest candidates worth a thread of their own: below that the hand-off and the
    /// repeated history share cost more than the split saves.
    public static let minimumCandidatesPerThread = 16

    /// Feed-forward weights (d·ff) from which a few candidates' layers are split over cores:
    /// the two hand-offs (a microsecond each while the partner thread polls, tens once it
    /// has parked) then cost less than half the block's products. The notebook's sizes
    /// (120·2048) are well above it.
    public static let minimumFeedForwardWeightsToSplit = 1 << 16

    /// Workspaces made so far (at most `concurrency`).
    public var workspaceCount: Int { pool.count }

    /// Predicted ratings of `candidates` (dense movie indices) for the user at dense index
    /// `userIndex` whose rating history (dense movie index, stars), oldest first, is
    /// `history`; only its last S − 1 entries are read. `userFeatures` is required exactly
    /// when the model was trained with user features.
    public func predict(
        history: [(movieIndex: Int, rating: Float)], userIndex: Int, userFeatures: UserFeatureIndices? = nil,
        candidates: [Int]
    ) throws(TransformerError) -> [Float] {
        let config = model.config
        let S = config.sequenceLength
        guard (0..<config.userCount).contains(userIndex) else { throw .indexOutOfRange("user index \(userIndex)") }
        guard (userFeatures != nil) == config.useUserFeatures else {
            throw .invalidConfig(config.useUserFeatures ? "this model needs user features" : "this model takes no user features")
        }
        var featureRow: [Int32] = []
        if let f = userFeatures {
            guard (0..<config.genderCount).contains(Int(f.gender)), (0..<config.ageGroupCount).contains(Int(f.ageGroup)),
                  (0..<config.occupationCount).contains(Int(f.occupation)) else {
                throw .indexOutOfRange("user features \(f)")
            }
            featureRow = [f.gender, f.ageGroup, f.occupation]
        }
        let recent = history.suffix(S - 1)
        var historyMovies = [Int32](repeating: 0, count: S - 1 - recent.count)
        var historyRatings = historyMovies
        for entry in recent {
            guard (0..<config.movieCount).contains(entry.movieIndex) else {
                throw .indexOutOfRange("history movie index \(entry.movieIndex)")
            }
            historyMovies.append(Int32(entry.movieIndex + 1))
            historyRatings.append(TransformerVocabulary.ratingRow(entry.rating))
        }
        var rows: [Int32] = []
        rows.reserveCapacity(candidates.count)
        for candidate in candidates {
            guard (0..<config.movieCount).contains(candidate) else {
                throw .indexOutOfRange("candidate movie index \(candidate)")
            }
            rows.append(Int32(candidate + 1))
        }
        guard !rows.isEmpty else { return [] }
        let splitsCandidates = rows.count >= 2 * Self.minimumCandidatesPerThread
        let extra = splitsCandidates ? rows.count / Self.minimumCandidatesPerThread - 1 : (splitsLayers ? Int.max : 0)
        return pool.withWorkspaces(extra: extra) { workspaces in
            var result = [Float](repeating: 0, count: rows.count)
            result.withUnsafeMutableBufferPointer { buffer in
                // Each part writes its own range of the result.
                let out = buffer
                let parts = splitsCandidates ? workspaces.count : 1
                let team = Array(workspaces.prefix(parts))
                InferenceWorkspace.inParts(team) { part, workspace in
                    let helpers = splitsCandidates ? [] : workspaces.dropFirst()
                    workspace.prepare(movies: historyMovies, ratings: historyRatings, user: Int32(userIndex + 1), features: featureRow)
                    var start = rows.count * part / parts
                    let end = rows.count * (part + 1) / parts
                    while start < end {
                        let chunk = rows[start..<min(end, start + workspace.capacity)]
                        workspace.score(chunk, helpers: helpers)
                        for offset in 0..<chunk.count { out[start + offset] = workspace.scores.pointer[offset] }
                        start += chunk.count
                    }
                }
            }
            return result
        }
    }
}
