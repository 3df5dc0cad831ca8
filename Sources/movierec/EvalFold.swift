import Models
import Ratings
import Recommender

/// Everything `movierec eval` measured on one split: MF's rating error beside the
/// baselines, and every model's lists.
struct EvalFold {
    var errors: FoldEvaluation
    /// Model → slice → list length → metrics.
    var ranking: [ModelKind: [EvaluationSlice: [Int: RankingMetrics]]]
    /// The ranker the server would answer `/recommendations` with, trained on this split.
    var defaultRanker: ModelKind
}
