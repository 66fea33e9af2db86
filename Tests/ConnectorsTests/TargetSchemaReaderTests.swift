import Connectors
import SCIM
import SyncEngine
import Testing

/// `/Schemas`, `/ResourceTypes` and `/ServiceProviderConfig` answers into
/// the rules the planner checks with.
@Suite struct TargetSchemaReaderTests {
    static func attribute(_ name: String, type: String = "string", required: Bool = false, multiValued: Bool = false,
                          mutability: String = "readWrite", sub: [JSON] = []) -> JSON {
        var object: JSONObject = [
            "name": .string(name), "type": .string(type), "required": .bool(required), "multiValued": .bool(multiValued),
            "mutability": .string(mutability),
        ]
        if !sub.isEmpty { object["subAttributes"] = .array(sub) }
        return .object(object)
    }

    static func schema(_ id: String, _ attributes: [JSON]) -> JSON {
        ["id": .string(id), "attributes": .array(attributes)]
    }

    static let core = schema(SCIMSchemaURN.user, [
        attribute("userName", required: true),
        attribute("name", type: "complex", sub: [attribute("givenName"), attribute("familyName")]),
        attribute("title"),
        attribute("emails", type: "complex", multiValued: true, sub: [attribute("value")]),
        attribute("roles", type: "complex", multiValued: true, mutability: "readOnly"),
    ])
    static let group = schema(SCIMSchemaURN.group, [attribute("displayName", required: true)])
    static let enterprise = schema(SCIMSchemaURN.enterpriseUser, [
        attribute("department"), attribute("manager", type: "complex", sub: [attribute("value")]),
    ])

    @Test func directorydsCustomFieldsWithTheirVendorRules() throws {
        let custom = Self.schema(SCIMSchemaURN.directorySyncUser, [
            FieldRule(name: "office", kind: .text, maxLength: 64).schemaAttribute,
            FieldRule(name: "level", kind: .pickList, canonicalValues: ["Junior", "Senior"]).schemaAttribute,
        ])
        let types: [JSON] = [
            ["endpoint": "/Users", "schema": .string(SCIMSchemaURN.user), "schemaExtensions": [
                ["schema": .string(SCIMSchemaURN.enterpriseUser)], ["schema": .string(SCIMSchemaURN.directorySyncUser)],
            ]],
            ["endpoint": "/Groups", "schema": .string(SCIMSchemaURN.group), "schemaExtensions": []],
        ]
        let config: JSON = [SCIMSchemaURN.directorySyncOrganization: ["verifiedDomains": ["Corp.Test", "example.org"]]]
        let schema = TargetSchemaReader.schema(
            schemas: [Self.core, Self.group, Self.enterprise, custom], resourceTypes: types, serviceProviderConfig: config)
        let office = "\(SCIMSchemaURN.directorySyncUser):office"
        #expect(schema.resolve("office", kind: .user) == office)
        #expect(schema.resolve(office.uppercased(), kind: .user) == office)
        #expect(schema.resolve("Department", kind: .user) == "department")
        #expect(schema.resolve("manager", kind: .user) == "manager")
        #expect(schema.resolve("name.givenName", kind: .user) == "name.givenName")
        #expect(schema.resolve("title", kind: .user) == "title")
        #expect(schema.resolve("roles", kind: .user) == nil)
        #expect(schema.resolve("office", kind: .group) == nil)
        #expect(schema.resolve("displayName", kind: .group) == "displayName")
        let rule = try #require(schema.userRules.first { $0.name == office })
        #expect(rule.kind == .text && rule.maxLength == 64)
        #expect(schema.userRules.first { $0.name.hasSuffix(":level") }?.canonicalValues == ["Junior", "Senior"])
        // The standard rules stay first (userName's length, a valid email).
        #expect(schema.userRules.prefix(3).map(\.name) == ["userName", "emails", "phoneNumbers"])
        #expect(schema.verifiedDomains == ["corp.test", "example.org"])
    }

    @Test func anotherProvidersSchemaWithoutResourceTypesOrVendorExtensions() {
        let badge = Self.schema("urn:example:params:scim:schemas:extension:acme:1.0:User", [
            Self.attribute("badge", type: "integer"), Self.attribute("title"),
        ])
        let schema = TargetSchemaReader.schema(
            schemas: [Self.core, Self.group, badge], resourceTypes: [], serviceProviderConfig: ["bulk": ["supported": false]])
        let written = "urn:example:params:scim:schemas:extension:acme:1.0:User:badge"
        #expect(schema.resolve("badge", kind: .user) == written)
        // A core attribute of the same name keeps the bare name.
        #expect(schema.resolve("title", kind: .user) == "title")
        #expect(schema.userRules.first { $0.name == written }?.kind == .number)
        #expect(schema.verifiedDomains == nil)
    }

    @Test func aTargetWithoutSchemasIsNotChecked() {
        let schema = TargetSchemaReader.schema(schemas: [], resourceTypes: [], serviceProviderConfig: nil)
        #expect(schema == .standard)
        #expect(schema.resolve("anything", kind: .user) == "anything")
    }
}
