import Foundation
import Linalg
import Testing
@testable import Models

/// Finite-difference checks (Double) of the element-wise layers, and fixed values from PyTorch.
@Suite struct LayerActivationTests {
    typealias Forward = (UnsafeMutablePointer<Double>, UnsafePointer<Double>, Int) -> Void
    typealias Backward = (UnsafeMutablePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Void

    func check(_ forward: Forward, _ backward: Backward, _ label: String) {
        let x = GradientCheck.values(16, seed: 21, scale: 4)
        let r = GradientCheck.values(16, seed: 22)
        var dx = [Double](repeating: 0, count: 16)
        backward(&dx, r, x, 16)
        let numeric = GradientCheck.numeric(x) { x in
            var out = [Double](repeating: 0, count: 16)
            forward(&out, x, 16)
            return GradientCheck.dot(out, r)
        }
        GradientCheck.expectClose(dx, numeric, label)
    }

    @Test func geluGradientMatchesFiniteDifferences() {
        check({ geluForward($0, $1, $2) }, { geluBackward($0, $1, $2, $3) }, "gelu")
    }

    @Test func mishGradientMatchesFiniteDifferences() {
        check({ mishForward($0, $1, $2) }, { mishBackward($0, $1, $2, $3) }, "mish")
    }

    @Test func sigmoidRangeGradientMatchesFiniteDifferences() {
        check({ sigmoidRangeForward($0, $1, $2, low: 0.5, high: 5.5) },
              { sigmoidRangeBackward($0, $1, $2, $3, low: 0.5, high: 5.5) }, "sigmoid range")
    }

    @Test func activationsMatchPyTorchValues() {
        // gelu and mish at 1.0 and −2.0 in float64 (x·Φ(x) and x·tanh(log1p(eˣ)) evaluated in Python)
        var out = [Double](repeating: 0, count: 2)
        geluForward(&out, [1, -2], 2)
        #expect(abs(out[0] - 0.8413447460685429) < 1e-12 && abs(out[1] - -0.04550026389635842) < 1e-12)
        mishForward(&out, [1, -2], 2)
        #expect(abs(out[0] - 0.8650983882673103) < 1e-12 && abs(out[1] - -0.2525014826957089) < 1e-12)
        sigmoidRangeForward(&out, [0, 100], 2, low: 0.5, high: 5.5)
        #expect(out == [3, 5.5])
    }

    @Test func geluStoredDerivativeEqualsItsBackward() {
        let x = GradientCheck.values(64, seed: 25, scale: 5)
        var out = [Double](repeating: 0, count: 64)
        var derivative = [Double](repeating: 0, count: 64)
        geluForward(&out, derivative: &derivative, x, 64)
        var reference = [Double](repeating: 0, count: 64)
        geluBackward(&reference, [Double](repeating: 1, count: 64), x, 64)
        GradientCheck.expectClose(derivative, reference, "stored gelu derivative")
        var plain = [Double](repeating: 0, count: 64)
        geluForward(&plain, x, 64)
        #expect(plain == out)
    }

    @Test func floatErfKernelStaysWithinItsBound() {
        var worst: Float = 0
        for i in -60_000...60_000 {
            let x = Float(i) / 10_000
            worst = max(worst, abs(erfKernel(x) - Float(erf(Double(x)))))
        }
        #expect(worst < 5e-7, "max |erf error| \(worst)")
    }

    @Test func floatGELUKernelMatchesTheDoubleReference() {
        let count = 10_003 // not a multiple of 8: the scalar tail runs too
        let x = (0..<count).map { Float($0 - count / 2) / 900 }
        var out = [Float](repeating: 0, count: count)
        var derivative = [Float](repeating: 0, count: count)
        geluForward(&out, derivative: &derivative, x, count)
        var plain = [Float](repeating: 0, count: count)
        geluForward(&plain, x, count)
        let xd = x.map(Double.init)
        var reference = [Double](repeating: 0, count: count)
        var referenceDerivative = [Double](repeating: 0, count: count)
        geluForward(&reference, derivative: &referenceDerivative, xd, count)
        let worst = (0..<count).map { max(abs(Double(out[$0]) - reference[$0]), abs(Double(derivative[$0]) - referenceDerivative[$0])) }.max() ?? 1
        #expect(worst < 2e-6, "max |Float − Double| \(worst)")
        #expect(plain == out)
    }

    @Test func mseGradientMatchesFiniteDifferences() {
        let p = GradientCheck.values(7, seed: 23)
        let y = GradientCheck.values(7, seed: 24)
        var dp = [Double](repeating: 0, count: 7)
        mseBackward(&dp, p, y, 7)
        GradientCheck.expectClose(dp, GradientCheck.numeric(p) { mseForward($0, y, 7) }, "mse")
    }

    @Test func dropoutKeepsScaledUnitsAndRoutesGradientThroughMask() {
        var rng = SeededGenerator(seed: 7)
        let count = 10_000
        let x = [Double](repeating: 1, count: count)
        var out = [Double](repeating: 0, count: count)
        var mask = [Double](repeating: 0, count: count)
        dropoutForward(&out, &mask, x, count, p: 0.2, rng: &rng)
        let dropped = mask.filter { $0 == 0 }.count
        #expect(dropped > 1_800 && dropped < 2_200)
        #expect(mask.allSatisfy { $0 == 0 || abs($0 - 1.25) < 1e-12 })
        #expect(out == mask)
        var dx = [Double](repeating: 0, count: count)
        dropoutBackward(&dx, x, mask, count)
        #expect(dx == mask)
    }
}
