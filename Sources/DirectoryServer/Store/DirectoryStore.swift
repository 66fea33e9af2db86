import SCIM

/// What the directory needs from a database. Each rule that must hold
/// across concurrent requests (unique userName, seat limit) is enforced by
/// the store in one statement or transaction, never by check-then-insert in
/// the caller.
public protocol DirectoryStore: GroupStore, DomainStore, FieldStore, OAuthStore {
    func createOrganization(_ organization: Organization) async throws
    func organization(id: String) async throws -> Organization?
    /// Changes the organization's plan; returns false when there is no such
    /// organization. Lowering the seats below the active users is allowed:
    /// no one is deactivated, but no one more can be activated.
    func setPlan(_ plan: Plan, organizationID: String) async throws -> Bool

    /// Inserts the user. Throws `DirectoryError.rule(.alreadyExists, …)` when
    /// the userName key is taken in the organization, and `.rule(.planLimit, …)`
    /// when the user is active and the organization has no free seat.
    func createUser(_ user: StoredUser, seatLimit: Int) async throws
    func user(id: String, organizationID: String) async throws -> StoredUser?
    /// Replaces the user if its stored version is `expectedVersion` (or any,
    /// when nil); the same uniqueness and seat rules as `createUser`.
    func replaceUser(_ user: StoredUser, expectedVersion: Int?, seatLimit: Int) async throws
    /// Returns false when there was no such user. Throws `.rule(.lastOwner, …)`
    /// for the organization's last active owner (also when deactivating).
    func deleteUser(id: String, organizationID: String) async throws -> Bool
    /// Sets the password hash an administrator signs in with.
    func setPasswordHash(_ hash: String, userID: String) async throws
    func passwordHash(userID: String) async throws -> String?
    /// Users matching `query`, ordered by id, with the total count.
    func users(organizationID: String, query: ResourceQuery) async throws -> (total: Int, users: [StoredUser])
}

/// The part of a SCIM list request a store answers with an index, for
/// users and groups alike.
public struct ResourceQuery: Sendable, Hashable {
    public enum Equality: Sendable, Hashable {
        /// The case-folded key of the resource's name: userName for users,
        /// displayName for groups.
        case nameKey(String)
        case externalID(String)
        case id(String)
    }

    public var equality: Equality?
    /// 1-based, as SCIM's startIndex (RFC 7644 §3.4.2.4).
    public var startIndex: Int
    /// nil: all (the caller filters further in memory).
    public var count: Int?

    public init(equality: Equality? = nil, startIndex: Int = 1, count: Int? = nil) {
        self.equality = equality
        self.startIndex = startIndex
        self.count = count
    }
}

extension ResourceQuery.Equality {
    /// `NAME eq "x"`, `externalId eq "x"` or `id eq "x"` (with or without the
    /// resource's schema URN), which an index answers; nil for other filters.
    static func indexed(_ filter: SCIMFilter, nameAttribute: String, schema: String) -> Self? {
        guard case .comparison(let path, .eq, .string(let value)) = filter, path.subAttribute == nil,
              path.schema == nil || path.schema?.caseInsensitiveEquals(schema) == true
        else { return nil }
        switch path.name.lowercased() {
        case nameAttribute.lowercased(): return .nameKey(SCIMCaseFolding.key(value))
        case "externalid": return .externalID(value)
        case "id": return .id(value)
        default: return nil
        }
    }
}
