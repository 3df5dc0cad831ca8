import Testing
@testable import Models

/// OneCycle values against `torch.optim.lr_scheduler.OneCycleLR(max_lr=0.01, total_steps=100)`
/// on AdamW (printed by PyTorch 2.x), and AdamW's decoupled decay on a hand-checked step.
@Suite struct OptimizerScheduleTests {
    @Test(arguments: [(0, 0.0003999999999999993, 0.95), (1, 0.00042813780565907275, 0.9497068978577179),
                      (29, 0.01, 0.85), (30, 0.009994965352845242, 0.8500503466729342),
                      (50, 0.00793893450575732, 0.8706107373853763), (99, 4e-08, 0.95)])
    func oneCycleMatchesPyTorch(step: Int, rate: Double, beta1: Double) {
        let values = OneCycleSchedule(maxLearningRate: 0.01, totalSteps: 100).values(at: step)
        #expect(abs(values.learningRate - rate) <= 1e-12 * max(1, rate / 1e-8))
        #expect(abs(values.beta1 - beta1) < 1e-12)
    }

    @Test func adamWFirstStepIsDecayThenSignedLearningRate() {
        var table = ParameterTable()
        table.add("w", [2])
        table.add("running", [1], trainable: false)
        var optimizer = AdamW<Double>(table: table, weightDecay: 0.1)
        var parameters: [Double] = [1, -2, 7]
        let gradients: [Double] = [0.5, -3, 9]
        optimizer.update(parameters: &parameters, gradients: gradients, learningRate: 0.01)
        // first step: m̂ = g, v̂ = g², so p ← p·(1 − lr·λ) − lr·g/(|g| + ε)
        #expect(abs(parameters[0] - (1 * 0.999 - 0.01 * 0.5 / (0.5 + 1e-8))) < 1e-12)
        #expect(abs(parameters[1] - (-2 * 0.999 + 0.01 * 3 / (3 + 1e-8))) < 1e-12)
        #expect(parameters[2] == 7)
    }
}
