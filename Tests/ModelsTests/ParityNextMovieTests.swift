import Foundation
import Linalg
import Ratings
import Testing
@testable import Models

/// The next-movie transformer against tensors dumped by its PyTorch reference
/// (scripts/next_movie_fixtures.py, float64, dropout 0): hidden states and last-slot scores
/// in eval mode, the full-softmax loss (plain, and leaving each window's earlier movies out),
/// the serving forward of each sequence alone, every parameter gradient, and the parameters
/// after two Adam steps. The Double network must agree to 1e-9 and the Float network to 2e-4,
/// relative to 1 + |PyTorch value|.
@Suite struct ParityNextMovieTests {
    static let fixtures = ["ratings_tied_2layers", "plain_untied_1layer", "ratings_untied_2layers", "plain_tied_1layer",
                           "ratings_tied_2layers_exclude_seen", "plain_untied_1layer_exclude_seen"]

    struct Fixture {
        let tensors: SafeTensors
        let config: NextMovieConfig
        let batch: NextMovieBatch
        /// The loss leaves each window's earlier movies out of its softmax.
        let excludeSeen: Bool

        init(_ name: String) throws {
            let url = try #require(Bundle.module.url(forResource: name, withExtension: "safetensors",
                                                     subdirectory: "Fixtures/sequence"))
            tensors = try SafeTensors(contentsOf: url)
            let json = try #require(tensors.metadata["config"])
            config = try JSONDecoder().decode(NextMovieConfig.self, from: Data(json.utf8))
            excludeSeen = tensors.metadata["excludeSeen"] == "true"
            let movies = try tensors.int32s("batch.movies")
            batch = NextMovieBatch(count: movies.count / config.sequenceLength, movies: movies,
                                   ratings: try tensors.int32s("batch.ratings"), targets: try tensors.int32s("batch.targets"))
        }

        func values<T: BLASScalar>(_ name: String, as _: T.Type) throws -> [T] {
            try tensors.doubles(name).map { T($0) }
        }
    }

    func run<T: BLASScalar>(_ name: String, _: T.Type, tolerance: Double, checkSteps: Bool) throws {
        let fixture = try Fixture(name)
        let config = fixture.config
        let B = fixture.batch.count
        let network = NextMovieNetwork<T>(config: config, maxBatch: B)
        for entry in network.layout.table.entries {
            let values = try fixture.values("param." + entry.name, as: T.self)
            try #require(values.count == entry.count, "\(entry.name)")
            (network.parameters.pointer + entry.offset).update(from: values, count: values.count)
        }
        try network.load(fixture.batch)
        let kind = "\(name) \(T.self)"
        network.encode(training: false)
        ParityTransformerTests.compare(network.hidden.array, try fixture.values("out.hidden", as: T.self),
                                       "\(kind) hidden", tolerance: tolerance)
        var scores = [T](repeating: 0, count: B * config.movieCount)
        for b in 0..<B {
            scores.withUnsafeMutableBufferPointer { buffer in
                network.scores(buffer.baseAddress! + b * config.movieCount, sequence: b, slot: config.sequenceLength - 1)
            }
        }
        ParityTransformerTests.compare(scores, try fixture.values("out.scores", as: T.self), "\(kind) scores",
                                       tolerance: tolerance)
        // The serving forward (real slots only, the last block for the last slot alone).
        let S = config.sequenceLength
        let expected = try fixture.values("out.scores", as: T.self)
        for b in 0..<B {
            let slots = (b * S)..<((b + 1) * S)
            try network.load(NextMovieBatch(count: 1, movies: Array(fixture.batch.movies[slots]),
                                            ratings: Array(fixture.batch.ratings[slots]),
                                            targets: Array(fixture.batch.targets[slots])))
            var newest = [T](repeating: 0, count: config.movieCount)
            let hidden = network.encodeNewest()
            newest.withUnsafeMutableBufferPointer { network.scores($0.baseAddress!, hidden: hidden) }
            ParityTransformerTests.compare(newest, Array(expected[(b * config.movieCount)..<((b + 1) * config.movieCount)]),
                                           "\(kind) newest-slot scores of sequence \(b)", tolerance: tolerance)
        }
        try network.load(fixture.batch)

        let output = NextMovieOutput<T>(loss: .full, config: config, maxBatch: B, excludeSeen: fixture.excludeSeen)
        var optimizer = AdamW<T>(table: network.layout.table, weightDecay: 0)
        for step in 0..<2 {
            network.zeroGradients()
            network.encode(training: true)
            let loss = output.lossAndGradient(network)
            network.backward()
            if step == 0 {
                ParityTransformerTests.compare([loss], try fixture.values("out.loss", as: T.self), "\(kind) loss",
                                               tolerance: tolerance)
                for entry in network.layout.table.entries {
                    let grads = Array(network.gradients.array[entry.offset..<(entry.offset + entry.count)])
                    ParityTransformerTests.compare(grads, try fixture.values("grad." + entry.name, as: T.self),
                                                   "\(kind) grad \(entry.name)", tolerance: tolerance)
                }
            }
            optimizer.update(parameters: network.parameters.pointer, gradients: network.gradients.pointer, learningRate: 0.01)
        }
        guard checkSteps else { return }
        for entry in network.layout.table.entries {
            let values = Array(network.parameters.array[entry.offset..<(entry.offset + entry.count)])
            ParityTransformerTests.compare(values, try fixture.values("step2." + entry.name, as: T.self),
                                           "\(kind) after 2 Adam steps \(entry.name)", tolerance: tolerance)
        }
    }

    @Test(arguments: fixtures)
    func doubleNetworkMatchesPyTorch(fixture: String) throws {
        try run(fixture, Double.self, tolerance: 1e-9, checkSteps: true)
    }

    @Test(arguments: fixtures)
    func floatNetworkMatchesPyTorch(fixture: String) throws {
        try run(fixture, Float.self, tolerance: 2e-4, checkSteps: false)
    }

    /// The served path (a pooled workspace per call) gives the network's scores.
    @Test func modelScoresMatchPyTorch() throws {
        let fixture = try Fixture("ratings_tied_2layers")
        let layout = NextMovieLayout(fixture.config)
        var parameters = [Float](repeating: 0, count: layout.table.totalCount)
        for entry in layout.table.entries {
            parameters.replaceSubrange(entry.offset..<(entry.offset + entry.count),
                                       with: try fixture.values("param." + entry.name, as: Float.self))
        }
        let movies = IDIndex((1...Int64(fixture.config.movieCount)).map { $0 * 10 })
        let model = try NextMovieModel(config: fixture.config, parameters: parameters, movies: movies)
        let S = fixture.config.sequenceLength
        let expected = try fixture.values("out.scores", as: Float.self)
        for b in 0..<fixture.batch.count {
            let scores = model.scores(movies: Array(fixture.batch.movies[(b * S)..<((b + 1) * S)]),
                                      ratings: Array(fixture.batch.ratings[(b * S)..<((b + 1) * S)]))
            let V = fixture.config.movieCount
            ParityTransformerTests.compare(scores, Array(expected[(b * V)..<((b + 1) * V)]), "served scores \(b)",
                                           tolerance: 2e-4)
        }
    }
}
