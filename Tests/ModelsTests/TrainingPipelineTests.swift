import Foundation
@testable import Models
import Ratings
import Testing

@Suite struct TrainingPipelineTests {
    private func ratings() -> [Rating] {
        var result: [Rating] = []
        for user in 1...12 {
            for movie in 1...8 where (user + movie) % 3 != 0 {
                let value = Float((user * movie) % 9 + 1) / 2
                result.append(Rating(user: Int64(user), movie: Int64(movie), value: value, timestamp: Int64(user * 100 + movie)))
            }
        }
        return result
    }

    @Test func holdoutsParseAndNameThemselves() {
        #expect(TrainingHoldout("last-2") == .last(2))
        #expect(TrainingHoldout("none") == TrainingHoldout.none)
        #expect(TrainingHoldout("random", trainFraction: 0.9, seed: 7) == .random(trainFraction: 0.9, seed: 7))
        #expect(TrainingHoldout.random(trainFraction: 0.9, seed: 7).name == "random-0.9-seed-7")
        for bad in ["last-0", "last-", "first-1", ""] { #expect(TrainingHoldout(bad) == nil, "\(bad)") }
    }

    @Test func aRunProducesAFileWithItsSummaryFingerprintAndSequence() throws {
        var configuration = MatrixFactorizationConfiguration()
        configuration.factors = 3
        configuration.epochs = 4
        var splitSizes: (Int, Int)?
        var result = try TrainingPipeline(configuration: configuration, holdout: .last(1))
            .run(ratings(), fingerprint: TrainingFingerprint(ratings: 64, maxTimestamp: 1208),
                 onSplit: { splitSizes = ($0, $1) })
        #expect(splitSizes?.1 == 12, "one validation rating per user")
        #expect(splitSizes.map { $0.0 + $0.1 } == ratings().count)
        result.file.storeSequence = 42
        let reread = try ModelFile(data: try result.file.container.serialized())
        #expect(try reread.training == TrainingFingerprint(ratings: 64, maxTimestamp: 1208))
        #expect(reread.storeSequence == 42)
        let summary = try #require(try reread.matrixFactorizationSummary())
        #expect(summary.holdout == "last-1")
        #expect(summary.validation?.count == 12)
        #expect(summary == result.summary)
        #expect(try reread.matrixFactorization() == result.outcome.model)
    }
}

@Suite struct RankingPipelineTests {
    @Test func rankingModelsAreValidatedOnTheHoldoutThenRefittedOnEveryRating() throws {
        let ratings = ClusteredRatings(clusters: 3, usersPerCluster: 12, moviesPerCluster: 10, density: 0.6).ratings
        var mf = MatrixFactorizationConfiguration()
        mf.factors = 3
        mf.epochs = 3
        var ials = ImplicitALSConfiguration()
        ials.factors = 4
        ials.epochs = 4
        var events: [String] = []
        let result = try TrainingPipeline(configuration: mf, holdout: .last(1), ranking: RankingTraining(implicitALS: ials))
            .run(ratings, fingerprint: TrainingFingerprint(ratings: ratings.count, maxTimestamp: 0), onRanking: { event in
                switch event {
                case let .epoch(kind, report): events.append("\(kind) \(report.epoch)")
                case let .fitting(kind, count, stage): events.append("\(kind) \(stage == .refit ? "refit" : "fit") \(count)")
                case let .skipped(kind, _): events.append("\(kind) skipped")
                }
            })
        let ranking = result.ranking
        let epochs = try #require(ranking.implicitALSEpochs)
        #expect(events.contains("ials refit \(ratings.count)") && events.contains("ease refit \(ratings.count)"))
        #expect(events.contains("ials fit \(ratings.count - 36)"), "one validation rating per user")
        // The stored models know every rating: the validation ones included.
        let reread = try ModelFile(data: try result.file.container.serialized())
        #expect(reread.models == ["mf", "ials", "ease"])
        #expect(try reread.implicitALS() == ranking.implicitALS)
        #expect(try reread.implicitALS().configuration.epochs == epochs)
        #expect(try reread.ease() == ranking.ease)
        // The same users for every ranker: those whose held-out movie is among the training movies.
        let users = try #require(reread.rankingValidation(of: "most_rated")).users
        #expect(users > 30)
        for kind in ["mf", "ials", "ease"] {
            let scores = try #require(reread.rankingValidation(of: kind), "\(kind)")
            #expect(scores.users == users && scores.holdout == "last-1", "\(kind)")
        }
        let recorded = Dictionary(uniqueKeysWithValues: try ["mf", "ials", "ease", "most_rated"].map { ($0, try #require(reread.rankingValidation(of: $0))) })
        #expect(reread.defaultRanker == RankingTraining.defaultRanker(among: recorded))
        #expect(reread.rankingValidation(of: "ease")!.ndcg > reread.rankingValidation(of: "most_rated")!.ndcg)
    }

    @Test func withoutAHoldoutTheRankingModelsTrainOnceAndNoDefaultIsChosen() throws {
        let ratings = ClusteredRatings(clusters: 2, usersPerCluster: 8, moviesPerCluster: 8, density: 0.6).ratings
        var mf = MatrixFactorizationConfiguration()
        mf.epochs = 2
        var ials = ImplicitALSConfiguration()
        ials.epochs = 2
        let result = try TrainingPipeline(configuration: mf, holdout: .none, ranking: RankingTraining(implicitALS: ials, ease: nil))
            .run(ratings, fingerprint: TrainingFingerprint(ratings: ratings.count, maxTimestamp: 0))
        #expect(result.file.models == ["mf", "ials"])
        #expect(result.file.defaultRanker == nil && result.file.rankingValidation(of: "ials") == nil)
        #expect(result.ranking.implicitALSEpochs == 2)
    }
}
