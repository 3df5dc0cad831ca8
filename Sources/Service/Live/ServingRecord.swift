import Foundation

/// What the model manager knows about the serving model beyond `ModelInfo`: where it
/// came from, how well it validated and which store state it was trained on.
public struct ServingRecord: Sendable, Equatable {
    /// File name inside the model directory (or the path given to `serve --model`).
    public var file: String
    public var version: String
    /// MF validation RMSE from the file, nil when it was trained without a holdout.
    public var validationRMSE: Double?
    /// The store state the serving model is current with; `ratings since the model` counts
    /// writes after it. Taken from the file, or the store's state at load time for files
    /// that do not record it (trained from dataset files).
    public var storeSequence: Int64
    /// `r<ratings>-t<max timestamp>-s<store sequence>`: the data the model was trained on.
    public var fingerprint: String
    /// Creation time from the file, seconds since 1970, nil if unparsable.
    public var createdAt: Double?
}
