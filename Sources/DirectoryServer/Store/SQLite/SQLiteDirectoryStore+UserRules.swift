import GRDB
import SCIM

/// The rules a user write checks inside its transaction (SQLite has one
/// writer, so a check and the write it guards cannot be interleaved).
extension SQLiteDirectoryStore {
    /// Takes a seat: the guarded counter `seats_used < seat_limit`.
    static func takeSeat(_ db: Database, organizationID: String) throws {
        try db.executeCached(sql: "UPDATE organizations SET seats_used = seats_used + 1 WHERE id = ? AND seats_used < seat_limit",
            arguments: [organizationID]
        )
        if db.changesCount == 0 {
            let limit = try Int.fetchOne(cached: db, sql: "SELECT seat_limit FROM organizations WHERE id = ?", arguments: [organizationID]) ?? 0
            throw DirectoryError.rule(.planLimit, attribute: "active", detail: "the organization's plan allows \(limit) active users, and all seats are taken")
        }
    }

    static func freeSeat(_ db: Database, organizationID: String) throws {
        try db.executeCached(sql: "UPDATE organizations SET seats_used = max(seats_used - 1, 0) WHERE id = ?", arguments: [organizationID])
    }

    /// Records the user's addresses; one already recorded for another user
    /// is `already-exists` in the same organization, `email-in-other-org`
    /// in another (which is not named).
    static func claimEmails(_ db: Database, _ user: StoredUser, keys: [String]? = nil, replacing: Bool) throws {
        if replacing { try db.executeCached(sql: "DELETE FROM user_emails WHERE user_id = ?", arguments: [user.id]) }
        for key in keys ?? user.emailKeys {
            if let owner = try Row.fetchOne(cached: db, sql: "SELECT organization_id, user_id FROM user_emails WHERE email_key = ?", arguments: [key]) {
                throw EmailOwnership.conflict(key: key, ownerOrganization: owner["organization_id"], ownerUser: owner["user_id"], user: user)
            }
            try db.executeCached(sql: "INSERT INTO user_emails (email_key, organization_id, user_id) VALUES (?, ?, ?)",
                arguments: [key, user.organizationID, user.id]
            )
        }
    }
}

/// The errors of the one-address-one-account rule, the same on every store.
enum EmailOwnership {
    static func conflict(key: String, ownerOrganization: String, ownerUser: String, user: StoredUser) -> DirectoryError {
        if ownerOrganization == user.organizationID {
            return .rule(.alreadyExists, attribute: "emails", detail: "the address \(key) is already used by another user of this organization", existingID: ownerUser)
        }
        return .rule(.emailInOtherOrg, attribute: "emails", detail: "the address \(key) belongs to a user of another organization")
    }
}

extension Database {
    /// Runs a statement prepared once per connection (GRDB's statement
    /// cache): the write path of every create runs the same few statements,
    /// and compiling them each time was a measurable share of a create.
    func executeCached(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchOne(cached db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension Row {
    static func fetchOne(cached db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
