import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("/Bulk (RFC 7644 §3.7)")
struct BulkRoutesTests {
    static func bulk(_ operations: String, failOnErrors: Int? = nil) -> String {
        let fail = failOnErrors.map { #""failOnErrors": \#($0), "# } ?? ""
        return #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], \#(fail)"Operations": [\#(operations)]}"#
    }

    static func createUser(_ bulkId: String, _ userName: String) -> String {
        #"{"method": "POST", "path": "/Users", "bulkId": "\#(bulkId)", "data": \#(userBody(userName))}"#
    }

    @Test("a group can reference users created in the same request, even ones created after it")
    func bulkIdReferences() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let group = #"{"method": "POST", "path": "/Groups", "bulkId": "g", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Bulk", "members": [{"value": "bulkId:a"}, {"value": "bulkId:b"}]}}"#
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: Self.bulk([Self.createUser("a", "a@example.test"), group, Self.createUser("b", "b@example.test")].joined(separator: ",")))
            #expect(answer.status == .ok)
            let results = answer.json?["Operations"]?.arrayValue ?? []
            #expect(results.map { $0["status"]?.stringValue } == ["201", "201", "201"])
            #expect(results.map { $0["bulkId"]?.stringValue } == ["a", "g", "b"])
            let groupLocation = try #require(results[1]["location"]?.stringValue)
            let groupID = try #require(groupLocation.split(separator: "/").last.map(String.init))
            let read = try await client.scim(.get, "/Groups/\(groupID)", token: fixture.token)
            #expect(read.json?["members"]?.arrayValue?.count == 2)
        }
    }

    @Test("a path may name a resource of the same request by its bulkId: a PATCH, a PUT and a DELETE of it; an unknown one fails alone")
    func bulkIdInPath() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let group = #"{"method": "POST", "path": "/Groups", "bulkId": "g", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Crew"}}"#
            let addMember = #"{"method": "PATCH", "path": "/Groups/bulkId:g", "data": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": "members", "value": [{"value": "bulkId:u"}]}]}}"#
            let rename = #"{"method": "PATCH", "path": "/Users/bulkId:u", "data": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "displayName", "value": "Eve"}]}}"#
            let unknown = #"{"method": "DELETE", "path": "/Users/bulkId:nobody"}"#
            let other = #"{"method": "POST", "path": "/Groups", "bulkId": "gone", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Gone"}}"#
            let delete = #"{"method": "DELETE", "path": "/Groups/bulkId:gone"}"#
            // The PATCH of the group comes before the user it adds: it waits for it.
            let operations = [group, addMember, Self.createUser("u", "eve@example.test"), rename, unknown, other, delete].joined(separator: ",")
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: Self.bulk(operations))
            #expect(answer.status == .ok)
            let results = answer.json?["Operations"]?.arrayValue ?? []
            #expect(results.map { $0["status"]?.stringValue } == ["201", "200", "201", "200", "409", "201", "204"])
            let groupID = try #require(results[0]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            let userID = try #require(results[2]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            #expect(results[1]["location"]?.stringValue?.hasSuffix("/Groups/\(groupID)") == true)
            let crew = try await client.scim(.get, "/Groups/\(groupID)", token: fixture.token)
            #expect(crew.json?["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == [userID])
            let eve = try await client.scim(.get, "/Users/\(userID)", token: fixture.token)
            #expect(eve.json?["displayName"]?.stringValue == "Eve")
            let goneID = try #require(results[5]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            #expect(try await client.scim(.get, "/Groups/\(goneID)", token: fixture.token).status == .notFound)
        }
    }

    @Test("failed operations do not stop the others unless failOnErrors says so")
    func failOnErrors() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let operations = [Self.createUser("1", "dup@example.test"), Self.createUser("2", "dup@example.test"), Self.createUser("3", "other@example.test")].joined(separator: ",")
            let all = try await client.scim(.post, "/Bulk", token: fixture.token, body: Self.bulk(operations))
            #expect(all.json?["Operations"]?.arrayValue?.map { $0["status"]?.stringValue } == ["201", "409", "201"])
            #expect(all.json?["Operations"]?[1]?["response"]?["scimType"]?.stringValue == "uniqueness")

            let stopped = try await client.scim(.post, "/Bulk", token: fixture.token, body: Self.bulk([Self.createUser("4", "dup@example.test"), Self.createUser("5", "late@example.test")].joined(separator: ","), failOnErrors: 1))
            #expect(stopped.json?["Operations"]?.arrayValue?.count == 1)
            let late = try await client.scim(.get, "/Users?filter=userName%20eq%20%22late@example.test%22", token: fixture.token)
            #expect(late.json?["totalResults"]?.intValue == 0)
        }
    }

    @Test("user creates written together keep their own outcomes: a duplicate, a bad value and the last seat fail alone")
    func batchedCreates() async throws {
        let fixture = try await Fixture.make(seats: 3)
        try await fixture.application.test(.router) { client in
            let bad = #"{"method": "POST", "path": "/Users", "bulkId": "bad", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}}"#
            let operations = [
                Self.createUser("1", "one@example.test"), Self.createUser("2", "ONE@example.test"), bad,
                Self.createUser("3", "three@example.test"), Self.createUser("4", "four@example.test"), Self.createUser("5", "five@example.test"),
            ].joined(separator: ",")
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: Self.bulk(operations))
            let statuses = answer.json?["Operations"]?.arrayValue?.map { $0["status"]?.stringValue } ?? []
            #expect(statuses == ["201", "409", "400", "201", "201", "403"])
            let list = try await client.scim(.get, "/Users?sortBy=userName", token: fixture.token)
            #expect(list.json?["Resources"]?.arrayValue?.compactMap { $0["userName"]?.stringValue } == ["four@example.test", "one@example.test", "three@example.test"])
            // The refused ones took no seat and left no address behind.
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: userBody("x@example.test", active: false)).status == .created)
        }
    }

    @Test("the seats a batch of creates takes are stored with it: a seat freed later can be taken once, not twice")
    func batchedSeatsStored() async throws {
        let fixture = try await Fixture.make(seats: 2)
        try await fixture.application.test(.router) { client in
            let operations = [Self.createUser("1", "one@example.test"), Self.createUser("2", "two@example.test")].joined(separator: ",")
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: Self.bulk(operations))
            #expect(answer.json?["Operations"]?.arrayValue?.map { $0["status"]?.stringValue } == ["201", "201"])
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: userBody("three@example.test")).status == .forbidden)
            let location = try #require(answer.json?["Operations"]?[0]?["location"]?.stringValue)
            let id = try #require(location.split(separator: "/").last)
            #expect(try await client.scim(.delete, "/Users/\(id)", token: fixture.token).status == .noContent)
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: userBody("three@example.test")).status == .created)
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: userBody("four@example.test")).status == .forbidden)
        }
    }

    @Test("a reference no operation resolves fails that operation with 409")
    func unresolved() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let group = #"{"method": "POST", "path": "/Groups", "bulkId": "g", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "X", "members": [{"value": "bulkId:nobody"}]}}"#
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: Self.bulk(group))
            #expect(answer.json?["Operations"]?[0]?["status"]?.stringValue == "409")
        }
    }

    @Test("more operations than advertised is 413")
    func tooMany() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let operations = (0...BulkService.maximumOperations).map { #"{"method": "DELETE", "path": "/Users/x\#($0)"}"# }.joined(separator: ",")
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: Self.bulk(operations))
            #expect(answer.status.code == 413)
        }
    }
}
