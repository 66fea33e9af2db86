import Foundation
import GRDB
import SCIM

/// The SQLite schema. Migrations never change once shipped: a change is a
/// new migration appended here.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: organizations, tokens, users") { db in
            try db.execute(sql: """
                CREATE TABLE organizations (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    deployment TEXT NOT NULL,
                    plan_name TEXT NOT NULL,
                    seat_limit INTEGER NOT NULL CHECK (seat_limit >= 0),
                    created_at TEXT NOT NULL
                );
                CREATE TABLE access_tokens (
                    hash TEXT PRIMARY KEY NOT NULL,
                    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    scopes TEXT NOT NULL,
                    label TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    expires_at TEXT
                );
                CREATE TABLE users (
                    id TEXT PRIMARY KEY NOT NULL,
                    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    user_name TEXT NOT NULL,
                    user_name_key TEXT NOT NULL,
                    external_id TEXT,
                    active INTEGER NOT NULL,
                    document TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    created TEXT NOT NULL,
                    last_modified TEXT NOT NULL
                );
                CREATE UNIQUE INDEX users_user_name_key ON users(organization_id, user_name_key);
                CREATE INDEX users_external_id ON users(organization_id, external_id);
                CREATE INDEX users_active ON users(organization_id, active);
                """)
        }
        migrator.registerMigration("v2: groups and members") { db in
            try db.execute(sql: """
                CREATE TABLE groups (
                    id TEXT PRIMARY KEY NOT NULL,
                    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    display_name TEXT NOT NULL,
                    display_name_key TEXT NOT NULL,
                    external_id TEXT,
                    document TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    created TEXT NOT NULL,
                    last_modified TEXT NOT NULL
                );
                CREATE UNIQUE INDEX groups_display_name_key ON groups(organization_id, display_name_key);
                CREATE INDEX groups_external_id ON groups(organization_id, external_id);
                CREATE TABLE group_members (
                    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
                    member_id TEXT NOT NULL,
                    member_type TEXT NOT NULL,
                    PRIMARY KEY (group_id, member_id)
                ) WITHOUT ROWID;
                CREATE INDEX group_members_member ON group_members(member_id);
                """)
        }
        migrator.registerMigration("v3: directory roles and administrators' passwords") { db in
            try db.execute(sql: """
                ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
                CREATE INDEX users_role ON users(organization_id, role);
                CREATE TABLE user_credentials (
                    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    password_hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4: domains") { db in
            try db.execute(sql: """
                CREATE TABLE domains (
                    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    token TEXT NOT NULL,
                    verified_at TEXT,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (organization_id, name)
                );
                CREATE UNIQUE INDEX domains_verified_name ON domains(name) WHERE verified_at IS NOT NULL;
                """)
        }
        migrator.registerMigration("v5: custom fields") { db in
            try db.execute(sql: """
                CREATE TABLE custom_fields (
                    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    name_key TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    PRIMARY KEY (organization_id, name_key)
                );
                """)
        }
        migrator.registerMigration("v6: OAuth clients, token kinds and families, device authorizations") { db in
            try db.execute(sql: """
                ALTER TABLE access_tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'api';
                ALTER TABLE access_tokens ADD COLUMN client_id TEXT;
                ALTER TABLE access_tokens ADD COLUMN family_id TEXT;
                ALTER TABLE access_tokens ADD COLUMN subject_user_id TEXT;
                ALTER TABLE access_tokens ADD COLUMN revoked_at TEXT;
                ALTER TABLE access_tokens ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE access_tokens ADD COLUMN first_used_at TEXT;
                CREATE INDEX access_tokens_family ON access_tokens(family_id) WHERE family_id IS NOT NULL;
                CREATE TABLE oauth_clients (
                    id TEXT PRIMARY KEY NOT NULL,
                    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    secret_hash TEXT,
                    scopes TEXT NOT NULL,
                    grant_types TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE device_authorizations (
                    device_code_hash TEXT PRIMARY KEY NOT NULL,
                    user_code TEXT NOT NULL UNIQUE,
                    client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
                    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    scopes TEXT NOT NULL,
                    status TEXT NOT NULL,
                    subject_user_id TEXT,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    poll_interval INTEGER NOT NULL,
                    last_polled_at TEXT
                );
                """)
        }
        migrator.registerMigration("v7: seat counter, one account per address") { db in
            try db.execute(sql: """
                ALTER TABLE organizations ADD COLUMN seats_used INTEGER NOT NULL DEFAULT 0;
                UPDATE organizations SET seats_used = (SELECT count(*) FROM users WHERE users.organization_id = organizations.id AND users.active = 1);
                CREATE TABLE user_emails (
                    email_key TEXT PRIMARY KEY NOT NULL,
                    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX user_emails_user ON user_emails(user_id);
                CREATE INDEX users_organization_id ON users(organization_id, id);
                CREATE INDEX groups_organization_id ON groups(organization_id, id);
                CREATE INDEX users_created ON users(organization_id, created);
                CREATE INDEX users_last_modified ON users(organization_id, last_modified);
                CREATE INDEX groups_created ON groups(organization_id, created);
                CREATE INDEX groups_last_modified ON groups(organization_id, last_modified);
                """)
            // Addresses of existing users; the first user of an address keeps it.
            for row in try Row.fetchAll(db, sql: "SELECT id, organization_id, user_name, document FROM users ORDER BY created, id") {
                let user = StoredUser(
                    id: row["id"], organizationID: row["organization_id"], userName: row["user_name"], externalID: nil, active: true,
                    document: (try? JSON(parsing: row["document"] as String)) ?? .object([:]), created: Date(), lastModified: Date()
                )
                for key in user.emailKeys {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO user_emails (email_key, organization_id, user_id) VALUES (?, ?, ?)",
                        arguments: [key, user.organizationID, user.id]
                    )
                }
            }
        }
        migrator.registerMigration("v8: address reservations for peer deployments") { db in
            try db.execute(sql: """
                CREATE TABLE address_reservations (
                    email_key TEXT NOT NULL,
                    reservation_id TEXT NOT NULL,
                    claimed_at INTEGER NOT NULL,
                    PRIMARY KEY (email_key, reservation_id)
                ) WITHOUT ROWID;
                CREATE INDEX address_reservations_id ON address_reservations(reservation_id);
                """)
        }
        migrator.registerMigration("v9: one index fewer to write per user") { db in
            // Every insert writes each index of the table. users_role serves
            // one query, the count of active owners, which needs the owners
            // only. (users_active stays: as the narrowest index starting with
            // the organization, it is what counts an organization's users
            // for a list's totalResults.)
            try db.execute(sql: """
                DROP INDEX users_role;
                CREATE INDEX users_owners ON users(organization_id) WHERE role = 'owner';
                """)
        }
        migrator.registerMigration("v10: memberships keyed by integers", migrate: keyMembersByIntegers)
        return migrator
    }
}
