import Foundation
import Linalg
import Testing
@testable import Models

/// movierec's transformer against tensors dumped by PyTorch (scripts/transformer_fixtures.py):
/// eval predictions (running statistics), training-mode predictions and loss (batch
/// statistics, dropout p = 0), every parameter gradient, and the parameters after two AdamW
/// steps under OneCycleLR. The fixtures are float64: the Double network must agree to
/// 1e-9 and the Float network to 2e-4, both relative to 1 + |PyTorch value|. The AdamW
/// steps are compared in Double only: several gradients are zero by construction (the
/// key bias, biases feeding batch norm), and Adam turns their Float rounding noise into
/// ±lr steps.
@Suite struct ParityTransformerTests {
    static let fixtures = ["ratings_features_2layers", "plain_1layer"]

    struct Fixture {
        let tensors: SafeTensors
        let config: TransformerConfig
        let batch: TransformerBatch

        init(_ name: String) throws {
            let url = try #require(Bundle.module.url(forResource: name, withExtension: "safetensors",
                                                     subdirectory: "Fixtures/transformer"))
            tensors = try SafeTensors(contentsOf: url)
            let json = try #require(tensors.metadata["config"])
            config = try JSONDecoder().decode(TransformerConfig.self, from: Data(json.utf8))
            let targets = try tensors.doubles("batch.targets").map(Float.init)
            batch = TransformerBatch(
                count: targets.count, movies: try tensors.int32s("batch.movies"),
                ratings: try tensors.int32s("batch.ratings"), users: try tensors.int32s("batch.users"),
                features: config.useUserFeatures ? try tensors.int32s("batch.features") : [], targets: targets)
        }

        func values<T: BLASScalar>(_ name: String, as _: T.Type) throws -> [T] {
            try tensors.doubles(name).map { T($0) }
        }
    }

    /// Largest |swift − torch| / (1 + |torch|), printed with the label.
    @discardableResult
    static func compare<T: BLASScalar>(_ swift: [T], _ torch: [T], _ label: String, tolerance: Double) -> Double {
        #expect(swift.count == torch.count, "\(label): \(swift.count) values vs \(torch.count)")
        let worst = zip(swift, torch).map { Double(abs($0 - $1)) / (1 + Double(abs($1))) }.max() ?? 0
        print("parity \(label): max relative difference \(worst)")
        #expect(worst <= tolerance, "\(label): \(worst) > \(tolerance)")
        return worst
    }

    func run<T: BLASScalar>(_ name: String, _: T.Type, tolerance: Double, checkSteps: Bool) throws {
        let fixture = try Fixture(name)
        let network = TransformerNetwork<T>(config: fixture.config, maxBatch: fixture.batch.count)
        for entry in network.layout.table.entries {
            let values = try fixture.values("param." + entry.name, as: T.self)
            try #require(values.count == entry.count, "\(entry.name)")
            (network.parameters.pointer + entry.offset).update(from: values, count: values.count)
        }
        try network.load(fixture.batch)
        let kind = "\(name) \(T.self)"
        network.forward(training: false)
        Self.compare(network.predictions.array.prefix(fixture.batch.count).map { $0 },
                     try fixture.values("out.eval_predictions", as: T.self), "\(kind) eval predictions", tolerance: tolerance)

        var optimizer = AdamW<T>(table: network.layout.table, weightDecay: 0.01)
        let schedule = OneCycleSchedule(maxLearningRate: 0.05, totalSteps: 10)
        for step in 0..<2 {
            network.zeroGradients()
            let loss = network.forward(training: true)
            network.backward()
            if step == 0 {
                Self.compare([loss], try fixture.values("out.loss", as: T.self), "\(kind) loss", tolerance: tolerance)
                Self.compare(Array(network.predictions.array.prefix(fixture.batch.count)),
                             try fixture.values("out.train_predictions", as: T.self), "\(kind) train predictions",
                             tolerance: tolerance)
                var worst = 0.0
                for entry in network.layout.table.entries where entry.trainable {
                    let grads = Array(network.gradients.array[entry.offset..<(entry.offset + entry.count)])
                    worst = max(worst, Self.compare(grads, try fixture.values("grad." + entry.name, as: T.self),
                                                    "\(kind) grad \(entry.name)", tolerance: tolerance))
                }
                print("parity \(kind): max relative gradient difference \(worst)")
            }
            let (rate, beta1) = schedule.values(at: step)
            optimizer.beta1 = beta1
            optimizer.update(parameters: network.parameters.pointer, gradients: network.gradients.pointer,
                             learningRate: rate)
        }
        guard checkSteps else { return }
        var worst = 0.0
        for entry in network.layout.table.entries {
            let values = Array(network.parameters.array[entry.offset..<(entry.offset + entry.count)])
            worst = max(worst, Self.compare(values, try fixture.values("step2." + entry.name, as: T.self),
                                            "\(kind) after 2 AdamW steps \(entry.name)", tolerance: tolerance))
        }
        print("parity \(kind): max relative parameter difference after two AdamW steps \(worst)")
    }

    @Test(arguments: fixtures)
    func doubleNetworkMatchesPyTorch(fixture: String) throws {
        try run(fixture, Double.self, tolerance: 1e-9, checkSteps: true)
    }

    @Test(arguments: fixtures)
    func floatNetworkMatchesPyTorch(fixture: String) throws {
        try run(fixture, Float.self, tolerance: 2e-4, checkSteps: false)
    }
}
