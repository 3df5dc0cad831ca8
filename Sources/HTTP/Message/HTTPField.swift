/// A name/value pair: a header field or a query parameter. A struct rather than a tuple because
/// arrays of tuples need their type metadata built at run time, which showed up per request.
public struct HTTPField: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
