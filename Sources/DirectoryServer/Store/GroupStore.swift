/// What the directory needs from a database for groups; see `DirectoryStore`
/// for the rules on concurrency.
public protocol GroupStore: Sendable {
    /// Throws `.rule(.nameConflict, …)` when the displayName key is taken,
    /// `.rule(.invalidValue, …)` when a member id is not a user or group of
    /// the organization.
    func createGroup(_ group: StoredGroup, members: [String]) async throws
    func group(id: String, organizationID: String) async throws -> StoredGroup?
    func members(ofGroup id: String) async throws -> [GroupMember]
    /// Replaces the group's attributes, and its members when `changes` is
    /// given; bumps the version. Throws `.versionMismatch` when the stored
    /// version is not `expectedVersion`.
    func updateGroup(_ group: StoredGroup, changes: [MemberChange], expectedVersion: Int) async throws
    func deleteGroup(id: String, organizationID: String) async throws -> Bool
    func groups(organizationID: String, query: ResourceQuery) async throws -> (total: Int, groups: [StoredGroup])
}
