/// A handler: synchronous, because it runs on an event-loop thread (see `HTTPServer`). Throw
/// `HTTPError` to choose the answer; any other error becomes a logged 500.
public typealias HTTPHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

/// Maps method and path template to handlers. Routes are tried in registration order, so register
/// literal paths before parameterised ones that overlap them. When a path matches but the method
/// does not, the answer is 405 with `Allow`; `OPTIONS` is answered automatically (204 + `Allow`);
/// `HEAD` falls back to the `GET` handler (the server drops the body).
public struct Router: Sendable {
    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let handler: HTTPHandler
    }

    private(set) var routes: [Route] = []

    public init() {}

    /// Registers `handler` for `method` on `template` (literal segments and `:name` parameters).
    public mutating func on(_ method: HTTPMethod, _ template: String, handler: @escaping HTTPHandler) {
        routes.append(Route(method: method, pattern: RoutePattern(template), handler: handler))
    }

    public mutating func get(_ template: String, handler: @escaping HTTPHandler) {
        on(.get, template, handler: handler)
    }

    public mutating func post(_ template: String, handler: @escaping HTTPHandler) {
        on(.post, template, handler: handler)
    }

    public mutating func put(_ template: String, handler: @escaping HTTPHandler) {
        on(.put, template, handler: handler)
    }

    public mutating func delete(_ template: String, handler: @escaping HTTPHandler) {
        on(.delete, template, handler: handler)
    }

    /// The outcome of routing one request.
    public struct Outcome: Sendable {
        public var response: HTTPResponse
        /// The matched template, or `nil` when no route's path matched (404) — metrics should label
        /// those with a fixed name rather than the raw path.
        public var route: String?
        /// A non-`HTTPError` a handler threw, turned into the 500 in `response`, for logging.
        public var unexpectedError: (any Error)?
    }

    /// Routes `request` and runs its handler, turning every thrown error into a response.
    public func respond(to request: consuming HTTPRequest) -> Outcome {
        if request.path == "*" {
            return Outcome(response: Self.optionsResponse(allowing: allMethods()), route: "*")
        }
        var allowed: [HTTPMethod] = []
        var matchedTemplate: String?
        var fallback: (Route, [String: String])?
        for route in routes {
            guard let parameters = route.pattern.match(request.pathSegments) else { continue }
            matchedTemplate = matchedTemplate ?? route.pattern.template
            if route.method == request.method {
                return run(route, parameters: parameters, request: &request)
            }
            if request.method == .head && route.method == .get && fallback == nil {
                fallback = (route, parameters)
            }
            allowed.append(route.method)
        }
        if let (route, parameters) = fallback {
            return run(route, parameters: parameters, request: &request)
        }
        guard let template = matchedTemplate else {
            return Outcome(response: HTTPResponse(error: .notFound("no route for \(request.path)")), route: nil)
        }
        let allow = Self.allowList(allowed)
        if request.method == .options {
            return Outcome(response: Self.optionsResponse(allowing: allow), route: template)
        }
        let error = HTTPError(status: .methodNotAllowed, code: "method_not_allowed",
                              message: "\(request.method) is not allowed on \(template)",
                              headers: ["Allow": Self.allowHeader(allow)])
        return Outcome(response: HTTPResponse(error: error), route: template)
    }

    private func run(_ route: Route, parameters: [String: String], request: inout HTTPRequest) -> Outcome {
        request.pathParameters = parameters
        request.route = route.pattern.template
        do {
            return Outcome(response: try route.handler(request), route: route.pattern.template)
        } catch let error as HTTPError {
            return Outcome(response: HTTPResponse(error: error), route: route.pattern.template)
        } catch {
            let internalError = HTTPError(status: .internalServerError, code: "internal_error",
                                          message: "the server failed to handle the request")
            return Outcome(response: HTTPResponse(error: internalError), route: route.pattern.template,
                           unexpectedError: error)
        }
    }

    private func allMethods() -> [HTTPMethod] {
        Self.allowList(routes.map(\.method))
    }

    /// Distinct methods in registration order, with HEAD implied by GET and OPTIONS always.
    private static func allowList(_ methods: [HTTPMethod]) -> [HTTPMethod] {
        var result: [HTTPMethod] = []
        for method in methods where !result.contains(method) {
            result.append(method)
        }
        if result.contains(.get) && !result.contains(.head) { result.append(.head) }
        if !result.contains(.options) { result.append(.options) }
        return result
    }

    private static func allowHeader(_ methods: [HTTPMethod]) -> String {
        methods.map(\.rawValue).joined(separator: ", ")
    }

    private static func optionsResponse(allowing methods: [HTTPMethod]) -> HTTPResponse {
        HTTPResponse(status: .noContent, headers: ["Allow": allowHeader(methods)])
    }
}
