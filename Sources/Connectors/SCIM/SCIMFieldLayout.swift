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
    static let enterprise: Set<String> = ["employeenumber", "costcenter", "organization", "division", "department", "manager"]

    /// The PATCH path (RFC 7644 §3.5.2, `attrPath`) and value of a field.
    public static func patch(_ field: String, _ value: JSON) -> (path: String, value: JSON) {
        let lower = field.lowercased()
        if enterprise.contains(lower) {
            let shaped = lower == "manager" && value.stringValue != nil ? JSON.object(["value": value]) : value
            return ("\(SCIMSchemaURN.enterpriseUser):\(field)", shaped)
        }
        switch lower {
        case "emails": return (field, multiValued(value, type: "work", primary: true))
        case "phonenumbers": return (field, multiValued(value, type: "work", primary: false))
        default: return (field, value)
        }
    }

    /// The PATCH path of a field to remove.
    public static func path(_ field: String) -> String {
        enterprise.contains(field.lowercased()) ? "\(SCIMSchemaURN.enterpriseUser):\(field)" : field
    }

    /// A resource body for a create (RFC 7644 §3.3): core attributes at the
    /// top, `a.b` as nested objects, extension attributes under their URN,
    /// and `schemas` listing the core schema and each extension used.
    public static func resource(_ kind: ObjectKind, externalID: String, fields: [String: JSON]) -> JSON {
        var body = JSONObject()
        var schemas = [kind == .user ? SCIMSchemaURN.user : SCIMSchemaURN.group]
        body["externalId"] = .string(externalID)
        for field in fields.keys.sorted() {
            guard let raw = fields[field] else { continue }
            let (path, value) = patch(field, raw)
            if let colon = path.lastIndex(of: ":"), path.hasPrefix("urn:") {
                let urn = String(path[..<colon])
                if !schemas.contains(urn) { schemas.append(urn) }
                var extensionObject = body[urn]?.objectValue ?? JSONObject()
                set(&extensionObject, path: String(path[path.index(after: colon)...]), value)
                body[urn] = .object(extensionObject)
            } else {
                set(&body, path: path, value)
            }
        }
        body["schemas"] = .array(schemas.map(JSON.string))
        return .object(body)
    }

    static func set(_ object: inout JSONObject, path: String, _ value: JSON) {
        guard let dot = path.firstIndex(of: ".") else {
            object[path] = value
            return
        }
        let head = String(path[..<dot])
        var inner = object[head]?.objectValue ?? JSONObject()
        set(&inner, path: String(path[path.index(after: dot)...]), value)
        object[head] = .object(inner)
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
