import Foundation
import Models

/// What `movierec train` prints about the ranking models: their epochs and fits as they
/// happen, then one line per ranker with its validation figures and the chosen default.
final class RankingReport {
    let quiet: Bool
    /// CPU clock at the previous event: an epoch's CPU seconds are given beside its wall
    /// time, which on a shared machine includes waiting for a core.
    private var cpuMark = clock()

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func progress(_ event: RankingTraining.Progress) {
        let now = clock()
        defer { cpuMark = now }
        switch event {
        case let .epoch(kind, report):
            let cpu = Double(now - cpuMark) / Double(CLOCKS_PER_SEC)
            if !quiet { print(EpochLine.format(report, kind: kind) + " (\(EpochLine.fixed(cpu, 4)) s CPU)") }
        case let .fitting(kind, ratings, stage):
            switch stage {
            case .validation: print("training \(kind) on \(ratings) ratings, validating by ranking")
            case .refit: print("refitting \(kind) on all \(ratings) ratings")
            case .only: print("training \(kind) on \(ratings) ratings")
            }
        case let .skipped(kind, reason):
            print("skipping \(kind): \(reason)")
        }
    }

    /// Prints the validation table and returns the file summary's phrases for the models trained.
    func summarize(_ result: RankingTraining.Result) -> [String] {
        let rankers = [MatrixFactorizationTensors.kind, ImplicitALSModel.kind, EASEModel.kind, NextMovieModel.kind,
                       ScoreBlend.kind, RankingValidationScores.mostRatedKind]
        for kind in rankers where result.validation[kind] != nil || result.seconds[kind] != nil {
            var parts: [String] = []
            if let scores = result.validation[kind] { parts.append("validation \(EpochLine.ranking(scores)), holdout \(scores.holdout)") }
            if kind == ImplicitALSModel.kind, let epochs = result.implicitALSEpochs { parts.append("\(epochs) epochs") }
            if kind == NextMovieModel.kind, let epochs = result.nextMovieEpochs { parts.append("\(epochs) epochs") }
            if kind == ScoreBlend.kind, let blend = result.blend {
                parts.append(zip(blend.models, blend.weights).map { "\($0) × \(String(format: "%.1f", $1))" }.joined(separator: " + "))
            }
            if let seconds = result.seconds[kind] { parts.append("fitted in \(EpochLine.fixed(seconds, 2)) s") }
            print("\(kind) ranking: " + parts.joined(separator: "; "))
        }
        if let chosen = result.defaultRanker { print("ranking.default = \(chosen)") }
        var phrases: [String] = []
        if let model = result.implicitALS {
            phrases.append("iALS with \(model.users.count) users, \(model.movies.count) movies, \(model.factors) factors")
        }
        if let model = result.ease { phrases.append("EASE with \(model.movies.count) movies") }
        if let model = result.nextMovie {
            phrases.append("next-movie transformer with \(model.movies.count) movies, d = \(model.config.embeddingSize), "
                           + "S = \(model.config.sequenceLength)")
        }
        return phrases
    }
}
