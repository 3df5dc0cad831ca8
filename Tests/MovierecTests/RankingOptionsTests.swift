import ArgumentParser
import Models
import Testing
@testable import movierec

/// The ranking models' training flags reach their configurations, the defaults are the
/// configurations' own, and bad values are refused before any data is read.
@Suite struct RankingOptionsTests {
    @Test func defaultsAreTheConfigurationsAndEveryModelIsTrained() throws {
        let train = try #require(try Movierec.parseAsRoot(["train"]) as? TrainCommand)
        #expect(train.models == "mf,transformer,ials,ease,sequence")
        var expected = ImplicitALSConfiguration()
        expected.seed = 9
        #expect(try train.ranking.implicitALS(epochs: expected.epochs, seed: 9) == expected)
        #expect(try train.ranking.ease() == EASEConfiguration())
        #expect(train.ranking.rankingValidationUsers == RankingTraining.defaultValidationUsers)
    }

    @Test func flagsReachTheConfigurations() throws {
        let train = try #require(try Movierec.parseAsRoot([
            "train", "--models", "ials,ease", "--ials-factors", "16", "--ials-confidence", "4:1,0:0.5",
            "--ials-solver", "cholesky", "--ease-channel", "0:1@300", "--ease-targets", "inputs",
            "--ease-popularity-exponent", "0", "--ease-recency-decay", "0.8",
        ]) as? TrainCommand)
        let ials = try train.ranking.implicitALS(epochs: 4, seed: 1)
        #expect(ials.factors == 16 && ials.epochs == 4 && ials.solver == .cholesky)
        #expect(ials.confidence.value(of: 5) == 1 && ials.confidence.value(of: 3) == 0.5)
        let ease = try train.ranking.ease()
        #expect(ease.channels == [EASEConfiguration.Channel(inputs: .one, regularization: 300)])
        #expect(ease.targets == nil && ease.popularityExponent == 0 && ease.recencyDecay == 0.8)
    }

    @Test(arguments: [["--models", "mf,bpr"], ["--ials-confidence", "4"], ["--ials-solver", "lu"], ["--ials-alpha", "-1"],
                      ["--ease-channel", "0:1"], ["--ease-channel", "0:1@0"], ["--ease-targets", "x"], ["--ease-recency-decay", "0"],
                      ["--ranking-validation-users", "-1"]])
    func badValuesAreRefused(flags: [String]) {
        #expect(throws: (any Error).self) { try Movierec.parseAsRoot(["train"] + flags) }
    }
}
