import Foundation
import Logging
import PostgresNIO
import SCIM

/// The PostgreSQL schema, the same tables and rules as the SQLite one.
/// Applied under an advisory lock, so several `directoryd` processes (or
/// tests) starting at once migrate exactly once.
enum PostgresMigrations {
    static let steps: [(version: Int, sql: [String])] = [
        (1, [
            """
            CREATE TABLE organizations (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, deployment TEXT NOT NULL, plan_name TEXT NOT NULL,
                seat_limit BIGINT NOT NULL CHECK (seat_limit >= 0), created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE access_tokens (
                hash TEXT PRIMARY KEY, organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                scopes TEXT NOT NULL, label TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT)
            """,
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY, organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                user_name TEXT NOT NULL, user_name_key TEXT NOT NULL, external_id TEXT, active BOOLEAN NOT NULL,
                document TEXT NOT NULL, version BIGINT NOT NULL, created TEXT NOT NULL, last_modified TEXT NOT NULL)
            """,
            "CREATE UNIQUE INDEX users_user_name_key ON users(organization_id, user_name_key)",
            "CREATE INDEX users_external_id ON users(organization_id, external_id)",
            "CREATE INDEX users_active ON users(organization_id, active)",
        ]),
        (2, [
            """
            CREATE TABLE groups (
                id TEXT PRIMARY KEY, organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                display_name TEXT NOT NULL, display_name_key TEXT NOT NULL, external_id TEXT, document TEXT NOT NULL,
                version BIGINT NOT NULL, created TEXT NOT NULL, last_modified TEXT NOT NULL)
            """,
            "CREATE UNIQUE INDEX groups_display_name_key ON groups(organization_id, display_name_key)",
            "CREATE INDEX groups_external_id ON groups(organization_id, external_id)",
            """
            CREATE TABLE group_members (
                group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE, member_id TEXT NOT NULL,
                member_type TEXT NOT NULL, PRIMARY KEY (group_id, member_id))
            """,
            "CREATE INDEX group_members_member ON group_members(member_id)",
        ]),
        (3, [
            "ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member'",
            "CREATE INDEX users_role ON users(organization_id, role)",
            """
            CREATE TABLE user_credentials (
                user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, password_hash TEXT NOT NULL)
            """,
        ]),
        (4, [
            """
            CREATE TABLE domains (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE, name TEXT NOT NULL,
                token TEXT NOT NULL, verified_at TEXT, created_at TEXT NOT NULL, PRIMARY KEY (organization_id, name))
            """,
            "CREATE UNIQUE INDEX domains_verified_name ON domains(name) WHERE verified_at IS NOT NULL",
        ]),
        (5, [
            """
            CREATE TABLE custom_fields (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE, name_key TEXT NOT NULL,
                rule TEXT NOT NULL, PRIMARY KEY (organization_id, name_key))
            """,
        ]),
        (6, [
            "ALTER TABLE access_tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'api'",
            "ALTER TABLE access_tokens ADD COLUMN client_id TEXT",
            "ALTER TABLE access_tokens ADD COLUMN family_id TEXT",
            "ALTER TABLE access_tokens ADD COLUMN subject_user_id TEXT",
            "ALTER TABLE access_tokens ADD COLUMN revoked_at TEXT",
            "ALTER TABLE access_tokens ADD COLUMN uses BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE access_tokens ADD COLUMN first_used_at TEXT",
            "CREATE INDEX access_tokens_family ON access_tokens(family_id) WHERE family_id IS NOT NULL",
            """
            CREATE TABLE oauth_clients (
                id TEXT PRIMARY KEY, organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                name TEXT NOT NULL, kind TEXT NOT NULL, secret_hash TEXT, scopes TEXT NOT NULL, grant_types TEXT NOT NULL,
                created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE device_authorizations (
                device_code_hash TEXT PRIMARY KEY, user_code TEXT NOT NULL UNIQUE,
                client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                scopes TEXT NOT NULL, status TEXT NOT NULL, subject_user_id TEXT, created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL, poll_interval BIGINT NOT NULL, last_polled_at TEXT)
            """,
        ]),
        (7, [
            "ALTER TABLE organizations ADD COLUMN seats_used BIGINT NOT NULL DEFAULT 0",
            """
            UPDATE organizations SET seats_used = (SELECT count(*) FROM users WHERE users.organization_id = organizations.id AND users.active)
            """,
            """
            CREATE TABLE user_emails (
                email_key TEXT PRIMARY KEY, organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE)
            """,
            "CREATE INDEX user_emails_user ON user_emails(user_id)",
            "CREATE INDEX users_organization_id ON users(organization_id, id)",
            "CREATE INDEX groups_organization_id ON groups(organization_id, id)",
            "CREATE INDEX users_created ON users(organization_id, created)",
            "CREATE INDEX users_last_modified ON users(organization_id, last_modified)",
            "CREATE INDEX groups_created ON groups(organization_id, created)",
            "CREATE INDEX groups_last_modified ON groups(organization_id, last_modified)",
        ]),
        (8, [
            """
            CREATE TABLE address_reservations (
                email_key TEXT NOT NULL, reservation_id TEXT NOT NULL, claimed_at BIGINT NOT NULL,
                PRIMARY KEY (email_key, reservation_id))
            """,
            "CREATE INDEX address_reservations_id ON address_reservations(reservation_id)",
        ]),
    ]

    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            // An arbitrary constant: the lock's name for "migrating directoryd".
            try await connection.query("SELECT pg_advisory_xact_lock(7402611)", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)", logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for step in steps where !applied.contains(step.version) {
                for statement in step.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                if step.version == 7 { try await backfillEmails(connection, logger: logger) }
                try await connection.query("INSERT INTO schema_migrations (version) VALUES (\(step.version))", logger: logger)
            }
        }
    }

    /// Addresses of the users stored before migration 7; the first user of
    /// an address keeps it.
    private static func backfillEmails(_ connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query("SELECT id, organization_id, user_name, document FROM users ORDER BY created, id", logger: logger)
        var users: [StoredUser] = []
        for try await (id, organization, userName, document) in rows.decode((String, String, String, String).self) {
            users.append(StoredUser(
                id: id, organizationID: organization, userName: userName, externalID: nil, active: true,
                document: (try? JSON(parsing: document)) ?? .object([:]), created: Date(), lastModified: Date()
            ))
        }
        for user in users {
            for key in user.emailKeys {
                try await connection.query("""
                    INSERT INTO user_emails (email_key, organization_id, user_id) VALUES (\(key), \(user.organizationID), \(user.id))
                    ON CONFLICT (email_key) DO NOTHING
                    """, logger: logger)
            }
        }
    }
}
