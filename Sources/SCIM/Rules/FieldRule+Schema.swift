/// A field rule as a SCIM attribute definition (RFC 7643 §7), the way the
/// directory publishes an organization's custom fields in `/Schemas` and
/// the agent reads them back.
///
/// SCIM's characteristics carry what they can: `type` (`decimal` for
/// numbers, `reference` with `referenceTypes: ["external"]` for URLs,
/// `string` for the rest; dates are strings because SCIM's `dateTime` needs
/// a time), `multiValued`, `required`, `canonicalValues`. The vendor
/// extension `SCIMSchemaURN.directorySyncField` carries the rest:
///
/// ```json
/// "urn:ietf:params:scim:schemas:extension:directorysync:2.0:Field": {
///   "kind": "phone", "maxLength": 40
/// }
/// ```
extension FieldRule {
    public var schemaAttribute: JSON {
        var object = JSONObject()
        object.set("name", .string(name))
        switch kind {
        case .number:
            object.set("type", "decimal")
        case .url:
            object.set("type", "reference")
            object.set("referenceTypes", ["external"])
        default:
            object.set("type", "string")
        }
        object.set("multiValued", .bool(multiValued))
        object.set("required", .bool(required))
        if kind == .pickList {
            object.set("canonicalValues", .array(canonicalValues.map(JSON.string)))
        }
        object.set("caseExact", false)
        object.set("mutability", "readWrite")
        object.set("returned", "default")
        object.set("uniqueness", "none")
        var vendor = JSONObject()
        vendor.set("kind", .string(kind.rawValue))
        vendor.set("maxLength", maxLength.map { .number(Double($0)) })
        object.set(SCIMSchemaURN.directorySyncField, .object(vendor))
        return .object(object)
    }

    /// Reads an attribute definition. Without the vendor extension (another
    /// service provider's schema) the kind is inferred from SCIM's type:
    /// `decimal`/`integer` → number, `reference` → URL, a string with
    /// canonical values → pick list, other strings → text. `nil` for
    /// definitions that are not fields (complex attributes, booleans).
    public init?(schemaAttribute json: JSON) {
        guard case .string(let name)? = json["name"], case .string(let type)? = json["type"] else { return nil }
        let canonical = json["canonicalValues"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let vendor = json[SCIMSchemaURN.directorySyncField]
        var kind: Kind
        switch type.lowercased() {
        case "decimal", "integer": kind = .number
        case "reference": kind = .url
        case "string": kind = canonical.isEmpty ? .text : .pickList
        default: return nil
        }
        if let declared = vendor?["kind"]?.stringValue.flatMap(Kind.init(rawValue:)) {
            kind = declared
        }
        self.init(
            name: name,
            kind: kind,
            maxLength: vendor?["maxLength"]?.intValue,
            required: json["required"]?.boolValue ?? false,
            multiValued: json["multiValued"]?.boolValue ?? false,
            canonicalValues: canonical
        )
    }
}
