import Foundation
import SCIM

/// Turns SCIM User resources (RFC 7643 §4.1) into stored users and back.
enum UserResource {
    static let schema = "urn:ietf:params:scim:schemas:core:2.0:User"
    static let enterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    /// Checks a body sent by a client and builds the stored user. `id` and
    /// `meta` in the body are ignored (RFC 7643 §3.1: the service provider
    /// assigns them).
    static func stored(
        from body: JSON, id: String, organizationID: String, version: Int, created: Date, now: Date
    ) throws(DirectoryError) -> StoredUser {
        guard case .object(var object) = body else {
            throw .scim(SCIMError(status: 400, scimType: .invalidSyntax, detail: "the body must be a JSON object"))
        }
        let schemas = object["schemas"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard schemas.contains(where: { $0.caseInsensitiveEquals(schema) }) else {
            throw .scim(SCIMError(status: 400, scimType: .invalidSyntax, detail: "\"schemas\" must contain \(schema)"))
        }
        guard let userName = object["userName"]?.stringValue, !userName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .rule(.mandatoryMissing, attribute: "userName", detail: "userName is required (RFC 7643 §4.1.1)")
        }
        var externalID: String?
        if let value = object["externalId"], !value.isUnassigned {
            guard let text = value.stringValue else {
                throw .scim(SCIMError(status: 400, scimType: .invalidValue, detail: "externalId must be a string", attribute: "externalId"))
            }
            externalID = text
        }
        var active = true
        if let value = object["active"], !value.isUnassigned {
            // Entra ID sends booleans as the strings "True" and "False".
            switch value {
            case .bool(let flag): active = flag
            case .string(let text) where text.lowercased() == "true": active = true
            case .string(let text) where text.lowercased() == "false": active = false
            default:
                throw .scim(SCIMError(status: 400, scimType: .invalidValue, detail: "active must be a boolean", attribute: "active"))
            }
            object["active"] = .bool(active)
        }
        _ = object.removeValue(forKey: "id")
        _ = object.removeValue(forKey: "meta")
        // Read-only (RFC 7643 §2.2): the directory role is not the client's to set.
        _ = object.removeValue(forKey: "roles")
        return StoredUser(
            id: id, organizationID: organizationID, userName: userName, externalID: externalID, active: active,
            document: .object(object), version: version, created: created, lastModified: now
        )
    }

    /// The resource as clients see it: the document with `id` and `meta`.
    static func json(_ user: StoredUser, baseURL: String) -> JSON {
        var object: JSONObject = ["id": .string(user.id)]
        if case .object(let document) = user.document {
            for member in document where !["id", "meta", "roles"].contains(member.key.lowercased()) {
                object[member.key] = member.value
            }
        }
        object["roles"] = [["value": .string(user.role.rawValue), "type": "directory", "primary": true]]
        object["meta"] = [
            "resourceType": "User",
            "created": .string(SCIMTimestamps.format(user.created)),
            "lastModified": .string(SCIMTimestamps.format(user.lastModified)),
            "location": .string("\(baseURL)/Users/\(user.id)"),
            "version": .string(user.etag),
        ]
        return .object(object)
    }
}

/// RFC 7643 §2.3.5 dateTime values: xsd:dateTime in UTC.
enum SCIMTimestamps {
    static func format(_ date: Date) -> String {
        Timestamps.format(date)
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
