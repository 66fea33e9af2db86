public import SCIM
public import SyncEngine

/// Where the planner's field names go in a SCIM resource. The mapping names
/// fields as an administrator writes them (`emails`, `name.givenName`,
/// `manager`, `urn:…:Field:costCode`); the target needs RFC 7643 shapes:
/// multi-valued complex attributes (§2.4) for `emails` and `phoneNumbers`,
/// the enterprise extension (§4.3) for `employeeNumber`, `department`,
/// `manager` and the like, and extension attributes under their schema URN.
public enum SCIMFieldLayout {
    /// The enterprise extension's attributes (RFC 7643 §4.3), named short.
    static let enterprise = ["employeenumber", "costcenter", "organization", "division", "department", "manager"]

    /// The PATCH path (RFC 7644 §3.5.2, `attrPath`) and value of a field.
    public static func patch(_ field: String, _ value: JSON) -> (path: String, value: JSON) {
        let placed = place(field, value)
        return (placed.schema.map { "\($0):\(placed.path)" } ?? placed.path, placed.value)
    }

    /// Where a field goes in a resource: under an extension's schema URN
    /// (the enterprise extension's short names, or a name `urn:…:attr` split
    /// at its last colon) or at the top, and its value shaped. `patch` is
    /// the same place as one path.
    static func place(_ field: String, _ value: JSON) -> (schema: String?, path: String, value: JSON) {
        if isEnterprise(field) {
            let shaped = ASCIICaseInsensitive.equal(field, "manager") && value.stringValue != nil ? JSON.object(["value": value]) : value
            return (SCIMSchemaURN.enterpriseUser, field, shaped)
        }
        if ASCIICaseInsensitive.equal(field, "emails") { return (nil, field, multiValued(value, type: "work", primary: true)) }
        if ASCIICaseInsensitive.equal(field, "phoneNumbers") { return (nil, field, multiValued(value, type: "work", primary: false)) }
        if field.hasPrefix("urn:"), let colon = field.utf8.lastIndex(of: UInt8(ascii: ":")) {
            return (String(field[..<colon]), String(field[field.utf8.index(after: colon)...]), value)
        }
        return (nil, field, value)
    }

    /// The PATCH path of a field to remove.
    public static func path(_ field: String) -> String {
        isEnterprise(field) ? "\(SCIMSchemaURN.enterpriseUser):\(field)" : field
    }

    /// Whether a field is one of `enterprise`, compared without case and
    /// without lower-casing a copy (it is asked for every field of every create).
    static func isEnterprise(_ field: String) -> Bool {
        enterprise.contains { ASCIICaseInsensitive.equal($0, field) }
    }

    /// A resource body for a create (RFC 7644 §3.3): core attributes at the
    /// top, `a.b` as nested objects, extension attributes under their URN,
    /// and `schemas` listing the core schema and each extension used
    /// (`SCIMResourceBody`, which also writes it straight to bytes).
    public static func resource(_ kind: ObjectKind, externalID: String, fields: [String: JSON]) -> JSON {
        SCIMResourceBody(kind, externalID: externalID, fields: fields).json
    }

    /// Plain strings become `{"value": …, "type": …}`, the first one primary
    /// where the attribute has a primary (RFC 7643 §2.4).
    static func multiValued(_ value: JSON, type: String, primary: Bool) -> JSON {
        let values = value.arrayValue ?? [value]
        return .array(values.enumerated().map { index, element in
            guard let text = element.stringValue else { return element }
            var entry: JSONObject = ["value": .string(text), "type": .string(type)]
            if primary && index == 0 { entry["primary"] = .bool(true) }
            return .object(entry)
        })
    }
}
