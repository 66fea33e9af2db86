import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

/// A list answer with the default attributes writes each user from the
/// document's stored text (`ListedUser`, `UserResource.write`): the very
/// bytes the general path serializes, which `GET /Users/{id}` still takes.
@Suite("Users listed from their stored text")
struct ListedUserTests {
    static let richUser = #"""
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName": "Zoë.Ünïcode@example.test", "externalId": "ext\"quoted\\/",
         "name": {"givenName": "Zoë", "familyName": "Ünïcode \u00e9 \ud83d\ude00"},
         "emails": [{"value": "zoe@example.test", "type": "work", "primary": true}, {"value": "z@example.test"}],
         "active": true, "id": "mine", "meta": {"resourceType": "Nope"}, "Roles": [{"value": "owner"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D\n2", "employeeNumber": "007"},
         "urn:example:params:scim:schemas:extension:empty:2.0:User": {}}
        """#

    static func query(_ filter: String) -> String {
        "filter=" + filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    @Test("a lookup's resource is byte for byte the single GET's body, by index, in memory and by .search")
    func sameBytesAsTheGeneralPath() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: Self.richUser)
            #expect(created.status == .created)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(id != "mine")
            let single = try await client.scim(.get, "/Users/\(id)", token: fixture.token)
            #expect(single.json?["urn:example:params:scim:schemas:extension:empty:2.0:User"] == nil)
            #expect(single.json?["roles"]?[0]?["value"]?.stringValue == "member")
            for path in [
                "/Users?" + Self.query(#"userName eq "zoë.ünïcode@example.test""#),
                "/Users?" + Self.query(#"id eq "\#(id)""#),
                "/Users?" + Self.query(#"name.givenName eq "Zoë""#),  // evaluated in memory
                "/Users",
                "/Users?count=1&cursor=",
            ] {
                let list = try await client.scim(.get, path, token: fixture.token)
                #expect(list.status == .ok, "\(path)")
                #expect(list.json?["totalResults"]?.intValue == 1, "\(path)")
                #expect(list.json?["Resources"]?[0] == single.json, "\(path)")
                #expect(list.body.contains(single.body), "\(path): not the same bytes")
            }
            let search = try await client.scim(.post, "/Users/.search", token: fixture.token, body: #"""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "externalId pr"}
                """#)
            #expect(search.body.contains(single.body))
        }
    }

    @Test("projections take the general path; a changed user lists as changed")
    func projectionsAndChanges() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: Self.richUser)
            let id = try #require(created.json?["id"]?.stringValue)
            let filter = Self.query(#"id eq "\#(id)""#)
            let projected = try await client.scim(.get, "/Users?\(filter)&attributes=userName", token: fixture.token)
            let resource = try #require(projected.json?["Resources"]?[0]?.objectValue)
            #expect(Set(resource.keys) == ["id", "schemas", "userName"])
            let patched = try await client.scim(.patch, "/Users/\(id)", token: fixture.token, body: #"""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "name.givenName", "value": "Zoé"},
                                {"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"},
                                {"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}]}
                """#)
            #expect(patched.status == .ok)
            let single = try await client.scim(.get, "/Users/\(id)", token: fixture.token)
            let listed = try await client.scim(.get, "/Users?\(filter)", token: fixture.token)
            #expect(listed.json?["Resources"]?[0]?["name"]?["givenName"]?.stringValue == "Zoé")
            #expect(listed.json?["Resources"]?[0]?["meta"]?["version"]?.stringValue == "W/\"2\"")
            #expect(listed.body.contains(single.body), "\(String(decoding: listed.body, as: UTF8.self))")
        }
    }

    @Test("a listing made from a stored user holds what clients see of its document")
    func listingOfAStoredUser() throws {
        let user = StoredUser(
            id: "1", organizationID: "o", userName: "a@example.test", externalID: nil, active: true,
            document: ["userName": "a@example.test", "meta": ["version": "x"], "urn:x:empty": [:]],
            created: Date(timeIntervalSince1970: 0), lastModified: Date(timeIntervalSince1970: 0)
        )
        let listed = ListedUser(user)
        #expect(String(decoding: listed.text, as: UTF8.self) == #"{"userName":"a@example.test"}"#)
        #expect(try listed.stored().document == ["userName": "a@example.test"])
    }
}

extension [UInt8] {
    /// Whether `other` occurs in these bytes.
    func contains(_ other: [UInt8]) -> Bool {
        guard !other.isEmpty, other.count <= count else { return other.isEmpty }
        return indices.dropLast(other.count - 1).contains { self[$0..<$0 + other.count].elementsEqual(other) }
    }
}
