import Foundation

/// What each rated pair contributes to iALS's objective beyond the α₀s² every pair pays,
/// from its rating and the configuration: with confidence c = 1 + α·f(r) and target t(r),
/// c·(t − s)² = a·s² − 2b·s + e with
///
///     a = c,   b = c·t,   e = c·t².
///
/// a and b enter each row's normal equations (`ImplicitRowSolver`); e only the reported loss.
struct ImplicitWeights {
    let configuration: ImplicitALSConfiguration

    func gram(_ rating: Float) -> Float { confidence(rating) }

    func target(_ rating: Float) -> Float { confidence(rating) * configuration.targets.value(of: rating) }

    func constant(_ rating: Float) -> Double {
        let t = Double(configuration.targets.value(of: rating))
        return Double(confidence(rating)) * t * t
    }

    /// λ·(count + α₀·others)^ν: the regularisation of a row with `count` ratings when the
    /// other side has `others` rows.
    func regularization(count: Int, others: Int) -> Float {
        let exponent = configuration.regularizationExponent
        guard exponent != 0 else { return configuration.regularization }
        let base = Double(count) + Double(configuration.unobservedWeight) * Double(others)
        return configuration.regularization * Float(pow(base, Double(exponent)))
    }

    private func confidence(_ rating: Float) -> Float { 1 + configuration.alpha * configuration.confidence.value(of: rating) }
}
