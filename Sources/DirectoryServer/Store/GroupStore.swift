public import Foundation

/// What the directory needs from a database for groups; see `DirectoryStore`
/// for the rules on concurrency.
public protocol GroupStore: Sendable {
    /// Throws `.rule(.nameConflict, …)` when the displayName key is taken,
    /// `.rule(.invalidValue, …)` when a member id is not a user or group of
    /// the organization.
    func createGroup(_ group: StoredGroup, members: [String]) async throws
    /// Creates several groups, each all or nothing as `createGroup` (one
    /// that fails leaves the others); each one's error, or nil.
    func createGroups(_ groups: [(group: StoredGroup, members: [String])]) async throws -> [(any Error)?]
    func group(id: String, organizationID: String) async throws -> StoredGroup?
    func members(ofGroup id: String) async throws -> [GroupMember]
    /// Replaces the group's attributes, and its members when `changes` is
    /// given; bumps the version. Throws `.versionMismatch` when the stored
    /// version is not `expectedVersion`.
    func updateGroup(_ group: StoredGroup, changes: [MemberChange], expectedVersion: Int) async throws
    /// Applies member-only PATCHes of groups of one organization, in order,
    /// each all or nothing (one that fails leaves the others), bumping each
    /// group's version and setting its lastModified to `now`. Returns each
    /// patch's new version, or the error that refused it: `.notFound`,
    /// `.versionMismatch`, or an invalid member as for `updateGroup`.
    func changeMembers(_ patches: [MemberPatch], organizationID: String, now: Date) async throws -> [Result<Int, any Error>]
    func deleteGroup(id: String, organizationID: String) async throws -> Bool
    func groups(organizationID: String, query: ResourceQuery) async throws -> (total: Int, groups: [StoredGroup])
}

extension GroupStore {
    /// One by one, for stores with no cheaper way.
    public func createGroups(_ groups: [(group: StoredGroup, members: [String])]) async throws -> [(any Error)?] {
        var outcomes: [(any Error)?] = []
        for (group, members) in groups {
            do {
                try await createGroup(group, members: members)
                outcomes.append(nil)
            } catch {
                outcomes.append(error)
            }
        }
        return outcomes
    }
}
