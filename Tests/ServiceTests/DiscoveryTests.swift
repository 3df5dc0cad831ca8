import Foundation
import Testing
import HTTP
@testable import Service

/// `GET /openapi.yaml` and `GET /`: the contract served is the repository's, and the index
/// lists exactly the contract's paths.
@Suite struct DiscoveryTests {
    private static let contract = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml")

    @Test func theContractServedIsTheRepositorysOpenAPIFile() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/openapi.yaml")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/yaml")
        #expect(response.body == [UInt8](try Data(contentsOf: Self.contract)))
    }

    @Test func theIndexListsTheContractsPaths() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/").json)
        #expect(json["contract"] == .string("/openapi.yaml"))
        guard case let .array(routes)? = json["routes"] else { Issue.record("no routes"); return }
        var listed: Set<String> = []
        for route in routes {
            guard case let .string(path)? = route["path"] else { continue }
            listed.insert(path)
        }
        let text = try String(contentsOf: Self.contract, encoding: .utf8)
        let documented = Set(text.split(separator: "\n").filter { $0.hasPrefix("  /") && $0.hasSuffix(":") }
            .map { String($0.dropFirst(2).dropLast()) }.filter { !$0.hasPrefix("/admin/") })
        #expect(listed == documented)
        #expect(routes.contains { $0["method"] == .string("DELETE") && $0["path"] == .string("/users/{user}") })
    }
}
