import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("SCIM /Groups over HTTP, members in their own table")
struct GroupRoutesTests {
    static func groupBody(_ name: String, members: [String] = []) -> String {
        let list = members.map { #"{"value": "\#($0)"}"# }.joined(separator: ", ")
        return #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "\#(name)", "members": [\#(list)]}"#
    }

    static func patch(_ operations: String) -> String {
        #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [\#(operations)]}"#
    }

    static func createUsers(_ client: some TestClientProtocol, _ fixture: Fixture, count: Int) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let answer = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("member\(index)@example.test"))
            ids.append(try #require(answer.json?["id"]?.stringValue))
        }
        return ids
    }

    static func memberIDs(_ json: JSON?) -> Set<String> {
        Set(json?["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? [])
    }

    @Test("a group with user and nested group members, with $ref, type and display")
    func createAndRead() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let users = try await Self.createUsers(client, fixture, count: 2)
            let inner = try await client.scim(.post, "/Groups", token: fixture.token, body: Self.groupBody("Inner", members: [users[0]]))
            let innerID = try #require(inner.json?["id"]?.stringValue)
            let outer = try await client.scim(.post, "/Groups", token: fixture.token, body: Self.groupBody("Outer", members: [users[1], innerID]))
            #expect(outer.status == .created)
            let members = outer.json?["members"]?.arrayValue ?? []
            #expect(Self.memberIDs(outer.json) == [users[1], innerID])
            let nested = members.first { $0["value"]?.stringValue == innerID }
            #expect(nested?["type"]?.stringValue == "Group")
            #expect(nested?["display"]?.stringValue == "Inner")
            #expect(nested?["$ref"]?.stringValue?.hasSuffix("/Groups/\(innerID)") == true)
            let user = members.first { $0["value"]?.stringValue == users[1] }
            #expect(user?["display"]?.stringValue == "member1@example.test")
        }
    }

    @Test("displayName is unique ignoring case: 409 name-conflict")
    func nameConflict() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            _ = try await client.scim(.post, "/Groups", token: fixture.token, body: Self.groupBody("Sales"))
            let duplicate = try await client.scim(.post, "/Groups", token: fixture.token, body: Self.groupBody("SALES"))
            #expect(duplicate.status == .conflict)
            #expect(duplicate.reason == "name-conflict")
        }
    }

    @Test("PATCH adds and removes single members, both removal forms, and answers small with excludedAttributes=members")
    func memberPatches() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let users = try await Self.createUsers(client, fixture, count: 4)
            let group = try await client.scim(.post, "/Groups", token: fixture.token, body: Self.groupBody("Team", members: [users[0], users[1]]))
            let id = try #require(group.json?["id"]?.stringValue)

            let added = try await client.scim(.patch, "/Groups/\(id)?excludedAttributes=members", token: fixture.token,
                                              body: Self.patch(#"{"op": "add", "path": "members", "value": [{"value": "\#(users[2])"}, {"value": "\#(users[3])"}]}"#))
            #expect(added.status == .ok)
            #expect(added.json?["members"] == nil)
            #expect(added.json?["meta"]?["version"]?.stringValue == "W/\"2\"")

            // Okta's form: a filter path.
            _ = try await client.scim(.patch, "/Groups/\(id)", token: fixture.token, body: Self.patch(#"{"op": "remove", "path": "members[value eq \"\#(users[0])\"]"}"#))
            // Entra ID's form: Remove with a value list.
            let entra = try await client.scim(.patch, "/Groups/\(id)", token: fixture.token, body: Self.patch(#"{"op": "Remove", "path": "members", "value": [{"value": "\#(users[1])"}]}"#))
            #expect(Self.memberIDs(entra.json) == [users[2], users[3]])

            // Renaming in the same request as a member change.
            let renamed = try await client.scim(.patch, "/Groups/\(id)", token: fixture.token,
                                                body: Self.patch(#"{"op": "replace", "path": "displayName", "value": "Team B"}, {"op": "add", "path": "members", "value": [{"value": "\#(users[0])"}]}"#))
            #expect(renamed.json?["displayName"]?.stringValue == "Team B")
            #expect(Self.memberIDs(renamed.json) == [users[0], users[2], users[3]])
        }
    }

    @Test("a member that does not exist fails the whole PATCH; nothing changes")
    func unknownMember() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let users = try await Self.createUsers(client, fixture, count: 1)
            let group = try await client.scim(.post, "/Groups", token: fixture.token, body: Self.groupBody("G"))
            let id = try #require(group.json?["id"]?.stringValue)
            let answer = try await client.scim(.patch, "/Groups/\(id)", token: fixture.token,
                                               body: Self.patch(#"{"op": "add", "path": "members", "value": [{"value": "\#(users[0])"}, {"value": "no-such-id"}]}"#))
            #expect(answer.status == .badRequest)
            #expect(answer.scimType == "invalidValue")
            let read = try await client.scim(.get, "/Groups/\(id)", token: fixture.token)
            #expect(Self.memberIDs(read.json).isEmpty)
            #expect(read.json?["meta"]?["version"]?.stringValue == "W/\"1\"")
        }
    }

    @Test("deleting a user removes it from its groups")
    func deletedMember() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let users = try await Self.createUsers(client, fixture, count: 2)
            let group = try await client.scim(.post, "/Groups", token: fixture.token, body: Self.groupBody("G", members: users))
            let id = try #require(group.json?["id"]?.stringValue)
            _ = try await client.scim(.delete, "/Users/\(users[0])", token: fixture.token)
            let read = try await client.scim(.get, "/Groups/\(id)", token: fixture.token)
            #expect(Self.memberIDs(read.json) == [users[1]])
        }
    }

    @Test("PUT replaces the members; list filters by displayName; another organization sees nothing")
    func replaceListIsolate() async throws {
        let fixture = try await Fixture.make()
        let other = Organization(name: "Other", deployment: "us", plan: Plan(name: "t", seatLimit: 10))
        try await fixture.store.createOrganization(other)
        let otherToken = try await Fixture.mintToken(fixture.store, organization: other)
        try await fixture.application.test(.router) { client in
            let users = try await Self.createUsers(client, fixture, count: 3)
            let group = try await client.scim(.post, "/Groups", token: fixture.token, body: Self.groupBody("Ops", members: [users[0]]))
            let id = try #require(group.json?["id"]?.stringValue)
            let replaced = try await client.scim(.put, "/Groups/\(id)", token: fixture.token, body: Self.groupBody("Ops", members: [users[1], users[2]]))
            #expect(Self.memberIDs(replaced.json) == [users[1], users[2]])
            let listed = try await client.scim(.get, "/Groups?filter=displayName%20eq%20%22ops%22&excludedAttributes=members", token: fixture.token)
            #expect(listed.json?["totalResults"]?.intValue == 1)
            #expect(listed.json?["Resources"]?[0]?["members"] == nil)
            let byMember = try await client.scim(.get, "/Groups?filter=members%5Bvalue%20eq%20%22\(users[2])%22%5D", token: fixture.token)
            #expect(byMember.json?["totalResults"]?.intValue == 1)
            #expect(try await client.scim(.get, "/Groups/\(id)", token: otherToken).status == .notFound)
            // A user of this organization cannot be put in the other's group.
            let foreign = try await client.scim(.post, "/Groups", token: otherToken, body: Self.groupBody("X", members: [users[0]]))
            #expect(foreign.status == .badRequest)
        }
    }
}
