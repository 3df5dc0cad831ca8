/// Why `HTTPServer.start()` refused to start, before any system call could fail.
public enum HTTPServerError: Error, Equatable, CustomStringConvertible {
    /// The host is not an IPv4 or IPv6 literal nor `localhost`.
    case invalidHost(String)
    /// The port is outside 0...65535.
    case invalidPort(Int)
    /// `start()` was already called on this server.
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidHost(let host): return "cannot bind to '\(host)': expected an IPv4 or IPv6 address or localhost"
        case .invalidPort(let port): return "port \(port) is outside 0...65535"
        case .alreadyStarted: return "the server was already started"
        }
    }
}
