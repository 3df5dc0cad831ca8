import Foundation
import HTTP
import Testing
@testable import Service

@Suite struct AdminTests {
    private let bearer = [("Authorization", "Bearer \(LiveFixture.adminToken)")]

    @Test func adminRoutesExistOnlyWithAToken() throws {
        let fixture = try LiveFixture(adminToken: nil)
        defer { fixture.remove() }
        #expect(fixture.respond("/admin/reload", method: .post).status == .notFound)
    }

    @Test func reloadNeedsTheRightBearerToken() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let missing = fixture.respond("/admin/reload", method: .post)
        #expect(missing.status == .unauthorized)
        #expect(missing.headers["WWW-Authenticate"] == "Bearer")
        #expect(fixture.respond("/admin/reload", method: .post, headers: [("Authorization", "Basic abc")]).status == .unauthorized)
        let wrong = fixture.respond("/admin/reload", method: .post, headers: [("Authorization", "Bearer s3cret-tokeX")])
        #expect(wrong.status == .forbidden)
        #expect(!String(decoding: wrong.body, as: UTF8.self).contains(LiveFixture.adminToken))
        #expect(fixture.respond("/admin/reload", method: .post, headers: bearer).status == .ok)
    }

    @Test func theBearerSchemeMayBeFollowedBySeveralSpacesInAnyCase() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        for header in ["Bearer  \(LiveFixture.adminToken)", "bearer     \(LiveFixture.adminToken)", "BEARER \(LiveFixture.adminToken)"] {
            #expect(fixture.respond("/admin/reload", method: .post, headers: [("Authorization", header)]).status == .ok, "\(header)")
        }
        for header in ["Bearer", "Bearer\(LiveFixture.adminToken)", "Bearer\t\(LiveFixture.adminToken)"] {
            #expect(fixture.respond("/admin/reload", method: .post, headers: [("Authorization", header)]).status == .unauthorized,
                    "\(header)")
        }
    }

    @Test func reloadSwapsInTheNamedOrNewestFile() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let first = try #require(fixture.manager.serving?.file)
        guard case .succeeded = fixture.manager.retrain() else { Issue.record("retraining failed"); return }
        let newest = try #require(fixture.manager.serving?.file)

        let named = fixture.respond("/admin/reload", method: .post, body: #"{"file":"\#(first)"}"#, headers: bearer)
        #expect(named.status == .ok)
        #expect(named.json?["file"] == .string(first))
        #expect(fixture.manager.serving?.file == first)

        let unnamed = fixture.respond("/admin/reload", method: .post, headers: bearer)
        #expect(unnamed.json?["file"] == .string(newest))
        #expect(fixture.manager.registry.current?.info.version == unnamed.json?["version"].flatMap {
            if case let .string(text) = $0 { return text } else { return nil } })

        let unknown = fixture.respond("/admin/reload", method: .post, body: #"{"file":"nope.safetensors"}"#, headers: bearer)
        #expect(unknown.status == .notFound)
        #expect(unknown.errorCode == "no_such_model")
        let bad = fixture.respond("/admin/reload", method: .post, body: #"{"path":"/etc/passwd"}"#, headers: bearer)
        #expect(bad.status == .badRequest)
        #expect(fixture.manager.serving?.file == newest)
    }

    @Test func tokensCompareWholeAndExact() throws {
        let token = try #require(AdminToken("abc\n"))
        #expect(token.matches(Array("abc".utf8)))
        #expect(!token.matches(Array("abd".utf8)))
        #expect(!token.matches(Array("ab".utf8)))
        #expect(!token.matches(Array("abcabc".utf8)))
        #expect(!token.matches(Array(String(repeating: "abc", count: 86).utf8).prefix(259)), "a length 256 longer")
        #expect(AdminToken("  \n") == nil)
        #expect(!String(describing: token).contains("abc"))
    }
}
