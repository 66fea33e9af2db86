import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

/// Member PATCHes in one Bulk request are written together; each keeps the
/// outcome it would have had alone (RFC 7644 §3.7, §3.5.2, §3.14).
@Suite("/Bulk member PATCHes")
struct BulkMemberPatchTests {
    static func patch(_ path: String, _ operations: String, version: String? = nil) -> String {
        let ifMatch = version.map { #""version": "\#($0)", "# } ?? ""
        return #"{"method": "PATCH", "path": "\#(path)", \#(ifMatch)"data": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [\#(operations)]}}"#
    }

    static func add(_ ids: String...) -> String {
        #"{"op": "add", "path": "members", "value": [\#(ids.map { #"{"value": "\#($0)"}"# }.joined(separator: ","))]}"#
    }

    /// Creates users a, b and c and an empty group; their ids by bulkId.
    static func setUp(_ client: some TestClientProtocol, _ token: String) async throws -> [String: String] {
        let group = #"{"method": "POST", "path": "/Groups", "bulkId": "g", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Team"}}"#
        let operations = ["a", "b", "c"].map { BulkRoutesTests.createUser($0, "\($0)@example.test") } + [group]
        let answer = try await client.scim(.post, "/Bulk", token: token, body: BulkRoutesTests.bulk(operations.joined(separator: ",")))
        var ids: [String: String] = [:]
        for result in answer.json?["Operations"]?.arrayValue ?? [] {
            if let bulkId = result["bulkId"]?.stringValue, let id = result["location"]?.stringValue?.split(separator: "/").last { ids[bulkId] = String(id) }
        }
        #expect(ids.count == 4)
        return ids
    }

    @Test("each PATCH keeps its own outcome: a bad member, a stale version and an unknown group fail alone, and change nothing")
    func outcomes() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let ids = try await Self.setUp(client, fixture.token)
            let group = "/Groups/\(ids["g"]!)"
            let operations = [
                Self.patch(group, Self.add(ids["a"]!), version: #"W/\"1\""#),
                Self.patch(group, Self.add(ids["b"]!, "no-such-member")),
                Self.patch(group, Self.add(ids["c"]!), version: #"W/\"1\""#),
                Self.patch("/Groups/no-such-group", Self.add(ids["a"]!)),
                Self.patch(group, #"{"op": "remove", "path": "members[value eq \"\#(ids["a"]!)\"]"}"#),
                Self.patch(group, Self.add(ids["c"]!, ids["c"]!)),
            ].joined(separator: ",")
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: BulkRoutesTests.bulk(operations))
            let results = answer.json?["Operations"]?.arrayValue ?? []
            #expect(results.map { $0["status"]?.stringValue } == ["200", "400", "412", "404", "200", "200"])
            #expect(results.map { $0["version"]?.stringValue } == [#"W/"2""#, nil, nil, nil, #"W/"3""#, #"W/"4""#])
            #expect(results[1]["response"]?["scimType"]?.stringValue == "invalidValue")
            #expect(results[0]["location"]?.stringValue?.hasSuffix(group) == true)

            let read = try await client.scim(.get, group, token: fixture.token)
            #expect(read.json?["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == [ids["c"]!])
            #expect(read.json?["meta"]?["version"]?.stringValue == #"W/"4""#)
        }
    }

    @Test("a PATCH of other attributes between member PATCHes runs in its turn; nested groups are members too")
    func order() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let ids = try await Self.setUp(client, fixture.token)
            let create = #"{"method": "POST", "path": "/Groups", "bulkId": "n", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Nested"}}"#
            let group = "/Groups/\(ids["g"]!)"
            let rename = #"{"op": "replace", "path": "displayName", "value": "Renamed"}"#
            let operations = [
                Self.patch(group, Self.add(ids["a"]!)),
                Self.patch(group, rename),
                create,
                Self.patch(group, Self.add(ids["b"]!, "bulkId:n")),
            ].joined(separator: ",")
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: BulkRoutesTests.bulk(operations))
            let results = answer.json?["Operations"]?.arrayValue ?? []
            #expect(results.map { $0["status"]?.stringValue } == ["200", "200", "201", "200"])
            #expect(results.map { $0["version"]?.stringValue } == [#"W/"2""#, #"W/"3""#, #"W/"1""#, #"W/"4""#])
            let nested = try #require(results[2]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            let read = try await client.scim(.get, group, token: fixture.token)
            #expect(read.json?["displayName"]?.stringValue == "Renamed")
            let members = read.json?["members"]?.arrayValue ?? []
            #expect(Set(members.compactMap { $0["value"]?.stringValue }) == [ids["a"]!, ids["b"]!, nested])
            #expect(members.first { $0["value"]?.stringValue == nested }?["type"]?.stringValue == "Group")
        }
    }
}
