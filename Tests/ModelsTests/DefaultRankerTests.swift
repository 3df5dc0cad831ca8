import Testing
@testable import Models

/// Which ranker a training run records as the default.
@Suite struct DefaultRankerTests {
    private func scores(_ ndcg: Double) -> RankingValidationScores {
        RankingValidationScores(users: 900, hitRate: 0.8, ndcg: ndcg, holdout: "random")
    }

    @Test func theBestOnValidationIsChosen() {
        #expect(RankingTraining.defaultRanker(among: ["mf": scores(0.04), "ials": scores(0.30), "ease": scores(0.25)]) == "ials")
        #expect(RankingTraining.defaultRanker(among: ["mf": scores(0.04), "ials": scores(0.30)]) == "ials")
        #expect(RankingTraining.defaultRanker(among: [:]) == nil)
        #expect(RankingTraining.defaultRanker(among: ["ials": scores(0.14), "most_rated": scores(0.16)]) == "most_rated")
    }

    @Test func easeWithinTheTieMarginOfTheBestIsKept() {
        #expect(RankingTraining.defaultRanker(among: ["ials": scores(0.2468), "ease": scores(0.2457)]) == "ease")
        let justOutside = 0.30 * (1 - RankingTraining.tieMargin) - 0.001
        #expect(RankingTraining.defaultRanker(among: ["ials": scores(0.30), "ease": scores(justOutside)]) == "ials")
    }
}
