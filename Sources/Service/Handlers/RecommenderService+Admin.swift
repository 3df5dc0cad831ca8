import HTTP

extension RecommenderService {
    /// Registers `/admin/*`, each behind the bearer token: 401 without credentials, 403
    /// with the wrong token. Only called when a token is configured.
    func addAdminRoutes(to router: inout Router, token: AdminToken) {
        router.post("/admin/reload", placement: .pool) { [self] request in
            try Self.authorize(request, token: token)
            return try reload(request)
        }
    }

    static func authorize(_ request: HTTPRequest, token: AdminToken) throws {
        guard let credentials = request.headers["Authorization"].flatMap(bearerCredentials) else {
            throw HTTPError(status: .unauthorized, code: "unauthorized",
                            message: "admin routes need Authorization: Bearer <token>",
                            headers: ["WWW-Authenticate": "Bearer"])
        }
        guard token.matches(credentials.utf8) else {
            throw HTTPError(status: .forbidden, code: "forbidden", message: "the admin token is wrong")
        }
    }

    /// The token of `Bearer <token>`: the scheme in any case, then one or more spaces (RFC 9110
    /// §11.4, RFC 6750 §2.1); nil for another scheme or no token.
    static func bearerCredentials(_ header: String) -> Substring? {
        let scheme = header.prefix { $0 != " " }
        guard scheme.lowercased() == "bearer" else { return nil }
        let credentials = header.dropFirst(scheme.count).drop { $0 == " " }
        return credentials.isEmpty ? nil : credentials
    }

    /// `POST /admin/reload`, body optional `{"file": "<name>"}`: loads, validates and swaps
    /// in that file of the model directory, or the newest valid one.
    func reload(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let manager = live.manager else {
            throw HTTPError(status: .serviceUnavailable, code: "no_model_directory",
                            message: "this server has no model directory to reload from")
        }
        var name: String?
        if !request.body.isEmpty {
            let json: JSONValue
            do {
                json = try JSONParser.parse(request.body)
            } catch let error as JSONSyntaxError {
                throw HTTPError.badRequest("invalid_json", error.description)
            }
            guard case let .object(members) = json, members.allSatisfy({ $0.key == "file" }) else {
                throw HTTPError.badRequest("invalid_body", #"expected {"file": "<model file name>"} or no body"#)
            }
            if let value = json["file"] {
                guard case let .string(file) = value else {
                    throw HTTPError.badRequest("invalid_body", "'file' must be a string")
                }
                name = file
            }
        }
        let model: ServingModel
        do {
            model = try manager.reload(name: name)
        } catch let error as ModelManagerError {
            switch error {
            case .noSuchFile: throw HTTPError(status: .notFound, code: "no_such_model", message: error.description)
            case .noValidModel, .invalidModel:
                throw HTTPError(status: .unprocessableContent, code: "invalid_model", message: error.description)
            }
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("version", model.info.version)
        writer.field("file", manager.serving?.file ?? "")
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
