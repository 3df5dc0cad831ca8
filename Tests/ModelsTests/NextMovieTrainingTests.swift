import Foundation
import Linalg
import Ratings
import Testing
@testable import Models

/// The next-movie transformer's data, training and model file: windows cover every rating
/// but the first once, a planted order is learned with either softmax, training is
/// deterministic per seed, and the file keeps every tensor under the reference's names.
@Suite struct NextMovieTrainingTests {
    /// Each user walks the catalogue in order from a start of their own: after movie m comes
    /// m + 1 (wrapping), so the next movie is always the successor of the last one.
    static func chains(users: Int = 60, movies: Int = 12, length: Int = 9, seed: UInt64 = 4) -> [Rating] {
        var rng = SeededGenerator(seed: seed)
        var ratings: [Rating] = []
        for user in 1...users {
            let start = rng.nextIndex(below: movies)
            for step in 0..<length {
                let movie = Int64((start + step) % movies + 1)
                ratings.append(Rating(user: Int64(user), movie: movie, value: Float(1 + rng.nextIndex(below: 5)),
                                      timestamp: Int64(1_000 + step * 10)))
            }
        }
        return ratings
    }

    static func tinyTrainer(loss: NextMovieTrainingOptions.Loss = .full, epochs: Int = 60,
                            seed: UInt64 = 42) throws -> NextMovieTrainer {
        var config = NextMovieConfig(movieCount: 1)
        config.sequenceLength = 6
        config.embeddingSize = 16
        config.feedForwardSize = 32
        config.layers = 1
        config.dropout = 0.1
        var options = NextMovieTrainingOptions()
        options.maxEpochs = epochs
        options.batchSize = 32
        options.learningRate = 1e-2
        options.loss = loss
        options.seed = seed
        return try NextMovieTrainer(config: config, options: options)
    }

    @Test func windowsMakeEveryRatingButTheFirstATargetOnce() {
        let ratings = (0..<13).map { Rating(user: 7, movie: Int64(100 + $0), value: 4, timestamp: Int64(50 - $0)) }
        let movies = IDIndex(ratings.map(\.movie).sorted())
        let sequences = NextMovieSequences(ratings: ratings, movies: movies, sequenceLength: 5)
        // 12 targets in windows of 5: 5 + 5 + 2.
        #expect(sequences.count == 3)
        let targets = sequences.targets.filter { $0 != 0 }
        #expect(targets.count == 12)
        #expect(Set(targets).count == 12)
        // Time runs backwards through the ids: the newest rating (movie 100, row 1) is the
        // last target of the first window, after movie 101 (row 2).
        #expect(sequences.targets[4] == 1 && sequences.movies[4] == 2)
        // The oldest window is left-padded: three PAD slots, then inputs 112, 111.
        #expect(Array(sequences.movies[10..<15]) == [0, 0, 0, 13, 12])
        #expect(Array(sequences.targets[10..<15]) == [0, 0, 0, 12, 11])
        #expect(sequences.ratings[10] == 0 && sequences.ratings[13] == 4)
    }

    @Test func inputIsTheNewestKnownMoviesLeftPadded() {
        let movies = IDIndex([5, 6, 7])
        let history = [Rating(user: 1, movie: 7, value: 2, timestamp: 30), Rating(user: 1, movie: 99, value: 5, timestamp: 40),
                       Rating(user: 1, movie: 5, value: 4.5, timestamp: 10), Rating(user: 1, movie: 6, value: 1, timestamp: 20)]
        let input = NextMovieSequences.input(history: history, movies: movies, sequenceLength: 4)
        #expect(input.movies == [0, 1, 2, 3])   // 5, 6, 7 in time order; 99 is unknown
        #expect(input.ratings == [0, 5, 1, 2])  // 4.5 rounds to 5
        let short = NextMovieSequences.input(history: history, movies: movies, sequenceLength: 2)
        #expect(short.movies == [2, 3])
    }

    @Test(arguments: [NextMovieTrainingOptions.Loss.full, .sampled(negatives: 6)])
    func learnsAPlantedOrder(loss: NextMovieTrainingOptions.Loss) throws {
        let ratings = Self.chains()
        let model = try Self.tinyTrainer(loss: loss).train(ratings, validation: nil).model
        var hits = 0
        for last in 1...12 {
            let history = (0..<4).map { step in
                Rating(user: 999, movie: Int64((last - 4 + step + 12) % 12 + 1), value: 3, timestamp: Int64(step))
            }
            let scores = model.scores(history: history)
            let best = scores.indices.max { scores[$0] < scores[$1] } ?? -1
            if model.movies.id(at: best) == Int64(last % 12 + 1) { hits += 1 }
        }
        #expect(hits >= 11, "the successor came first for \(hits) of 12 histories")
    }

