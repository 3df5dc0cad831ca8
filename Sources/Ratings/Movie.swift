/// A catalogue entry. Titles keep the dataset's text (decoded to UTF-8); the release
/// year is parsed out of a trailing "(1995)" where the dataset puts it there.
public struct Movie: Hashable, Sendable {
    public var id: Int64
    public var title: String
    public var year: Int?
    public var genres: [String]

    public init(id: Int64, title: String, year: Int? = nil, genres: [String] = []) {
        self.id = id
        self.title = title
        self.year = year
        self.genres = genres
    }
}
