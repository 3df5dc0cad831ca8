/// One user's rating of one movie at one moment, in the dataset's raw ids.
///
/// Raw ids are kept end to end (store, model file, API); dense indices exist only
/// inside a trained model (see `IDIndex`).
public struct Rating: Hashable, Sendable {
    public var user: Int64
    public var movie: Int64
    /// Stars, 0.5 to 5 in steps of 0.5 for MovieLens-style data.
    public var value: Float
    /// Seconds since 1970 (UTC).
    public var timestamp: Int64

    public init(user: Int64, movie: Int64, value: Float, timestamp: Int64) {
        self.user = user
        self.movie = movie
        self.value = value
        self.timestamp = timestamp
    }
}

/// The rating scale movierec accepts: 0.5 to 5 in half stars.
public enum RatingScale {
    public static let minimum: Float = 0.5
    public static let maximum: Float = 5
    public static let step: Float = 0.5

    /// Whether `value` is on the scale: in range and a whole number of half stars.
    public static func contains(_ value: Float) -> Bool {
        guard value.isFinite, value >= minimum, value <= maximum else { return false }
        let halves = value / step
        return halves == halves.rounded()
    }
}
