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
        guard let userName = object["userName"]?.stringValue, !userName.isBlank else {
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
        // An empty extension object says nothing, and no answer shows it
        // (`AttributeProjection`); the stored text is written as is
        // (`ListedUser`).
        for member in object where AttributeProjection.isEmptyExtension(member) {
            _ = object.removeValue(forKey: member.key)
        }
        return StoredUser(
            id: id, organizationID: organizationID, userName: userName, externalID: externalID, active: active,
            document: .object(object), version: version, created: created, lastModified: now
        )
    }

    /// The resource as clients see it: the document with `id` and `meta`.
    static func json(_ user: StoredUser, baseURL: String) -> JSON {
        var object: JSONObject = ["id": .string(user.id)]
        if case .object(let document) = user.document {
            for member in document where !isOwnedByDirectory(member.key) {
                object[member.key] = member.value
            }
        }
        object["roles"] = [["value": .string(user.role.rawValue), "type": "directory", "primary": true]]
        object["meta"] = [
            "resourceType": "User",
            "created": .string(SCIMTimestamps.format(user.created)),
            "lastModified": .string(SCIMTimestamps.format(user.lastModified)),
            "location": .string(location(baseURL, user.id)),
            "version": .string(etag(user.version)),
        ]
        return .object(object)
    }

    /// `json` of the listed user, serialized, written from the document's
    /// stored text without parsing it: the same members in the same order
    /// (ListedUserTests compare the bytes).
    static func write(_ user: ListedUser, baseURL: String, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + user.text.count + 320)
        output.append(contentsOf: #"{"id":"#.utf8)
        JSON.string(user.id).append(to: &output)
        // The document's members: its text without the braces (`{}`: none).
        if user.text.count > 2 {
            output.append(UInt8(ascii: ","))
            output.append(contentsOf: user.text.dropFirst().dropLast())
        }
        output.append(contentsOf: #","roles":[{"value":"#.utf8)
        JSON.string(user.role.rawValue).append(to: &output)
        output.append(contentsOf: #","type":"directory","primary":true}],"meta":{"resourceType":"User","created":"#.utf8)
        JSON.string(SCIMTimestamps.format(user.created)).append(to: &output)
        output.append(contentsOf: #","lastModified":"#.utf8)
        JSON.string(SCIMTimestamps.format(user.lastModified)).append(to: &output)
        output.append(contentsOf: #","location":"#.utf8)
        JSON.string(location(baseURL, user.id)).append(to: &output)
        output.append(contentsOf: #","version":"#.utf8)
        JSON.string(etag(user.version)).append(to: &output)
        output.append(contentsOf: "}}".utf8)
    }

    private static func location(_ baseURL: String, _ id: String) -> String {
        "\(baseURL)/Users/\(id)"
    }

    /// The ETag of a version (RFC 7644 §3.14), `meta.version`.
    static func etag(_ version: Int) -> String {
        "W/\"\(version)\""
    }

    /// Members the directory writes over the document: `id` and `meta`
    /// (RFC 7643 §3.1) and the read-only directory `roles`.
    static func isOwnedByDirectory(_ key: String) -> Bool {
        ASCIICaseInsensitive.equal(key, "id") || ASCIICaseInsensitive.equal(key, "meta") || ASCIICaseInsensitive.equal(key, "roles")
    }
}

/// RFC 7643 §2.3.5 dateTime values: xsd:dateTime in UTC.
enum SCIMTimestamps {
    static func format(_ date: Date) -> String {
        Timestamps.format(date)
    }
}
