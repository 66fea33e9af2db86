import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("/Schemas and /ResourceTypes (RFC 7644 §4)")
struct SchemaRoutesTests {
    @Test("the core schemas are listed, each readable by its URN, with RFC 7643 §7 characteristics")
    func schemas() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let list = try await client.scim(.get, "/Schemas", token: fixture.token)
            #expect(list.status == .ok)
            let ids = Set(list.json?["Resources"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
            #expect(ids == [SCIMSchemaURN.user, SCIMSchemaURN.group, SCIMSchemaURN.enterpriseUser])

            let user = try await client.scim(.get, "/Schemas/\(SCIMSchemaURN.user)", token: fixture.token)
            let attributes = user.json?["attributes"]?.arrayValue ?? []
            let userName = attributes.first { $0["name"]?.stringValue == "userName" }
            #expect(userName?["required"]?.boolValue == true)
            #expect(userName?["uniqueness"]?.stringValue == "server")
            #expect(userName?["caseExact"]?.boolValue == false)
            let password = attributes.first { $0["name"]?.stringValue == "password" }
            #expect(password?["returned"]?.stringValue == "never")
            let roles = attributes.first { $0["name"]?.stringValue == "roles" }
            #expect(roles?["mutability"]?.stringValue == "readOnly")

            let group = try await client.scim(.get, "/Schemas/\(SCIMSchemaURN.group)", token: fixture.token)
            let members = group.json?["attributes"]?.arrayValue?.first { $0["name"]?.stringValue == "members" }
            #expect(members?["subAttributes"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["value", "$ref", "display", "type"])

            #expect(try await client.scim(.get, "/Schemas/urn:nope", token: fixture.token).status == .notFound)
        }
    }

    @Test("the resource types name their endpoints and schemas")
    func resourceTypes() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let list = try await client.scim(.get, "/ResourceTypes", token: fixture.token)
            #expect(list.json?["totalResults"]?.intValue == 2)
            let user = try await client.scim(.get, "/ResourceTypes/User", token: fixture.token)
            #expect(user.json?["endpoint"]?.stringValue == "/Users")
            #expect(user.json?["schemaExtensions"]?[0]?["schema"]?.stringValue == SCIMSchemaURN.enterpriseUser)
        }
    }

    @Test("reading schemas needs the schema scope")
    func scope() async throws {
        let fixture = try await Fixture.make(scopes: [.usersRead])
        try await fixture.application.test(.router) { client in
            let answer = try await client.scim(.get, "/Schemas", token: fixture.token)
            #expect(answer.status == .forbidden)
        }
    }
}
