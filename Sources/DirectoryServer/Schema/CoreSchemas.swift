import SCIM

/// RFC 7643 §4 and §8.7.1: the User, Group and Enterprise User schemas as
/// this directory implements them. `roles` is read-only here: it shows the
/// user's directory role (owner, admin, member) so a client can tell a
/// privileged account.
enum CoreSchemas {
    typealias A = SchemaAttribute

    static let user = SchemaDefinition(
        id: SCIMSchemaURN.user, name: "User", description: "User Account",
        attributes: [
            A(name: "userName", required: true, uniqueness: .server),
            A(name: "name", type: "complex", subAttributes: [
                A(name: "formatted"), A(name: "familyName"), A(name: "givenName"), A(name: "middleName"),
                A(name: "honorificPrefix"), A(name: "honorificSuffix"),
            ]),
            A(name: "displayName"), A(name: "nickName"),
            A(name: "profileUrl", type: "reference", referenceTypes: ["external"]),
            A(name: "title"), A(name: "userType"), A(name: "preferredLanguage"), A(name: "locale"), A(name: "timezone"),
            A(name: "active", type: "boolean"),
            A(name: "password", mutability: .writeOnly, returned: .never),
            .multi("emails", types: ["work", "home", "other"]),
            .multi("phoneNumbers", types: ["work", "home", "mobile", "fax", "pager", "other"]),
            .multi("ims", types: ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
            .multi("photos", types: ["photo", "thumbnail"], valueType: "reference"),
            A(name: "addresses", type: "complex", multiValued: true, subAttributes: [
                A(name: "formatted"), A(name: "streetAddress"), A(name: "locality"), A(name: "region"),
                A(name: "postalCode"), A(name: "country"),
                A(name: "type", canonicalValues: ["work", "home", "other"]), A(name: "primary", type: "boolean"),
            ]),
            A(name: "groups", type: "complex", multiValued: true, mutability: .readOnly, subAttributes: [
                A(name: "value", mutability: .readOnly),
                A(name: "$ref", type: "reference", mutability: .readOnly, referenceTypes: ["User", "Group"]),
                A(name: "display", mutability: .readOnly),
                A(name: "type", mutability: .readOnly, canonicalValues: ["direct", "indirect"]),
            ]),
            .multi("entitlements", types: []),
            A(name: "roles", type: "complex", multiValued: true, mutability: .readOnly, subAttributes: [
                A(name: "value", mutability: .readOnly, canonicalValues: ["owner", "admin", "member"]),
                A(name: "display", mutability: .readOnly), A(name: "type", mutability: .readOnly),
                A(name: "primary", type: "boolean", mutability: .readOnly),
            ]),
            .multi("x509Certificates", types: [], valueType: "binary"),
        ]
    )

    static let group = SchemaDefinition(
        id: SCIMSchemaURN.group, name: "Group", description: "Group",
        attributes: [
            A(name: "displayName", required: true, uniqueness: .server),
            A(name: "members", type: "complex", multiValued: true, subAttributes: [
                A(name: "value", caseExact: true, mutability: .immutable),
                A(name: "$ref", type: "reference", mutability: .immutable, referenceTypes: ["User", "Group"]),
                A(name: "display", mutability: .readOnly),
                A(name: "type", mutability: .immutable, canonicalValues: ["User", "Group"]),
            ]),
        ]
    )

    static let enterpriseUser = SchemaDefinition(
        id: SCIMSchemaURN.enterpriseUser, name: "EnterpriseUser", description: "Enterprise User",
        attributes: [
            A(name: "employeeNumber"), A(name: "costCenter"), A(name: "organization"), A(name: "division"), A(name: "department"),
            A(name: "manager", type: "complex", subAttributes: [
                A(name: "value", caseExact: true),
                A(name: "$ref", type: "reference", referenceTypes: ["User"]),
                A(name: "displayName", mutability: .readOnly),
            ]),
        ]
    )

    static let all = [user, group, enterpriseUser]

    /// RFC 7643 §6: the resource types served. Users carry the
    /// organization's custom-field extension when it has fields; it is
    /// required when one of them is.
    static func resourceTypes(baseURL: String, fields: [FieldRule] = []) -> [JSON] {
        var userExtensions: [JSON] = [["schema": .string(SCIMSchemaURN.enterpriseUser), "required": false]]
        if !fields.isEmpty {
            userExtensions.append(["schema": .string(CustomFields.schemaURN), "required": .bool(fields.contains(where: \.required))])
        }
        return [
            [
                "schemas": [.string(SCIMSchemaURN.resourceType)], "id": "User", "name": "User", "endpoint": "/Users",
                "description": "User Account", "schema": .string(SCIMSchemaURN.user),
                "schemaExtensions": .array(userExtensions),
                "meta": ["resourceType": "ResourceType", "location": .string("\(baseURL)/ResourceTypes/User")],
            ],
            [
                "schemas": [.string(SCIMSchemaURN.resourceType)], "id": "Group", "name": "Group", "endpoint": "/Groups",
                "description": "Group", "schema": .string(SCIMSchemaURN.group), "schemaExtensions": [],
                "meta": ["resourceType": "ResourceType", "location": .string("\(baseURL)/ResourceTypes/Group")],
            ],
        ]
    }
}
