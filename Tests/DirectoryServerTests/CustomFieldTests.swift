import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("Custom fields: the organization's schema extension and its rules")
struct CustomFieldTests {
    static let urn = "urn:ietf:params:scim:schemas:extension:directorysync:2.0:User"

    static func user(_ name: String, fields: String) -> String {
        #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "\#(urn)"], "userName": "\#(name)", "\#(urn)": {\#(fields)}}"#
    }

    static func setUp(_ fixture: Fixture) async throws {
        let org = fixture.organization.id
        try await fixture.store.addField(FieldRule(name: "badge", kind: .text, maxLength: 5, required: true), organizationID: org)
        try await fixture.store.addField(FieldRule(name: "deskPhone", kind: .phone), organizationID: org)
        try await fixture.store.addField(FieldRule(name: "site", kind: .pickList, canonicalValues: ["Paris", "Lyon"]), organizationID: org)
    }

    @Test("the fields appear in /Schemas with SCIM characteristics and the vendor kind and length")
    func schema() async throws {
        let fixture = try await Fixture.make()
        try await Self.setUp(fixture)
        try await fixture.application.test(.router) { client in
            let schema = try await client.scim(.get, "/Schemas/\(Self.urn)", token: fixture.token)
            let attributes = schema.json?["attributes"]?.arrayValue ?? []
            #expect(attributes.compactMap { $0["name"]?.stringValue } == ["badge", "deskPhone", "site"])
            let badge = attributes[0]
            #expect(badge["required"]?.boolValue == true)
            #expect(badge["urn:ietf:params:scim:schemas:extension:directorysync:2.0:Field"]?["maxLength"]?.intValue == 5)
            #expect(attributes[2]["canonicalValues"]?.arrayValue?.count == 2)
        }
    }

    @Test("/ResourceTypes/User lists the organization's extension, required when a field is; none without fields")
    func resourceType() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let before = try await client.scim(.get, "/ResourceTypes/User", token: fixture.token)
            #expect(before.json?["schemaExtensions"]?.arrayValue?.count == 1)
            try await Self.setUp(fixture)
            let after = try await client.scim(.get, "/ResourceTypes/User", token: fixture.token)
            let extensions = after.json?["schemaExtensions"]?.arrayValue ?? []
            #expect(extensions.count == 2)
            #expect(extensions.last?["schema"]?.stringValue == Self.urn)
            #expect(extensions.last?["required"]?.boolValue == true)
        }
    }

    @Test("each rule gives its reason, naming the field", arguments: [
        (#""deskPhone": "555 0100""#, "mandatory-missing"),
        (#""badge": "ABCDEFG""#, "too-long"),
        (#""badge": "A1", "deskPhone": "call me""#, "invalid-value"),
        (#""badge": "A1", "site": "Berlin""#, "invalid-value"),
        (#""badge": "A1", "shoeSize": "44""#, "field-unknown"),
    ])
    func rules(fields: String, reason: String) async throws {
        let fixture = try await Fixture.make()
        try await Self.setUp(fixture)
        try await fixture.application.test(.router) { client in
            let answer = try await client.scim(.post, "/Users", token: fixture.token, body: Self.user("x@example.test", fields: fields))
            #expect(answer.status == .badRequest)
            #expect(answer.reason == reason)
        }
    }

    @Test("good values are stored normalised; a deleted field is refused from then on")
    func lifecycle() async throws {
        let fixture = try await Fixture.make()
        try await Self.setUp(fixture)
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: Self.user("ok@example.test", fields: #""badge": "A1", "site": "paris""#))
            #expect(created.status == .created)
            #expect(created.json?[Self.urn]?["site"]?.stringValue == "Paris")
            #expect(try await fixture.store.deleteField("deskPhone", organizationID: fixture.organization.id))
            let refused = try await client.scim(.post, "/Users", token: fixture.token, body: Self.user("p@example.test", fields: #""badge": "B2", "deskPhone": "555""#))
            #expect(refused.reason == "field-unknown")
            let schema = try await client.scim(.get, "/Schemas/\(Self.urn)", token: fixture.token)
            #expect(schema.json?["attributes"]?.arrayValue?.count == 2)
        }
    }

    @Test("a deleted field's value a user holds goes with the next write of other attributes; sending another value is refused")
    func deletedFieldValueHeld() async throws {
        let fixture = try await Fixture.make()
        try await Self.setUp(fixture)
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(
                .post, "/Users", token: fixture.token, body: Self.user("held@example.test", fields: #""badge": "A1", "deskPhone": "555 0100""#))
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await fixture.store.deleteField("deskPhone", organizationID: fixture.organization.id))
            let changed = try await client.scim(
                .post, "/Users", token: fixture.token, body: Self.user("other@example.test", fields: #""badge": "B2", "deskPhone": "555 0199""#))
            #expect(changed.reason == "field-unknown")
            // A PATCH of the title: the stale value is not the client's doing.
            let patched = try await client.scim(
                .patch, "/Users/\(id)", token: fixture.token,
                body: #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "title", "value": "Lead"}]}"#)
            #expect(patched.status == .ok, "\(patched.json.map { $0.serializedString() } ?? "")")
            #expect(patched.json?["title"]?.stringValue == "Lead")
            #expect(patched.json?[Self.urn]?["deskPhone"] == nil && patched.json?[Self.urn]?["badge"]?.stringValue == "A1")
            // Writing the deleted field anew is refused.
            let refused = try await client.scim(
                .patch, "/Users/\(id)", token: fixture.token,
                body: #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": "\#(Self.urn):deskPhone", "value": "555 0100"}]}"#)
            #expect(refused.reason == "field-unknown")
        }
    }
}
