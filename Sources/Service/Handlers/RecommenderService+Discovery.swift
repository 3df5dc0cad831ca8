import HTTP

extension RecommenderService {
    /// `GET /openapi.yaml`: the contract this server was built with.
    func contract() -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "application/yaml"], body: PackageResources.openapi_yaml)
    }

    /// `GET /`: what this server answers, for a person or a client finding their way.
    func index(routes: [(method: String, template: String)]) -> HTTPResponse {
        var writer = JSONWriter(capacity: 64 + 48 * routes.count)
        writer.beginObject()
        writer.field("service", "movierec")
        writer.field("contract", "/openapi.yaml")
        writer.key("routes")
        writer.beginArray()
        for route in routes {
            writer.beginObject()
            writer.field("method", route.method)
            writer.field("path", route.template.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/"))
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
