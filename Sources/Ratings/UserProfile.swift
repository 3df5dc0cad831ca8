/// Demographics of a user, where the dataset has them (MovieLens 100k and 1M do;
/// MovieLens latest and Netflix do not). Absent fields are nil, never placeholders.
public struct UserProfile: Hashable, Sendable {
    public var id: Int64
    public var age: Int?
    public var gender: String?
    public var occupation: String?

    public init(id: Int64, age: Int? = nil, gender: String? = nil, occupation: String? = nil) {
        self.id = id
        self.age = age
        self.gender = gender
        self.occupation = occupation
    }
}
