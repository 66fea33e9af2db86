import SCIM

/// One attribute definition in the form of RFC 7643 §7, built compactly so
/// the core schemas below read like the RFC's tables.
struct SchemaAttribute: Sendable {
    enum Mutability: String, Sendable { case readOnly, readWrite, immutable, writeOnly }
    enum Returned: String, Sendable { case always, never, `default`, request }
    enum Uniqueness: String, Sendable { case none, server, global }

    var name: String
    var type: String = "string"
    var multiValued = false
    var required = false
    var caseExact = false
    var mutability: Mutability = .readWrite
    var returned: Returned = .default
    var uniqueness: Uniqueness = .none
    var canonicalValues: [String] = []
    var referenceTypes: [String] = []
    var subAttributes: [SchemaAttribute] = []

    var json: JSON {
        var object: JSONObject = [
            "name": .string(name),
            "type": .string(type),
            "multiValued": .bool(multiValued),
            "description": .string(name),
            "required": .bool(required),
            "mutability": .string(mutability.rawValue),
            "returned": .string(returned.rawValue),
        ]
        if type == "string" || type == "reference" || type == "binary" {
            object["caseExact"] = .bool(caseExact)
            object["uniqueness"] = .string(uniqueness.rawValue)
        }
        if !canonicalValues.isEmpty { object["canonicalValues"] = .array(canonicalValues.map(JSON.string)) }
        if !referenceTypes.isEmpty { object["referenceTypes"] = .array(referenceTypes.map(JSON.string)) }
        if !subAttributes.isEmpty { object["subAttributes"] = .array(subAttributes.map(\.json)) }
        return .object(object)
    }

    /// A multi-valued complex attribute with the usual value/display/type/primary.
    static func multi(_ name: String, types: [String], valueType: String = "string") -> SchemaAttribute {
        SchemaAttribute(name: name, type: "complex", multiValued: true, subAttributes: [
            SchemaAttribute(name: "value", type: valueType),
            SchemaAttribute(name: "display"),
            SchemaAttribute(name: "type", canonicalValues: types),
            SchemaAttribute(name: "primary", type: "boolean"),
        ])
    }
}

/// A schema resource (RFC 7643 §7).
struct SchemaDefinition: Sendable {
    var id: String
    var name: String
    var description: String
    var attributes: [SchemaAttribute]

    func json(baseURL: String) -> JSON {
        [
            "schemas": [.string(SCIMSchemaURN.schema)],
            "id": .string(id),
            "name": .string(name),
            "description": .string(description),
            "attributes": .array(attributes.map(\.json)),
            "meta": ["resourceType": "Schema", "location": .string("\(baseURL)/Schemas/\(id)")],
        ]
    }
}
