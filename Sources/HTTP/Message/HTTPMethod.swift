/// A request method. A struct over the token rather than an enum, because RFC 9110 lets clients
/// send any token and the server must still answer them (with 501), not fail to parse.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let connect = HTTPMethod(rawValue: "CONNECT")
    public static let trace = HTTPMethod(rawValue: "TRACE")

    /// The methods of RFC 9110 §9, PATCH (RFC 5789) and QUERY (the IETF's safe method with a body,
    /// which generic clients and API testers already send), which the server recognises on any
    /// path: where a path lacks one the answer is 405, while any other method gets 501. Methods
    /// are case-sensitive, so `get` is not among them.
    static let standard: Set<HTTPMethod> = [.get, .head, .post, .put, .patch, .delete, .options, .connect, .trace,
                                            HTTPMethod(rawValue: "QUERY")]

    public var description: String { rawValue }

    /// The method named by `bytes`, sharing the common methods' stored strings instead of
    /// building a new one per request.
    init(bytes: ArraySlice<UInt8>) {
        switch bytes.count {
        case 3 where bytes.elementsEqual("GET".utf8): self = .get
        case 3 where bytes.elementsEqual("PUT".utf8): self = .put
        case 4 where bytes.elementsEqual("POST".utf8): self = .post
        case 4 where bytes.elementsEqual("HEAD".utf8): self = .head
        default: self.init(rawValue: String(decoding: bytes, as: UTF8.self))
        }
    }
}
