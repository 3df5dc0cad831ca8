import Foundation
import HTTP

extension HTTPRequest {
    /// The body of a write, parsed: 411 when it is not framed, 415 unless it is declared
    /// `application/json`, 400 naming the first syntax error.
    func jsonBody() throws -> JSONValue {
        let operation = "\(method.rawValue) \(route ?? path)"
        guard headers.contains("Content-Length") || headers.contains("Transfer-Encoding") else {
            throw HTTPError(status: .lengthRequired, code: "length_required",
                            message: "\(operation) needs a body framed by Content-Length or chunked Transfer-Encoding")
        }
        let contentType = headers["Content-Type"]?.lowercased() ?? ""
        guard contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "application/json" else {
            throw HTTPError(status: .unsupportedMediaType, code: "unsupported_media_type",
                            message: "\(operation) takes Content-Type: application/json")
        }
        do {
            return try JSONParser.parse(body)
        } catch let error as JSONSyntaxError {
            throw HTTPError.badRequest("invalid_json", error.description)
        }
    }
}
