import SCIM

/// How plans and reports name an object: a user by its userName, a group
/// by its displayName, as the target shows them (the anchor alone tells an
/// administrator nothing).
public enum ObjectName {
    /// The field that names objects of `kind`.
    public static func field(of kind: ObjectKind) -> String {
        kind == .user ? "userName" : "displayName"
    }

    /// The name among `fields` (a create's, or an update's when the name
    /// changed); nil when they do not set it.
    public static func of(_ kind: ObjectKind, in fields: [FieldAssignment]) -> String? {
        let field = field(of: kind)
        for assignment in fields where assignment.field == field {
            if case .json(let json) = assignment.value { return json.stringValue }
        }
        return nil
    }
}
