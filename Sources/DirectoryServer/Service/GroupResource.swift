import Foundation
import SCIM

/// Turns SCIM Group resources (RFC 7643 §4.2) into stored groups and back.
enum GroupResource {
    static let schema = "urn:ietf:params:scim:schemas:core:2.0:Group"

    /// The stored group and the member ids a client sent.
    static func stored(
        from body: JSON, id: String, organizationID: String, version: Int, created: Date, now: Date
    ) throws(DirectoryError) -> (StoredGroup, members: [String]?) {
        guard case .object(var object) = body else {
            throw .scim(SCIMError(status: 400, scimType: .invalidSyntax, detail: "the body must be a JSON object"))
        }
        let schemas = object["schemas"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard schemas.contains(where: { $0.caseInsensitiveEquals(schema) }) else {
            throw .scim(SCIMError(status: 400, scimType: .invalidSyntax, detail: "\"schemas\" must contain \(schema)"))
        }
        guard let displayName = object["displayName"]?.stringValue, !displayName.isBlank else {
            throw .rule(.mandatoryMissing, attribute: "displayName", detail: "displayName is required (RFC 7643 §4.2)")
        }
        var members: [String]?
        if let value = object.removeValue(forKey: "members"), !value.isUnassigned {
            members = try memberIDs(value)
        }
        let externalID = object["externalId"]?.stringValue
        _ = object.removeValue(forKey: "id")
        _ = object.removeValue(forKey: "meta")
        let group = StoredGroup(
            id: id, organizationID: organizationID, displayName: displayName, externalID: externalID,
            document: .object(object), version: version, created: created, lastModified: now
        )
        return (group, members)
    }

    /// The `value` of each member; a bare string is taken as the value.
    static func memberIDs(_ value: JSON) throws(DirectoryError) -> [String] {
        let elements: [JSON] = value.arrayValue ?? [value]
        var ids: [String] = []
        for element in elements {
            guard let id = element["value"]?.stringValue ?? element.stringValue else {
                throw .scim(SCIMError(status: 400, scimType: .invalidValue, detail: "each member needs a \"value\" with the member's id", attribute: "members"))
            }
            ids.append(id)
        }
        return ids
    }

    /// The resource as clients see it; `members` nil leaves the attribute out
    /// (asked for with excludedAttributes=members).
    static func json(_ group: StoredGroup, members: [GroupMember]?, baseURL: String) -> JSON {
        var object: JSONObject = ["id": .string(group.id)]
        if case .object(let document) = group.document {
            for member in document where !["id", "meta", "members"].contains(member.key.lowercased()) {
                object[member.key] = member.value
            }
        }
        if let members {
            object["members"] = .array(members.map { member in
                var value: JSONObject = [
                    "value": .string(member.id),
                    "$ref": .string("\(baseURL)/\(member.kind == .user ? "Users" : "Groups")/\(member.id)"),
                    "type": .string(member.kind.rawValue),
                ]
                if let display = member.display { value["display"] = .string(display) }
                return .object(value)
            })
        }
        object["meta"] = [
            "resourceType": "Group",
            "created": .string(Timestamps.format(group.created)),
            "lastModified": .string(Timestamps.format(group.lastModified)),
            "location": .string("\(baseURL)/Groups/\(group.id)"),
            "version": .string(group.etag),
        ]
        return .object(object)
    }
}
