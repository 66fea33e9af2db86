import Foundation
import GRDB
import SCIM

/// The embedded store: one SQLite file in WAL mode (readers never wait for
/// the writer), `synchronous=NORMAL` (durable across process crashes; a power
/// loss may lose the last transactions, never corrupt).
public final class SQLiteDirectoryStore: DirectoryStore {
    let pool: DatabasePool
    /// Single creates that arrive together share a transaction.
    let creates: GroupCommit<UserRow>
    /// Point reads and bounded pages, on the calling thread.
    let readers: SQLiteReaders
    /// WAL checkpoints beside the writer, not in it.
    let checkpointer: SQLiteCheckpointer
    /// Bearers read in the last second; emptied by every committed change
    /// to what they are read from (`SQLiteBearerInvalidation`).
    let bearers: BearerCache

    /// `bearerLifetime`: how long a bearer read stays cached, one second
    /// (`BearerCache`); tests that must not depend on timing lengthen it.
    public init(path: String, bearerLifetime: Duration = .seconds(1)) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.executeCached(sql: "PRAGMA synchronous = NORMAL")
        }
        var writing = configuration
        writing.prepareDatabase { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(SQLiteCheckpointer.writerBackstop)")
            // The savepoint of each user in a batch keeps the pages it
            // changes in a sub-journal; past 64 KiB SQLite spills that to a
            // temporary file, written, closed and deleted with every batch.
            // In memory it is a copy (a batch of 1,000 users: a few MB).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let pool = try DatabasePool(path: path, configuration: writing)
        try SQLiteMigrations.migrator.migrate(pool)
        let bearers = BearerCache(lifetime: bearerLifetime)
        pool.add(transactionObserver: SQLiteBearerInvalidation(cache: bearers), extent: .databaseLifetime)
        pool.add(transactionObserver: try SQLiteFileIdentity(path: path), extent: .databaseLifetime)
        self.bearers = bearers
        self.pool = pool
        readers = SQLiteReaders(path: path, configuration: configuration)
        checkpointer = try SQLiteCheckpointer(path: path, configuration: configuration)
        creates = GroupCommit { users, done in
            pool.asyncWrite({ db in try Self.insert(users, db) }, completion: { _, outcomes in done(outcomes) })
        }
    }

    // Every access to the pool is asynchronous. GRDB's synchronous
    // `read`/`write` on a Swift concurrency thread would block it while
    // waiting for a connection, and an asynchronous access releases its
    // connection only when it resumes on such a thread: with every thread
    // waiting, that is a deadlock (seen under 8 concurrent clients in
    // scripts/bench-directoryd). Short reads go through `readers`, which
    // never wait for a connection.

    // MARK: Organizations

    public func createOrganization(_ organization: Organization) async throws {
        try await pool.write { db in
            try db.executeCached(sql: "INSERT INTO organizations (id, name, deployment, plan_name, seat_limit, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [organization.id, organization.name, organization.deployment, organization.plan.name,
                            organization.plan.seatLimit, SQLiteDates.format(organization.createdAt)]
            )
        }
    }

    public func organization(id: String) async throws -> Organization? {
        try readers.readOne { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM organizations WHERE id = ?", arguments: [id]).map { row in
                Organization(
                    id: row["id"], name: row["name"], deployment: row["deployment"],
                    plan: Plan(name: row["plan_name"], seatLimit: row["seat_limit"]),
                    createdAt: SQLiteDates.parse(row["created_at"])
                )
            }
        }
    }

    public func setPlan(_ plan: Plan, organizationID: String) async throws -> Bool {
        try await pool.write { db in
            try db.executeCached(sql: "UPDATE organizations SET plan_name = ?, seat_limit = ? WHERE id = ?",
                arguments: [plan.name, plan.seatLimit, organizationID]
            )
            return db.changesCount > 0
        }
    }

    // MARK: Users

    public func createUser(_ user: StoredUser) async throws {
        try await creates.submit(UserRow(user))
    }

    public func createUsers(_ users: [StoredUser]) async throws -> [(any Error)?] {
        try await Self.createUsers(users, in: pool)
    }

    static func createUsers(_ users: [StoredUser], in pool: DatabasePool) async throws -> [(any Error)?] {
        let rows = users.map(UserRow.init)
        return try await pool.write { db in try Self.insert(rows, db) }
    }

    /// Inserts each user in a savepoint of its own: a user that breaks a
    /// rule fails alone. Returns each user's outcome; the seats taken are
    /// counted in memory and written once (see `SeatLedger`).
    private static func insert(_ rows: [UserRow], _ db: Database) throws -> [(any Error)?] {
        var seats = SeatLedger()
        let outcomes = rows.map { row -> (any Error)? in
            let user = row.user
            do {
                var counted: (used: Int, limit: Int)?
                try db.inSavepoint {
                    try Self.insert(row, db) { counted = try seats.check(db, organizationID: user.organizationID) }
                    return .commit
                }
                if let counted { seats.take(organizationID: user.organizationID, counted: counted) }
                return nil
            } catch {
                return error
            }
        }
        try seats.write(db)
        return outcomes
    }

    /// Inserts one user; `takeSeat` checks (and takes) the seat of an
    /// active user, after the userName check as for every other write.
    private static func insert(_ row: UserRow, _ db: Database, takeSeat: () throws -> Void) throws {
        let user = row.user
        try Self.checkUnique(db, user)
        // The seat and the insert share the write transaction, and SQLite
        // has one writer: no other create can slip in between.
        if user.active { try takeSeat() }
        try db.executeCached(
            sql: """
                INSERT INTO users (id, organization_id, user_name, user_name_key, external_id, active, document, version, created, last_modified, role)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [user.id, user.organizationID, user.userName, user.userNameKey, user.externalID, user.active,
                        row.document, user.version, SQLiteDates.format(user.created), SQLiteDates.format(user.lastModified),
                        user.role.rawValue]
        )
        try Self.claimEmails(db, user, keys: row.emailKeys, replacing: false)
    }

    public func user(id: String, organizationID: String) async throws -> StoredUser? {
        try readers.readOne { db in
            try Row.fetchOne(cached: db, sql: "SELECT \(Self.userColumns) FROM users WHERE id = ? AND organization_id = ?", arguments: [id, organizationID])
                .map(Self.user(from:))
        }
    }

    public func replaceUser(_ user: StoredUser, expectedVersion: Int?) async throws {
        try await pool.write { db in
            guard let current = try Row.fetchOne(cached: db, sql: "SELECT version, active, role FROM users WHERE id = ? AND organization_id = ?",
                arguments: [user.id, user.organizationID]
            ) else {
                throw DirectoryError.notFound(resource: "User", id: user.id)
            }
            let version: Int = current["version"]
            if let expectedVersion, expectedVersion != version { throw DirectoryError.versionMismatch(id: user.id) }
            try Self.checkUnique(db, user)
            let wasActive: Bool = current["active"]
            let role = DirectoryRole(rawValue: current["role"]) ?? .member
            if wasActive, !user.active, role == .owner {
                try Self.checkNotLastOwner(db, userID: user.id, organizationID: user.organizationID)
            }
            if user.active, !wasActive { try Self.takeSeat(db, organizationID: user.organizationID) }
            if !user.active, wasActive { try Self.freeSeat(db, organizationID: user.organizationID) }
            try Self.claimEmails(db, user, replacing: true)
            try db.executeCached(sql: """
                    UPDATE users SET user_name = ?, user_name_key = ?, external_id = ?, active = ?, document = ?,
                        version = ?, last_modified = ? WHERE id = ? AND organization_id = ?
                    """,
                arguments: [user.userName, user.userNameKey, user.externalID, user.active, user.document.serializedString(),
                            user.version, SQLiteDates.format(user.lastModified), user.id, user.organizationID]
            )
        }
    }

    public func deleteUser(id: String, organizationID: String) async throws -> Bool {
        try await pool.write { db in
            let role = try String.fetchOne(cached: db, sql: "SELECT role FROM users WHERE id = ? AND organization_id = ? AND active = 1", arguments: [id, organizationID]
            )
            if role == DirectoryRole.owner.rawValue {
                try Self.checkNotLastOwner(db, userID: id, organizationID: organizationID)
            }
            // As a member of groups, it goes too.
            try db.executeCached(sql: "DELETE FROM group_members WHERE member = (SELECT seq FROM users WHERE id = ? AND organization_id = ?)", arguments: [id, organizationID])
            try db.executeCached(sql: "DELETE FROM users WHERE id = ? AND organization_id = ?", arguments: [id, organizationID])
            let deleted = db.changesCount > 0
            if deleted, role != nil { try Self.freeSeat(db, organizationID: organizationID) }
            return deleted
        }
    }

    public func setPasswordHash(_ hash: String, userID: String) async throws {
        try await pool.write { db in
            try db.executeCached(sql: "INSERT INTO user_credentials (user_id, password_hash) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET password_hash = excluded.password_hash",
                arguments: [userID, hash]
            )
        }
    }

    public func passwordHash(userID: String) async throws -> String? {
        try readers.readOne { db in
            try String.fetchOne(cached: db, sql: "SELECT password_hash FROM user_credentials WHERE user_id = ?", arguments: [userID])
        }
    }

    public func users(organizationID: String, query: ResourceQuery) async throws -> (total: Int, users: [StoredUser]) {
        try await users(organizationID: organizationID, query: query, decode: Self.user(from:))
    }

    public func listedUsers(organizationID: String, query: ResourceQuery) async throws -> (total: Int, users: [ListedUser]) {
        try await users(organizationID: organizationID, query: query, decode: Self.listedUser(from:))
    }

    /// A list of users, each row decoded by `decode`: one statement or a
    /// bounded page on the calling thread, a scan on the pool's readers.
    private func users<User: Sendable>(
        organizationID: String, query: ResourceQuery, decode: @escaping @Sendable (Row) throws -> User
    ) async throws -> (total: Int, users: [User]) {
        let read: @Sendable (Database) throws -> (total: Int, users: [User]) = { db in
            let (total, resources) = try Self.list(db, table: Self.usersTable, organizationID: organizationID, query: query, decode: decode)
            return (total, resources)
        }
        if query.isOneStatement { return try readers.readOne(read) }
        return query.isBounded ? try readers.read(read) : try await pool.read(read)
    }

    /// Rows of `table` in one organization in the query's order (the id
    /// breaks ties), with at most one indexed equality, and their total
    /// count (before the page and the cursor position).
    static func list<Resource>(
        _ db: Database, table: SQLiteListTable, organizationID: String, query: ResourceQuery,
        decode: (Row) throws -> Resource
    ) throws -> (total: Int, resources: [Resource]) {
        let statements = table.statements(query)
        var arguments: StatementArguments = [organizationID]
        switch query.equality {
        case .nameKey(let value)?, .externalID(let value)?, .id(let value)?, .emailKey(let value)?, .member(let value)?:
            arguments += [value]
        case nil:
            break
        }
        let countArguments = arguments
        if let after = query.after {
            arguments += [after.key, after.key, after.id]
        }
        if let count = query.count {
            arguments += [count, query.after == nil ? max(query.startIndex - 1, 0) : 0]
        }
        // Each row is decoded where SQLite holds it, not copied first.
        var resources: [Resource] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: statements.select), arguments: arguments)
        while let row = try rows.next() {
            resources.append(try decode(row))
        }
        // The common lookup by userName or externalId needs no count.
        let total = query.isComplete(resources.count)
            ? resources.count : try Int.fetchOne(db.cachedStatement(sql: statements.count), arguments: countArguments) ?? 0
        return (total, resources)
    }

    // MARK: Rules

    private static func checkUnique(_ db: Database, _ user: StoredUser) throws {
        if let existing = try String.fetchOne(cached: db, sql: "SELECT id FROM users WHERE organization_id = ? AND user_name_key = ? AND id <> ?",
            arguments: [user.organizationID, user.userNameKey, user.id]
        ) {
            throw DirectoryError.rule(.alreadyExists, attribute: "userName", detail: "userName \"\(user.userName)\" is already taken in this organization", existingID: existing)
        }
    }

    /// An organization keeps at least one active owner, or nobody could
    /// administer it any more.
    private static func checkNotLastOwner(_ db: Database, userID: String, organizationID: String) throws {
        let others = try Int.fetchOne(cached: db, sql: "SELECT count(*) FROM users WHERE organization_id = ? AND role = 'owner' AND active = 1 AND id <> ?",
            arguments: [organizationID, userID]
        ) ?? 0
        if others == 0 {
            throw DirectoryError.rule(.lastOwner, attribute: "active", detail: "this is the organization's last active owner; make another user an owner first")
        }
    }

    /// The columns `user(from:)` reads, by position (a lookup by name
    /// lower-cases every column name it compares).
    static let userColumns = "id, organization_id, user_name, external_id, active, role, document, version, created, last_modified"

    static let usersTable = SQLiteListTable(name: "users", columns: userColumns, nameKeyColumn: "user_name_key")

    private static func user(from row: Row) throws -> StoredUser {
        // The document is parsed from the bytes SQLite holds: no String to
        // build and validate first, no copy of its UTF-8.
        let document = try row.withUnsafeData(atIndex: 6) { data in
            guard let data else { throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "a user without a document") }
            return try JSON(parsing: data)
        }
        return StoredUser(
            id: row[0], organizationID: row[1], userName: row[2], externalID: row[3], active: row[4],
            role: DirectoryRole(rawValue: row[5]) ?? .member, document: document,
            version: row[7], created: SQLiteDates.parse(row[8]), lastModified: SQLiteDates.parse(row[9])
        )
    }
}

extension SQLiteDirectoryStore {
    /// A row of `userColumns` with its document as SQLite holds it: the
    /// compact text `UserRow` wrote (`JSON.serializedString()`).
    static func listedUser(from row: Row) throws -> ListedUser {
        let text = try row.withUnsafeData(atIndex: 6) { data in
            guard let data else { throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "a user without a document") }
            return [UInt8](data)
        }
        return ListedUser(
            id: row[0], organizationID: row[1], userName: row[2], externalID: row[3], active: row[4],
            role: DirectoryRole(rawValue: row[5]) ?? .member, version: row[7],
            created: SQLiteDates.parse(row[8]), lastModified: SQLiteDates.parse(row[9]), text: text
        )
    }
}

/// Timestamps are stored as RFC 3339 text in UTC, readable in any SQL shell.
enum SQLiteDates {
    static func format(_ date: Date) -> String {
        Timestamps.format(date)
    }

    static func parse(_ text: String) -> Date {
        Timestamps.parse(text) ?? Date(timeIntervalSince1970: 0)
    }
}
