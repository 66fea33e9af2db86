public import SCIM

/// The port's writes without a version: unconditional, as every run but
/// one applying a saved plan sends them.
extension Target {
    public func update(_ kind: ObjectKind, id: String, set: [String: JSON], remove: [String]) async throws {
        try await update(kind, id: id, set: set, remove: remove, version: nil)
    }

    public func deactivate(userID: String) async throws {
        try await deactivate(userID: userID, version: nil)
    }

    public func delete(_ kind: ObjectKind, id: String) async throws {
        try await delete(kind, id: id, version: nil)
    }

    public func changeMembers(groupID: String, add: [String], remove: [String]) async throws {
        try await changeMembers(groupID: groupID, add: add, remove: remove, version: nil)
    }
}