    @Test func validationKeepsTheBestEpochAndStopsAfterPatience() throws {
        let ratings = Self.chains()
        let split = Split.leaveLastOut(ratings, n: 1)
        let validation = RankingValidation(training: split.train, validation: split.validation, holdout: "last-1")
        var options = try Self.tinyTrainer(epochs: 40).options
        options.patience = 3
        let trainer = try NextMovieTrainer(config: Self.tinyTrainer().config, options: options)
        let outcome = try trainer.train(split.train, validation: validation)
        let scores = outcome.reports.compactMap { $0.validation?.ndcg }
        #expect(scores.count == outcome.reports.count)
        #expect(outcome.validation?.ndcg == scores.max())
        #expect(outcome.reports.count < 40 ? outcome.reports.count - outcome.bestEpoch == 3 : true)
        #expect((outcome.validation?.ndcg ?? 0) > 0.8)
        // The kept model is the best epoch's: scoring it again gives the recorded figure.
        let again = validation.measure(movies: outcome.model.movies) { outcome.model.scores(history: $0) }
        #expect(abs(again.ndcg - (outcome.validation?.ndcg ?? -1)) < 1e-9)
    }

    @Test func sameSeedSameModel() throws {
        let ratings = Self.chains(users: 20)
        let first = try Self.tinyTrainer(epochs: 3).train(ratings, validation: nil).model
        let second = try Self.tinyTrainer(epochs: 3).train(ratings, validation: nil).model
        let other = try Self.tinyTrainer(epochs: 3, seed: 7).train(ratings, validation: nil).model
        #expect(first.parameters == second.parameters)
        #expect(first.parameters != other.parameters)
    }

    @Test(arguments: [true, false])
    func modelFileKeepsEveryTensorUnderTheReferenceNames(tied: Bool) throws {
        var config = try Self.tinyTrainer().config
        config.tiedOutput = tied
        var options = try Self.tinyTrainer(epochs: 2).options
        options.maxEpochs = 2
        let model = try NextMovieTrainer(config: config, options: options).train(Self.chains(users: 10), validation: nil).model
        var file = ModelFile(training: TrainingFingerprint(ratings: 90, maxTimestamp: 1_080))
        try file.setNextMovie(model, loss: "full", summary: RankingModelSummary(validation: nil, bestEpoch: 2))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("next-movie-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try file.write(to: url)
        let read = try ModelFile(contentsOf: url)
        let loaded = try read.nextMovie()
        #expect(loaded.parameters == model.parameters)
        #expect(loaded.movies == model.movies && loaded.config == model.config)
        #expect(read.nextMovieSummary()?.bestEpoch == 2)
        let names = Set(read.container.tensors.keys)
        #expect(names.contains("sequence.movie_embeddings.weight"))
        #expect(names.contains("sequence.encoder.layers.0.self_attn.in_proj_weight"))
        #expect(names.contains("sequence.encoder.norm.weight"))
        #expect(names.contains("sequence.output.weight") == !tied)
        #expect(names.contains("sequence.output.bias"))
        let history = [Rating(user: 1, movie: 3, value: 4, timestamp: 1)]
        #expect(loaded.scores(history: history) == model.scores(history: history))
    }

    @Test func corruptTensorsAreTypedErrors() throws {
        let model = try Self.tinyTrainer(epochs: 1).train(Self.chains(users: 5), validation: nil).model
        var file = ModelFile(training: TrainingFingerprint(ratings: 45, maxTimestamp: 1_080))
        try file.setNextMovie(model, loss: "full", summary: RankingModelSummary(validation: nil))
        var broken = file
        broken.container.removeTensor("sequence.encoder.norm.weight")
        #expect(throws: ModelFileError.missingTensor("sequence.encoder.norm.weight")) { try broken.nextMovie() }
        var wrongConfig = file
        wrongConfig.container.metadata[NextMovieTensors.configuration] = "{\"movieCount\": 3}"
        #expect(throws: ModelFileError.self) { try wrongConfig.nextMovie() }
    }
}
