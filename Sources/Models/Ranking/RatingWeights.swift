import Foundation

/// A function of the rating value, as steps: a rating takes the value of the highest step
/// whose minimum it reaches, and 0 below every step. It says how much a rating counts where
/// the ranking models read ratings as implicit feedback: iALS's confidence and targets,
/// EASE's inputs and targets. MovieLens ratings are whole or half stars, so steps can give
/// any function of them.
///
/// Written `4:1,3:0.3,0:-0.3` (minimum:value pairs) or `stars` on the command line, and in
/// the model file's configuration JSON as the list of steps.
public struct RatingWeights: Sendable, Equatable, Codable, CustomStringConvertible {
    public struct Step: Sendable, Equatable, Codable {
        public var minimum: Float
        public var value: Float

        public init(minimum: Float, value: Float) {
            self.minimum = minimum
            self.value = value
        }
    }

    /// Highest minimum first when built by `init`; any order works.
    public private(set) var steps: [Step]

    public init(_ steps: [Step]) {
        self.steps = steps.sorted { $0.minimum > $1.minimum }
    }

    /// 1 for every rating: only whether a movie was rated counts.
    public static let one = RatingWeights([Step(minimum: 0, value: 1)])

    /// 1 for ratings of at least `threshold`, 0 below.
    public static func atLeast(_ threshold: Float) -> RatingWeights {
        RatingWeights([Step(minimum: threshold, value: 1)])
    }

    /// The rating's value itself, on MovieLens's half-star scale: whole and half stars map to
    /// themselves (0.5 … 5).
    public static let stars = RatingWeights(stride(from: Float(0.5), through: 5, by: 0.5).map { Step(minimum: $0, value: $0) })

    public func value(of rating: Float) -> Float {
        var best: Step?
        for step in steps where rating >= step.minimum && step.minimum >= (best?.minimum ?? -.infinity) { best = step }
        return best?.value ?? 0
    }

    /// The smallest value any rating can take (0 counts when ratings can fall below every step).
    var smallestValue: Float {
        steps.map(\.value).min().map { min($0, 0) } ?? 0
    }

    /// Parses `minimum:value` pairs separated by commas, or `stars`; nil when malformed or
    /// not finite.
    public init?(_ text: String) {
        if text == Self.starsName {
            self = .stars
            return
        }
        var parsed: [Step] = []
        for part in text.split(separator: ",") {
            let pair = part.split(separator: ":")
            guard pair.count == 2, let minimum = Float(pair[0].trimmingCharacters(in: .whitespaces)),
                  let value = Float(pair[1].trimmingCharacters(in: .whitespaces)),
                  minimum.isFinite, value.isFinite else { return nil }
            parsed.append(Step(minimum: minimum, value: value))
        }
        guard !parsed.isEmpty, Set(parsed.map(\.minimum)).count == parsed.count else { return nil }
        self.init(parsed)
    }

    public var description: String {
        if self == .stars { return Self.starsName }
        return steps.map { "\(Self.short($0.minimum)):\(Self.short($0.value))" }.joined(separator: ",")
    }

    private static let starsName = "stars"

    private static func short(_ value: Float) -> String {
        value == value.rounded() && abs(value) < 1e7 ? String(Int(value)) : "\(value)"
    }

    /// Checks that a configuration's steps are usable.
    func validate(_ name: String) throws {
        guard !steps.isEmpty, steps.allSatisfy({ $0.minimum.isFinite && $0.value.isFinite }),
              Set(steps.map(\.minimum)).count == steps.count else {
            throw RankingModelError.invalidConfiguration("\(name) needs finite steps with distinct minimums, got \(description)")
        }
    }
}
