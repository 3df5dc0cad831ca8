import Foundation

/// PyTorch's `OneCycleLR` with its defaults (cosine annealing, two phases, momentum
/// cycling): the learning rate rises from max/div to max over the first `pctStart` of the
/// steps, then falls to max/(div·finalDiv); Adam's β₁ moves the opposite way between
/// `maxMomentum` and `baseMomentum`.
public struct OneCycleSchedule: Sendable, Equatable {
    public var maxLearningRate: Double
    public var totalSteps: Int
    public var pctStart = 0.3
    public var divFactor = 25.0
    public var finalDivFactor = 1e4
    public var baseMomentum = 0.85
    public var maxMomentum = 0.95

    public init(maxLearningRate: Double, totalSteps: Int) {
        self.maxLearningRate = maxLearningRate
        self.totalSteps = totalSteps
    }

    /// Learning rate and β₁ for the update numbered `step` (0-based), as the scheduler
    /// leaves them on the optimiser after `step` calls to `scheduler.step()`.
    public func values(at step: Int) -> (learningRate: Double, beta1: Double) {
        let initial = maxLearningRate / divFactor
        let minimum = initial / finalDivFactor
        let warmEnd = pctStart * Double(totalSteps) - 1
        let end = Double(totalSteps - 1)
        let s = Double(step)
        if s <= warmEnd {
            let pct = s / warmEnd
            return (anneal(initial, maxLearningRate, pct), anneal(maxMomentum, baseMomentum, pct))
        }
        let pct = (s - warmEnd) / (end - warmEnd)
        return (anneal(maxLearningRate, minimum, pct), anneal(baseMomentum, maxMomentum, pct))
    }

    private func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        end + (start - end) / 2 * (cos(Double.pi * pct) + 1)
    }
}
