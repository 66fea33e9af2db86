import Logging
import PostgresNIO
import SCIM

/// The rules a user write checks inside its transaction. Each is one
/// guarded statement, so concurrent requests from any number of processes
/// cannot both pass.
extension PostgresDirectoryStore {
    /// Takes a seat: the guarded counter `seats_used < seat_limit`. The
    /// row lock it takes makes a concurrent seat-taker wait, then re-check.
    static func takeSeat(_ connection: PostgresConnection, _ organizationID: String, logger: Logger) async throws {
        let rows = try await connection.query("""
            UPDATE organizations SET seats_used = seats_used + 1 WHERE id = \(organizationID) AND seats_used < seat_limit RETURNING id
            """, logger: logger)
        for try await _ in rows.decode(String.self) { return }
        var limit = 0
        for try await value in try await connection.query(
            "SELECT seat_limit FROM organizations WHERE id = \(organizationID)", logger: logger
        ).decode(Int.self) { limit = value }
        throw DirectoryError.rule(.planLimit, attribute: "active", detail: "the organization's plan allows \(limit) active users, and all seats are taken")
    }

    static func freeSeat(_ connection: PostgresConnection, _ organizationID: String, logger: Logger) async throws {
        try await connection.query(
            "UPDATE organizations SET seats_used = greatest(seats_used - 1, 0) WHERE id = \(organizationID)", logger: logger
        )
    }

    /// Records the user's addresses. The primary key on the address decides
    /// a race: `ON CONFLICT DO NOTHING` waits for the other transaction and
    /// then sees its row.
    static func claimEmails(_ connection: PostgresConnection, _ user: StoredUser, logger: Logger) async throws {
        try await connection.query("DELETE FROM user_emails WHERE user_id = \(user.id)", logger: logger)
        for key in user.emailKeys {
            for _ in 0..<3 {
                let inserted = try await connection.query("""
                    INSERT INTO user_emails (email_key, organization_id, user_id) VALUES (\(key), \(user.organizationID), \(user.id))
                    ON CONFLICT (email_key) DO NOTHING RETURNING email_key
                    """, logger: logger)
                var claimed = false
                for try await _ in inserted.decode(String.self) { claimed = true }
                if claimed { break }
                let owners = try await connection.query(
                    "SELECT organization_id, user_id FROM user_emails WHERE email_key = \(key)", logger: logger
                )
                for try await (organization, owner) in owners.decode((String, String).self) {
                    throw EmailOwnership.conflict(key: key, ownerOrganization: organization, ownerUser: owner, user: user)
                }
                // The holder let go in between: try again.
            }
        }
    }
}
