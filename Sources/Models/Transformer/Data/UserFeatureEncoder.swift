import Ratings

/// Dense indices of a user's demographics for the feature embeddings.
public struct UserFeatureIndices: Sendable, Equatable, Hashable {
    public var gender: Int32
    public var ageGroup: Int32
    public var occupation: Int32

    public init(gender: Int32, ageGroup: Int32, occupation: Int32) {
        self.gender = gender
        self.ageGroup = ageGroup
        self.occupation = occupation
    }
}

/// Maps `UserProfile` demographics to embedding rows. Gender: F → 0, M → 1 (scikit-learn's
/// LabelEncoder order, as the notebook), anything else → 2. Age: MovieLens-1M's seven
/// groups (under 18, 18–24, 25–34, 35–44, 45–49, 50–55, 56+) → 0…6, so 1M's group codes and
/// 100k's ages land alike; unknown → 7. Occupation: position in the sorted list of the
/// dataset's occupation names (≤ 21 of them), unknown → 21.
public struct UserFeatureEncoder: Sendable, Equatable {
    public let occupations: [String]
    public static let maximumOccupations = 21

    public init(occupations: [String]) throws(TransformerError) {
        guard occupations.count <= Self.maximumOccupations else {
            throw .invalidConfig("\(occupations.count) occupations, the embedding holds \(Self.maximumOccupations)")
        }
        self.occupations = occupations
    }

    /// The encoder for a dataset's users: its distinct occupation names, sorted.
    public init(profiles: [UserProfile]) throws(TransformerError) {
        try self.init(occupations: Array(Set(profiles.compactMap(\.occupation))).sorted())
    }

    public func encode(_ profile: UserProfile) -> UserFeatureIndices {
        let gender: Int32 = switch profile.gender?.uppercased() {
        case "F": 0
        case "M": 1
        default: 2
        }
        return UserFeatureIndices(gender: gender, ageGroup: Self.ageGroup(profile.age),
                                  occupation: Int32(profile.occupation.flatMap { occupations.firstIndex(of: $0) } ?? Self.maximumOccupations))
    }

    static func ageGroup(_ age: Int?) -> Int32 {
        guard let age else { return 7 }
        switch age {
        case ..<18: return 0
        case 18..<25: return 1
        case 25..<35: return 2
        case 35..<45: return 3
        case 45..<50: return 4
        case 50..<56: return 5
        default: return 6
        }
    }
}
