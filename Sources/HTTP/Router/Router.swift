/// A handler: synchronous, run on an event-loop thread or on the handler pool as its route's
/// `HandlerPlacement` says (see `HTTPServer`). Throw `HTTPError` to choose the answer; any other
/// error becomes a logged 500.
public typealias HTTPHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

/// Maps method and path template to handlers. Routes are tried in registration order, so register
/// literal paths before parameterised ones that overlap them. When a path matches but the method
/// does not, the answer is 405 with `Allow`; a method neither standard nor registered by any route
/// gets 501 on every path (RFC 9110 §9.1); `OPTIONS` is answered automatically (204 + `Allow`);
/// `HEAD` falls back to the `GET` handler (the server drops the body).
public struct Router: Sendable {
    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let placement: HandlerPlacement
        let handler: HTTPHandler
    }

    private(set) var routes: [Route] = []

    /// Every registered route as method and template, in registration order: what an index
    /// of the API lists.
    public var table: [(method: String, template: String)] {
        routes.map { ($0.method.rawValue, $0.pattern.template) }
    }

    public init() {}

    /// Registers `handler` for `method` on `template` (literal segments and `:name` parameters).
    public mutating func on(_ method: HTTPMethod, _ template: String, placement: HandlerPlacement = .eventLoop,
                            handler: @escaping HTTPHandler) {
        routes.append(Route(method: method, pattern: RoutePattern(template), placement: placement, handler: handler))
    }

    public mutating func get(_ template: String, placement: HandlerPlacement = .eventLoop,
                             handler: @escaping HTTPHandler) {
        on(.get, template, placement: placement, handler: handler)
    }

    public mutating func post(_ template: String, placement: HandlerPlacement = .eventLoop,
                              handler: @escaping HTTPHandler) {
        on(.post, template, placement: placement, handler: handler)
    }

    public mutating func put(_ template: String, placement: HandlerPlacement = .eventLoop,
                             handler: @escaping HTTPHandler) {
        on(.put, template, placement: placement, handler: handler)
    }

    public mutating func delete(_ template: String, placement: HandlerPlacement = .eventLoop,
                                handler: @escaping HTTPHandler) {
        on(.delete, template, placement: placement, handler: handler)
    }

    public mutating func patch(_ template: String, placement: HandlerPlacement = .eventLoop,
                               handler: @escaping HTTPHandler) {
        on(.patch, template, placement: placement, handler: handler)
    }

    /// The outcome of routing one request.
    public struct Outcome: Sendable {
        public var response: HTTPResponse
        /// The matched template, or `nil` when no route's path matched (404) — metrics should label
        /// those with a fixed name rather than the raw path.
        public var route: String?
        /// A non-`HTTPError` a handler threw, turned into the 500 in `response`, for logging.
        public var unexpectedError: (any Error)?
        /// The method is one the server does not recognise (501): metrics should not label by it,
        /// since a client may send any token.
        public var unrecognizedMethod = false
    }

    /// A routed request: either already answered (404, 405, `OPTIONS`) or a handler call to run,
    /// which the server may move to its handler pool.
    public enum Dispatch: Sendable {
        case answered(Outcome)
        case handler(HandlerCall)
    }

    /// A matched route's handler with its request, not yet run.
    public struct HandlerCall: Sendable {
        let route: Route
        let request: HTTPRequest

        /// Whether the route's placement sends this request to the handler pool.
        public var runsOnPool: Bool { route.placement.runsOnPool(request) }

        /// Runs the handler, turning every thrown error into a response.
        public func run() -> Outcome {
            let template = route.pattern.template
            do {
                return Outcome(response: try route.handler(request), route: template)
            } catch let error as any HTTPResponseError {
                return Outcome(response: HTTPResponse(error: error.httpError), route: template)
            } catch {
                let internalError = HTTPError(status: .internalServerError, code: "internal_error",
                                              message: "the server failed to handle the request")
                return Outcome(response: HTTPResponse(error: internalError), route: template, unexpectedError: error)
            }
        }
    }

    /// Routes `request` and runs its handler here, whatever its placement.
    public func respond(to request: consuming HTTPRequest) -> Outcome {
        switch dispatch(request) {
        case .answered(let outcome): outcome
        case .handler(let call): call.run()
        }
    }

    /// Routes `request` without running a handler.
    public func dispatch(_ request: consuming HTTPRequest) -> Dispatch {
        if request.path == "*" {
            return .answered(Outcome(response: Self.optionsResponse(allowing: allMethods()), route: "*"))
        }
        var allowed: [HTTPMethod] = []
        var matchedTemplate: String?
        var fallback: (Route, [String: String])?
        for route in routes {
            guard let parameters = route.pattern.match(request.pathSegments) else { continue }
            matchedTemplate = matchedTemplate ?? route.pattern.template
            if route.method == request.method {
                return .handler(Self.call(route, parameters: parameters, request: request))
            }
            if request.method == .head && route.method == .get && fallback == nil {
                fallback = (route, parameters)
            }
            allowed.append(route.method)
        }
        if let (route, parameters) = fallback {
            return .handler(Self.call(route, parameters: parameters, request: request))
        }
        if !HTTPMethod.standard.contains(request.method) && !routes.contains(where: { $0.method == request.method }) {
            let error = HTTPError(status: .notImplemented, code: "not_implemented",
                                  message: "the method \(request.method) is not implemented")
            return .answered(Outcome(response: HTTPResponse(error: error), route: matchedTemplate, unrecognizedMethod: true))
        }
        guard let template = matchedTemplate else {
            return .answered(Outcome(response: HTTPResponse(error: .notFound("no route for \(request.path)")), route: nil))
        }
        let allow = Self.allowList(allowed)
        if request.method == .options {
            return .answered(Outcome(response: Self.optionsResponse(allowing: allow), route: template))
        }
        let error = HTTPError(status: .methodNotAllowed, code: "method_not_allowed",
                              message: "\(request.method) is not allowed on \(template)",
                              headers: ["Allow": Self.allowHeader(allow)])
        return .answered(Outcome(response: HTTPResponse(error: error), route: template))
    }

    private static func call(_ route: Route, parameters: [String: String], request: consuming HTTPRequest) -> HandlerCall {
        request.pathParameters = parameters
        request.route = route.pattern.template
        return HandlerCall(route: route, request: request)
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
