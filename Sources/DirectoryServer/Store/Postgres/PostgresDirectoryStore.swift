import Foundation
public import Logging
import PostgresNIO
import SCIM

/// The production store: PostgreSQL, shared by any number of stateless
/// `directoryd` processes. Rules that span requests hold across processes:
/// uniqueness by unique indexes, seats by locking the organization's row for
/// the length of the transaction that counts and inserts.
public final class PostgresDirectoryStore: DirectoryStore {
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    /// Bearers read in the last second (`BearerCache`): a request needs no
    /// read of its token, organization, fields and domains when the same
    /// token came in just before. The methods that write tokens,
    /// organizations, custom fields or domains empty it once their write is
    /// done (`defer { bearers.invalidate() }`); other nodes' writes take
    /// effect within the lifetime, one second.
    let bearers: BearerCache

    /// The client's pool runs in a task of its own; the first queries may be
    /// issued before that task has started (postgres-nio then waits, and says
    /// so at warning level, hence the default level here).
    /// `bearerLifetime`: how long a bearer read stays cached, one second
    /// (`BearerCache.lifetime`); tests that must not depend on timing
    /// lengthen it.
    public init(
        url: String, logger: Logger = PostgresDirectoryStore.defaultLogger, bearerLifetime: Duration = .seconds(1)
    ) async throws {
        let target = try PostgresURL.parse(url)
        // One connection first: the pool retries a failing connection
        // quietly, while this one fails at once with the reason (a refused
        // certificate, a wrong password, no server).
        do {
            let probe = try await PostgresConnection.connect(configuration: try target.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw DirectoryError.unavailable("cannot connect to PostgreSQL at \(target.host):\(target.port): \(Self.describe(connectionFailure: error))")
        }
        let client = PostgresClient(configuration: target.clientConfiguration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.bearers = BearerCache(lifetime: bearerLifetime)
        runner = Task { await client.run() }
        try await PostgresMigrations.migrate(client, logger: logger)
    }

    deinit {
        runner.cancel()
    }

    public static var defaultLogger: Logger {
        var logger = Logger(label: "directoryd.postgres")
        logger.logLevel = .error
        return logger
    }

    // MARK: Organizations

    public func createOrganization(_ organization: Organization) async throws {
        try await client.query("""
            INSERT INTO organizations (id, name, deployment, plan_name, seat_limit, created_at)
            VALUES (\(organization.id), \(organization.name), \(organization.deployment), \(organization.plan.name),
                    \(organization.plan.seatLimit), \(Timestamps.format(organization.createdAt)))
            """, logger: logger)
    }

    public func organization(id: String) async throws -> Organization? {
        let rows = try await client.query(
            "SELECT id, name, deployment, plan_name, seat_limit, created_at FROM organizations WHERE id = \(id)", logger: logger
        )
        for try await (id, name, deployment, plan, seats, created) in rows.decode((String, String, String, String, Int, String).self) {
            return Organization(id: id, name: name, deployment: deployment, plan: Plan(name: plan, seatLimit: seats), createdAt: Timestamps.parse(created) ?? Date(timeIntervalSince1970: 0))
        }
        return nil
    }

    public func setPlan(_ plan: Plan, organizationID: String) async throws -> Bool {
        defer { bearers.invalidate() }
        let rows = try await client.query(
            "UPDATE organizations SET plan_name = \(plan.name), seat_limit = \(plan.seatLimit) WHERE id = \(organizationID) RETURNING id", logger: logger
        )
        for try await _ in rows.decode(String.self) { return true }
        return false
    }

    // MARK: Users

    static let userColumns = "id, organization_id, user_name, external_id, active, document, version, created, last_modified, role"
    typealias UserRow = (String, String, String, String?, Bool, String, Int, String, String, String)

    public func createUser(_ user: StoredUser) async throws {
        try await mappingUniqueViolation(user) {
            try await transaction { connection in try await Self.insert(user, connection, logger: logger) }
        }
    }

    public func createUsers(_ users: [StoredUser]) async throws -> [(any Error)?] {
        try await transaction { connection in
            var outcomes: [(any Error)?] = []
            for user in users {
                try await connection.query("SAVEPOINT bulk_user", logger: logger)
                do {
                    try await mappingUniqueViolation(user) { try await Self.insert(user, connection, logger: logger) }
                    try await connection.query("RELEASE SAVEPOINT bulk_user", logger: logger)
                    outcomes.append(nil)
                } catch {
                    try await connection.query("ROLLBACK TO SAVEPOINT bulk_user", logger: logger)
                    outcomes.append(error)
                }
            }
            return outcomes
        }
    }

    private static func insert(_ user: StoredUser, _ connection: PostgresConnection, logger: Logger) async throws {
        try await checkUnique(connection, user, logger: logger)
        if user.active { try await takeSeat(connection, user.organizationID, logger: logger) }
        try await connection.query("""
            INSERT INTO users (id, organization_id, user_name, user_name_key, external_id, active, document, version, created, last_modified, role)
            VALUES (\(user.id), \(user.organizationID), \(user.userName), \(user.userNameKey), \(user.externalID), \(user.active),
                    \(user.document.serializedString()), \(user.version), \(Timestamps.format(user.created)), \(Timestamps.format(user.lastModified)),
                    \(user.role.rawValue))
            """, logger: logger)
        try await claimEmails(connection, user, logger: logger)
    }

    public func user(id: String, organizationID: String) async throws -> StoredUser? {
        let rows = try await client.query(
            "SELECT \(unescaped: Self.userColumns) FROM users WHERE id = \(id) AND organization_id = \(organizationID)", logger: logger
        )
        for try await row in rows.decode(UserRow.self) { return try Self.user(row) }
        return nil
    }

    public func replaceUser(_ user: StoredUser, expectedVersion: Int?) async throws {
        try await mappingUniqueViolation(user) {
            try await transaction { connection in
                let rows = try await connection.query(
                    "SELECT version, active, role FROM users WHERE id = \(user.id) AND organization_id = \(user.organizationID) FOR UPDATE", logger: logger
                )
                var current: (Int, Bool, String)?
                for try await row in rows.decode((Int, Bool, String).self) { current = row }
                guard let (version, wasActive, role) = current else { throw DirectoryError.notFound(resource: "User", id: user.id) }
                if let expectedVersion, expectedVersion != version { throw DirectoryError.versionMismatch(id: user.id) }
                if wasActive, !user.active, role == DirectoryRole.owner.rawValue {
                    try await Self.lockOrganization(connection, user.organizationID, logger: logger)
                    try await Self.checkNotLastOwner(connection, userID: user.id, organizationID: user.organizationID, logger: logger)
                }
                try await Self.checkUnique(connection, user, logger: logger)
                if user.active, !wasActive { try await Self.takeSeat(connection, user.organizationID, logger: logger) }
                if !user.active, wasActive { try await Self.freeSeat(connection, user.organizationID, logger: logger) }
                try await Self.claimEmails(connection, user, logger: logger)
                try await connection.query("""
                    UPDATE users SET user_name = \(user.userName), user_name_key = \(user.userNameKey), external_id = \(user.externalID),
                        active = \(user.active), document = \(user.document.serializedString()), version = \(user.version),
                        last_modified = \(Timestamps.format(user.lastModified))
                    WHERE id = \(user.id) AND organization_id = \(user.organizationID)
                    """, logger: logger)
            }
        }
    }

    public func deleteUser(id: String, organizationID: String) async throws -> Bool {
        try await transaction { connection in
            var activeRole: String?
            let roles = try await connection.query(
                "SELECT role FROM users WHERE id = \(id) AND organization_id = \(organizationID) AND active FOR UPDATE", logger: logger
            )
            for try await role in roles.decode(String.self) { activeRole = role }
            if activeRole == DirectoryRole.owner.rawValue {
                try await Self.lockOrganization(connection, organizationID, logger: logger)
                try await Self.checkNotLastOwner(connection, userID: id, organizationID: organizationID, logger: logger)
            }
            var deleted = false
            let rows = try await connection.query("DELETE FROM users WHERE id = \(id) AND organization_id = \(organizationID) RETURNING id", logger: logger)
            for try await _ in rows.decode(String.self) { deleted = true }
            if deleted, activeRole != nil { try await Self.freeSeat(connection, organizationID, logger: logger) }
            if deleted { try await connection.query("DELETE FROM group_members WHERE member_id = \(id)", logger: logger) }
            return deleted
        }
    }

    public func setPasswordHash(_ hash: String, userID: String) async throws {
        try await client.query("""
            INSERT INTO user_credentials (user_id, password_hash) VALUES (\(userID), \(hash))
            ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash
            """, logger: logger)
    }

    public func passwordHash(userID: String) async throws -> String? {
        let rows = try await client.query("SELECT password_hash FROM user_credentials WHERE user_id = \(userID)", logger: logger)
        for try await hash in rows.decode(String.self) { return hash }
        return nil
    }

    public func users(organizationID: String, query: ResourceQuery) async throws -> (total: Int, users: [StoredUser]) {
        let queries = Self.listQueries(columns: Self.userColumns, table: "users", nameKeyColumn: "user_name_key", organizationID: organizationID, query: query)
        var users: [StoredUser] = []
        for try await row in try await client.query(queries.page, logger: logger).decode(UserRow.self) { users.append(try Self.user(row)) }
        let total = query.isComplete(users.count) ? users.count : try await count(queries.count)
        return (total, users)
    }

    /// The count and page queries for rows of `table` in one organization
    /// in the query's order (the id breaks ties), with at most one indexed
    /// equality; the count is before the page and the cursor position.
    static func listQueries(
        columns: String, table: String, nameKeyColumn: String, organizationID: String, query: ResourceQuery
    ) -> (count: PostgresQuery, page: PostgresQuery) {
        var bindings = PostgresBindings()
        func bind(_ value: String) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        var condition = "organization_id = \(bind(organizationID))"
        switch query.equality {
        case .nameKey(let key)?: condition += " AND \(nameKeyColumn) = \(bind(key))"
        case .externalID(let value)?: condition += " AND external_id = \(bind(value))"
        case .id(let value)?: condition += " AND id = \(bind(value))"
        case .emailKey(let key)?: condition += " AND id IN (SELECT user_id FROM user_emails WHERE email_key = \(bind(key)))"
        case .member(let member)?: condition += " AND id IN (SELECT group_id FROM group_members WHERE member_id = \(bind(member)))"
        case nil: break
        }
        let count = PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) WHERE \(condition)", binds: bindings)
        let column = ListSQL.sortExpression(query.sort, nameKeyColumn: nameKeyColumn)
        let direction = query.ascending ? "ASC" : "DESC"
        if let after = query.after {
            let comparison = query.ascending ? ">" : "<"
            let key = bind(after.key)
            condition += " AND (\(column) \(comparison) \(key) OR (\(column) = \(key) AND id \(comparison) \(bind(after.id))))"
        }
        let limit = query.count ?? Int(Int32.max)
        let offset = query.after == nil ? max(query.startIndex - 1, 0) : 0
        let page = PostgresQuery(
            unsafeSQL: "SELECT \(columns) FROM \(table) WHERE \(condition) ORDER BY \(ListSQL.orderBy(column, direction: direction)) LIMIT \(limit) OFFSET \(offset)",
            binds: bindings
        )
        return (count, page)
    }

    func count(_ query: PostgresQuery) async throws -> Int {
        for try await value in try await client.query(query, logger: logger).decode(Int.self) { return value }
        return 0
    }

    /// A transaction whose closure's own error comes out as it was thrown
    /// (postgres-nio wraps it in a PostgresTransactionError).
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.rollbackError ?? error.beginError ?? error.commitError ?? error
        }
    }

    // MARK: Rules

    /// Serialises the writes of one organization that check a rule (seats,
    /// names): concurrent requests, from any process, take turns here.
    static func lockOrganization(_ connection: PostgresConnection, _ id: String, logger: Logger) async throws {
        try await connection.query("SELECT id FROM organizations WHERE id = \(id) FOR UPDATE", logger: logger)
    }

    private static func checkUnique(_ connection: PostgresConnection, _ user: StoredUser, logger: Logger) async throws {
        let rows = try await connection.query("""
            SELECT id FROM users WHERE organization_id = \(user.organizationID) AND user_name_key = \(user.userNameKey) AND id <> \(user.id)
            """, logger: logger)
        for try await existing in rows.decode(String.self) {
            throw DirectoryError.rule(.alreadyExists, attribute: "userName", detail: "userName \"\(user.userName)\" is already taken in this organization", existingID: existing)
        }
    }

    /// An organization keeps at least one active owner, or nobody could
    /// administer it any more.
    private static func checkNotLastOwner(_ connection: PostgresConnection, userID: String, organizationID: String, logger: Logger) async throws {
        let rows = try await connection.query(
            "SELECT count(*) FROM users WHERE organization_id = \(organizationID) AND role = 'owner' AND active AND id <> \(userID)", logger: logger
        )
        var others = 0
        for try await value in rows.decode(Int.self) { others = value }
        if others == 0 {
            throw DirectoryError.rule(.lastOwner, attribute: "active", detail: "this is the organization's last active owner; make another user an owner first")
        }
    }

    /// The unique index is the last word: a violation it reports (another
    /// process won a race) becomes the same error the check gives.
    private func mappingUniqueViolation(_ user: StoredUser, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DirectoryError.rule(.alreadyExists, attribute: "userName", detail: "userName \"\(user.userName)\" is already taken in this organization")
        }
    }

    private static func user(_ row: UserRow) throws -> StoredUser {
        let (id, organization, userName, externalID, active, document, version, created, modified, role) = row
        return StoredUser(
            id: id, organizationID: organization, userName: userName, externalID: externalID, active: active,
            role: DirectoryRole(rawValue: role) ?? .member,
            document: try JSON(parsing: document), version: version,
            created: Timestamps.parse(created) ?? Date(timeIntervalSince1970: 0), lastModified: Timestamps.parse(modified) ?? Date(timeIntervalSince1970: 0)
        )
    }
}

