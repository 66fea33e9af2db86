import SCIM

/// What the directory needs from a database. Each rule that must hold
/// across concurrent requests (unique userName, seat limit) is enforced by
/// the store in one statement or transaction, never by check-then-insert in
/// the caller.
public protocol DirectoryStore: GroupStore, DomainStore, FieldStore, OAuthStore, AddressStore {
    func createOrganization(_ organization: Organization) async throws
    func organization(id: String) async throws -> Organization?
    /// The token with this hash, its organization and the organization's
    /// rules, in one lookup: what every request starts with.
    func bearer(hash: String) async throws -> Bearer?
    /// Changes the organization's plan; returns false when there is no such
    /// organization. Lowering the seats below the active users is allowed:
    /// no one is deactivated, but no one more can be activated.
    func setPlan(_ plan: Plan, organizationID: String) async throws -> Bool

    /// Inserts the user. Throws `DirectoryError.rule(.alreadyExists, …)` when
    /// the userName key or one of its addresses is taken in the organization,
    /// `.rule(.emailInOtherOrg, …)` when an address belongs to another
    /// organization's user, and `.rule(.planLimit, …)` when the user is active
    /// and the organization has no free seat (a guarded counter:
    /// `seats_used < seat_limit`).
    func createUser(_ user: StoredUser) async throws
    /// Inserts several users in one transaction, each with the rules of
    /// `createUser` and its own outcome: one refused user does not undo the
    /// others (a savepoint each). nil in the result means created.
    func createUsers(_ users: [StoredUser]) async throws -> [(any Error)?]
    func user(id: String, organizationID: String) async throws -> StoredUser?
    /// Replaces the user if its stored version is `expectedVersion` (or any,
    /// when nil); the same uniqueness and seat rules as `createUser`.
    func replaceUser(_ user: StoredUser, expectedVersion: Int?) async throws
    /// Returns false when there was no such user. Throws `.rule(.lastOwner, …)`
    /// for the organization's last active owner (also when deactivating).
    func deleteUser(id: String, organizationID: String) async throws -> Bool
    /// Sets the password hash an administrator signs in with.
    func setPasswordHash(_ hash: String, userID: String) async throws
    func passwordHash(userID: String) async throws -> String?
    /// Users matching `query`, ordered by id, with the total count.
    func users(organizationID: String, query: ResourceQuery) async throws -> (total: Int, users: [StoredUser])
    /// The same users as `users`, each with its document's text unparsed,
    /// for a list answer with the default attributes.
    func listedUsers(organizationID: String, query: ResourceQuery) async throws -> (total: Int, users: [ListedUser])
}

extension DirectoryStore {
    /// Through `users`, serializing each document again: for a store that
    /// does not keep the text as written.
    public func listedUsers(organizationID: String, query: ResourceQuery) async throws -> (total: Int, users: [ListedUser]) {
        let (total, users) = try await users(organizationID: organizationID, query: query)
        return (total, users.map(ListedUser.init))
    }
}

/// A bearer token as a request presents it, with what it acts in.
public struct Bearer: Sendable {
    public var token: AccessTokenRecord
    public var organization: Organization
    public var rules: OrganizationRules

    public init(token: AccessTokenRecord, organization: Organization, rules: OrganizationRules) {
        self.token = token
        self.organization = organization
        self.rules = rules
    }
}

/// The part of a SCIM list request a store answers with an index, for
/// users and groups alike: at most one indexed equality, an order over one
/// column with the id as the tie-break, and a page (an offset, or the
/// position after a cursor's last resource).
public struct ResourceQuery: Sendable, Hashable {
    public enum Equality: Sendable, Hashable {
        /// The case-folded key of the resource's name: userName for users,
        /// displayName for groups.
        case nameKey(String)
        case externalID(String)
        case id(String)
        /// Users with this case-folded address (in `emails` or as userName).
        case emailKey(String)
        /// Groups with this direct member.
        case member(String)
    }

    /// The columns a store orders by; each is indexed with the organization.
    public enum SortColumn: String, Sendable, Hashable {
        case id, name, externalID, created, lastModified
    }

    /// Where a cursor left off: the last resource's sort value and id.
    public struct Position: Sendable, Hashable, Codable {
        public var key: String
        public var id: String
    }

    public var equality: Equality?
    public var sort: SortColumn
    public var ascending: Bool
    /// 1-based, as SCIM's startIndex (RFC 7644 §3.4.2.4); ignored with `after`.
    public var startIndex: Int
    /// nil: all (the caller filters further in memory).
    public var count: Int?
    public var after: Position?

    public init(
        equality: Equality? = nil, sort: SortColumn = .id, ascending: Bool = true, startIndex: Int = 1, count: Int? = nil,
        after: Position? = nil
    ) {
        self.equality = equality
        self.sort = sort
        self.ascending = ascending
        self.startIndex = startIndex
        self.count = count
        self.after = after
    }
}

extension ResourceQuery {

    /// Whether a page of `rows` rows holds every match: a first page that
    /// is not full. Then the total needs no count query.
    func isComplete(_ rows: Int) -> Bool {
        after == nil && startIndex <= 1 && rows < (count ?? Int.max)
    }

    /// Whether the answer is at most one resource and needs no count: one
    /// statement.
    var isOneStatement: Bool {
        switch equality {
        case .nameKey?, .id?: after == nil && startIndex <= 1 && (count ?? 2) > 1
        default: false
        }
    }

    /// Whether the answer is one page or at most one resource (a unique
    /// name or an id), not a scan of the organization.
    var isBounded: Bool {
        switch equality {
        case .nameKey?, .id?: true
        default: count != nil
        }
    }
}

/// SQL shared by both stores' list queries.
enum ListSQL {
    /// The ORDER BY clause: the column, then the id to break ties.
    static func orderBy(_ column: String, direction: String) -> String {
        column == "id" ? "id \(direction)" : "\(column) \(direction), id \(direction)"
    }

    /// The expression a sort column orders by; a missing externalId sorts
    /// as the empty string.
    static func sortExpression(_ column: ResourceQuery.SortColumn, nameKeyColumn: String) -> String {
        switch column {
        case .id: "id"
        case .name: nameKeyColumn
        case .externalID: "COALESCE(external_id, '')"
        case .created: "created"
        case .lastModified: "last_modified"
        }
    }
}
