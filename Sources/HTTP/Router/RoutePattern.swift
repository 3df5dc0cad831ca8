/// A path template such as `/similar/:movie`: literal segments and `:name` parameters, each
/// parameter matching exactly one non-empty decoded segment.
struct RoutePattern: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let template: String
    let segments: [Segment]

    init(_ template: String) {
        self.template = template
        segments = template.split(separator: "/", omittingEmptySubsequences: true).map { piece in
            piece.hasPrefix(":") && piece.count > 1 ? .parameter(String(piece.dropFirst())) : .literal(String(piece))
        }
    }

    /// The parameters if `pathSegments` match, else `nil`.
    func match(_ pathSegments: [String]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, value) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let literal):
                if literal != value { return nil }
            case .parameter(let name):
                if value.isEmpty { return nil }
                parameters[name] = value
            }
        }
        return parameters
    }
}
