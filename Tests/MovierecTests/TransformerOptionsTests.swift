import ArgumentParser
import Testing
@testable import movierec

/// The transformer's training flags reach the config and the training options, and bad
/// values are refused before any data is read.
@Suite struct TransformerOptionsTests {
    @Test func dropoutScheduleAndTuningFlagsReachTheConfigAndOptions() throws {
        let train = try #require(try Movierec.parseAsRoot([
            "train", "--tf-dropout", "0.25", "--tf-head-dropout", "0.4", "--tf-pct-start", "0.2", "--tf-tuning",
        ]) as? TrainCommand)
        let config = try train.transformer.config()
        #expect(config.encoderDropout == 0.25 && config.hiddenDropout == 0.4)
        #expect(try train.transformer.trainingOptions(seed: 1).pctStart == 0.2)
        #expect(train.transformer.tuning)
    }

    @Test func trainingDefaultsToFiveEpochsWithPatienceTwo() throws {
        let train = try #require(try Movierec.parseAsRoot(["train"]) as? TrainCommand)
        let options = try train.transformer.trainingOptions(seed: 1)
        #expect(options.epochs == 5 && options.patience == 2 && options.pctStart == 0.3)
        #expect(!train.transformer.tuning)
    }

    @Test(arguments: [["--tf-pct-start", "1"], ["--tf-pct-start", "0"], ["--tf-dropout", "1"], ["--tf-head-dropout", "-0.1"]])
    func outOfRangeValuesAreRefused(flags: [String]) {
        #expect(throws: (any Error).self) { try Movierec.parseAsRoot(["train"] + flags) }
    }
}
