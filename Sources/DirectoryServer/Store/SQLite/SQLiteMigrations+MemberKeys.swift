import GRDB

/// v10: memberships keyed by integers.
///
/// A membership row held the group's and the member's ids, two 36-character
/// UUIDs, and the index by member repeated both in an order unrelated to the
/// group's: every member added wrote a random page of a 30 MB index (at
/// 370,000 memberships), and every commit wrote those pages again to the
/// WAL. Keyed by the users' and groups' row numbers, the table and its index
/// take 9 MB where they took 65 MB, and adding members costs about a third
/// (docs/benchmarks.md).
///
/// The row numbers must outlive a `VACUUM`, which may renumber a table
/// without an `INTEGER PRIMARY KEY`; so `users` and `groups` are rebuilt with
/// one, `seq`, keeping each row's number (the SQLite documentation's twelve
/// steps for a change `ALTER TABLE` cannot make: lang_altertable.html §7).
/// Migrations run with foreign keys off and checked before the commit
/// (GRDB's deferred checks), as those steps require.
extension SQLiteMigrations {
    static func keyMembersByIntegers(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE users_v10 (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                user_name TEXT NOT NULL,
                user_name_key TEXT NOT NULL,
                external_id TEXT,
                active INTEGER NOT NULL,
                document TEXT NOT NULL,
                version INTEGER NOT NULL,
                created TEXT NOT NULL,
                last_modified TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'member'
            );
            INSERT INTO users_v10 (seq, id, organization_id, user_name, user_name_key, external_id, active, document, version, created, last_modified, role)
                SELECT rowid, id, organization_id, user_name, user_name_key, external_id, active, document, version, created, last_modified, role FROM users;
            CREATE TABLE groups_v10 (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                display_name TEXT NOT NULL,
                display_name_key TEXT NOT NULL,
                external_id TEXT,
                document TEXT NOT NULL,
                version INTEGER NOT NULL,
                created TEXT NOT NULL,
                last_modified TEXT NOT NULL
            );
            INSERT INTO groups_v10 (seq, id, organization_id, display_name, display_name_key, external_id, document, version, created, last_modified)
                SELECT rowid, id, organization_id, display_name, display_name_key, external_id, document, version, created, last_modified FROM groups;
            -- member: a user's seq, or minus a group's seq (SQLiteMemberKeys).
            CREATE TABLE group_members_v10 (
                group_seq INTEGER NOT NULL REFERENCES groups(seq) ON DELETE CASCADE,
                member INTEGER NOT NULL,
                PRIMARY KEY (group_seq, member)
            ) WITHOUT ROWID;
            INSERT INTO group_members_v10 (group_seq, member)
                SELECT g.seq, CASE m.member_type WHEN 'Group' THEN -mg.seq ELSE mu.seq END
                FROM group_members m
                JOIN groups_v10 g ON g.id = m.group_id
                LEFT JOIN users_v10 mu ON m.member_type = 'User' AND mu.id = m.member_id
                LEFT JOIN groups_v10 mg ON m.member_type = 'Group' AND mg.id = m.member_id
                WHERE mu.seq IS NOT NULL OR mg.seq IS NOT NULL;
            DROP TABLE group_members;
            DROP TABLE groups;
            DROP TABLE users;
            ALTER TABLE users_v10 RENAME TO users;
            ALTER TABLE groups_v10 RENAME TO groups;
            ALTER TABLE group_members_v10 RENAME TO group_members;
            CREATE UNIQUE INDEX users_user_name_key ON users(organization_id, user_name_key);
            CREATE INDEX users_external_id ON users(organization_id, external_id);
            CREATE INDEX users_active ON users(organization_id, active);
            CREATE INDEX users_organization_id ON users(organization_id, id);
            CREATE INDEX users_created ON users(organization_id, created);
            CREATE INDEX users_last_modified ON users(organization_id, last_modified);
            CREATE INDEX users_owners ON users(organization_id) WHERE role = 'owner';
            CREATE UNIQUE INDEX groups_display_name_key ON groups(organization_id, display_name_key);
            CREATE INDEX groups_external_id ON groups(organization_id, external_id);
            CREATE INDEX groups_organization_id ON groups(organization_id, id);
            CREATE INDEX groups_created ON groups(organization_id, created);
            CREATE INDEX groups_last_modified ON groups(organization_id, last_modified);
            CREATE INDEX group_members_member ON group_members(member);
            """)
    }
}
