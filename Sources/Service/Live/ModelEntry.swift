import Foundation
import Models

/// One model file in a model directory, with what its metadata says about it.
public struct ModelEntry: Sendable, Equatable {
    public var name: String
    public var path: String
    /// ISO 8601 creation time from the file.
    public var created: String
    public var trainedOnRatings: Int
    /// MF validation scores, nil when trained without a holdout.
    public var validation: ValidationScores?
    /// Why the file cannot be served, nil when it opened and validated.
    public var problem: String?

    public var isValid: Bool { problem == nil }
}
