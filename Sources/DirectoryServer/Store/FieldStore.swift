public import SCIM

/// The organization's custom fields, kept as `FieldRule`s.
public protocol FieldStore: Sendable {
    /// Throws `.invalidArgument` when a field of that name (ignoring case) exists.
    func addField(_ rule: FieldRule, organizationID: String) async throws
    /// Replaces the field's rule; false when there is no such field.
    func updateField(_ rule: FieldRule, organizationID: String) async throws -> Bool
    func deleteField(_ name: String, organizationID: String) async throws -> Bool
    func fields(organizationID: String) async throws -> [FieldRule]
}
