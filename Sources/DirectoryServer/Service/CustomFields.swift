import Foundation
import SCIM

/// The organization's custom fields on users: one schema extension whose
/// attributes are the fields (RFC 7643 §3.3), validated with the shared
/// `FieldValidator`, so the agent's checks before sending are the same.
enum CustomFields {
    static let schemaURN = SCIMSchemaURN.directorySyncUser

    /// Checks the user's custom field values and stores them normalised.
    /// A value for a field that does not exist (or no longer does) is
    /// `field-unknown`; a rule broken is its own reason (`mandatory-missing`,
    /// `too-long`, `invalid-value`, `invalid-email`).
    ///
    /// A deleted field's value the user already holds (`current`) and the
    /// write leaves as it was (a PATCH of other attributes, a PUT of what a
    /// GET returned) is dropped, not refused: the client did not send it.
    static func apply(to user: inout StoredUser, rules: [FieldRule], current: StoredUser? = nil) throws {
        guard case .object(var document) = user.document else { return }
        let stored = document.storedKey(for: schemaURN)
        // An organization without custom fields, and a user without the
        // extension (most): nothing to check or change.
        if rules.isEmpty, stored == nil, let schemas = document["schemas"]?.arrayValue,
           !schemas.contains(where: { $0.stringValue?.caseInsensitiveEquals(schemaURN) == true }) {
            return
        }
        let key = stored ?? schemaURN
        let values = document[key]?.objectValue ?? JSONObject()
        let held = current.flatMap { current -> JSONObject? in
            guard case .object(let stored) = current.document else { return nil }
            return stored[stored.storedKey(for: schemaURN) ?? schemaURN]?.objectValue
        }
        for member in values where !rules.contains(where: { $0.nameKey == member.key.lowercased() }) {
            if let held, held[member.key] == member.value { continue }
            throw DirectoryError.rule(
                .fieldUnknown, attribute: "\(schemaURN):\(member.key)",
                detail: "the organization has no custom field named \(member.key) (it may have been deleted)"
            )
        }
        var normalized = JSONObject()
        for rule in rules {
            do {
                if let value = try FieldValidator.validate(values[rule.name], against: rule) { normalized[rule.name] = value }
            } catch {
                throw DirectoryError.scim(error.scimError)
            }
        }
        var schemas = document["schemas"]?.arrayValue ?? []
        schemas.removeAll { $0.stringValue?.caseInsensitiveEquals(schemaURN) == true }
        _ = document.removeValue(forKey: key)
        if !normalized.isEmpty {
            document[schemaURN] = .object(normalized)
            schemas.append(.string(schemaURN))
        }
        document["schemas"] = .array(schemas)
        user.document = .object(document)
    }

    /// The extension's schema resource, for /Schemas.
    static func schema(_ rules: [FieldRule], baseURL: String) -> JSON {
        [
            "schemas": [.string(SCIMSchemaURN.schema)],
            "id": .string(schemaURN),
            "name": "OrganizationFields",
            "description": "The organization's custom fields",
            "attributes": .array(rules.map(\.schemaAttribute)),
            "meta": ["resourceType": "Schema", "location": .string("\(baseURL)/Schemas/\(schemaURN)")],
        ]
    }
}
