import Linalg
import Testing
@testable import Models

/// Central finite differences in Double: the reference every layer's backward is held to.
/// Step 1e-6; a gradient passes when |analytic − numeric| ≤ 1e-6·(1 + |numeric|) everywhere.
enum GradientCheck {
    static let step = 1e-6
    static let tolerance = 1e-6

    /// Deterministic pseudo-random values in [−scale, scale).
    static func values(_ count: Int, seed: UInt64, scale: Double = 1) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (rng.nextUniform() * 2 - 1) * scale }
    }

    /// ∂loss/∂x by central differences, one coordinate at a time.
    static func numeric(_ x: [Double], _ loss: ([Double]) -> Double) -> [Double] {
        var probe = x
        return (0..<x.count).map { i in
            probe[i] = x[i] + step
            let up = loss(probe)
            probe[i] = x[i] - step
            let down = loss(probe)
            probe[i] = x[i]
            return (up - down) / (2 * step)
        }
    }

    /// Σ out·weights: a scalar whose gradient with respect to out is `weights`.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Records a failure naming the worst coordinate when the bound is broken.
    /// `requireSignal` guards against a vacuous pass; turn it off where the gradient is zero
    /// by construction (a bias feeding batch norm).
    static func expectClose(_ analytic: [Double], _ numeric: [Double], _ label: String, requireSignal: Bool = true) {
        #expect(analytic.count == numeric.count, "\(label): sizes differ")
        var worst = 0.0
        var worstIndex = 0
        for (i, (a, n)) in zip(analytic, numeric).enumerated() {
            let excess = abs(a - n) / (1 + abs(n))
            if excess > worst { worst = excess; worstIndex = i }
        }
        #expect(worst <= tolerance, "\(label): index \(worstIndex) analytic \(analytic[worstIndex]) numeric \(numeric[worstIndex])")
        #expect(!requireSignal || numeric.contains { $0 != 0 }, "\(label): gradient is identically zero, the check proves nothing")
    }
}
