import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("attributes and excludedAttributes (RFC 7644 §3.4.2.5)")
struct AttributeProjectionTests {
    static let user = #"""
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName": "p@example.test", "displayName": "P", "name": {"givenName": "Pat", "familyName": "Smith"},
         "emails": [{"value": "p@example.test", "type": "work"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D", "employeeNumber": "42"}}
        """#

    @Test("attributes keeps the named ones (sub-attributes and extension attributes too), plus id and schemas")
    func included() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: Self.user)
            let id = try #require(created.json?["id"]?.stringValue)
            let path = "/Users/\(id)?attributes=userName,name.givenName,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"
            let answer = try await client.scim(.get, path, token: fixture.token)
            let keys = Set(answer.json?.objectValue?.keys ?? [])
            #expect(keys == ["id", "schemas", "userName", "name", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"])
            #expect(answer.json?["name"]?.objectValue?.keys == ["givenName"])
            #expect(answer.json?["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?.objectValue?.keys == ["department"])
        }
    }

    @Test("excludedAttributes drops the named ones, never id")
    func excluded() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            _ = try await client.scim(.post, "/Users", token: fixture.token, body: Self.user)
            let answer = try await client.scim(.get, "/Users?excludedAttributes=emails,name.familyName,id,meta", token: fixture.token)
            let resource = answer.json?["Resources"]?[0]
            #expect(resource?["emails"] == nil)
            #expect(resource?["meta"] == nil)
            #expect(resource?["id"] != nil)
            #expect(resource?["name"]?.objectValue?.keys == ["givenName"])
            #expect(resource?["displayName"]?.stringValue == "P")
        }
    }

    @Test("a malformed path is 400 invalidPath")
    func malformed() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let answer = try await client.scim(.get, "/Users?attributes=name..x", token: fixture.token)
            #expect(answer.status == .badRequest)
            #expect(answer.scimType == "invalidPath")
        }
    }
}
