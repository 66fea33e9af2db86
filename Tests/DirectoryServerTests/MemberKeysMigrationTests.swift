@testable import DirectoryServer
import Foundation
import GRDB
import Testing
import TestSupport

/// v10 keys memberships by the users' and groups' `seq` (an INTEGER PRIMARY
/// KEY, which a VACUUM keeps: lang_vacuum.html).
@Suite("Memberships keyed by integers")
struct MemberKeysMigrationTests {
    static let organization = "org-1"

    /// A database as version v9 left it: two users, a group holding both and
    /// a nested group, and that nested group.
    static func v9Database() async throws -> String {
        let path = try TestFolder.make("member-keys").appendingPathComponent("directory.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(old, upTo: "v9: one index fewer to write per user")
        try await old.write { db in
            try db.execute(sql: """
                INSERT INTO organizations (id, name, deployment, plan_name, seat_limit, created_at) VALUES ('org-1', 'Org', 'eu', 'p', 10, '2026-01-01T00:00:00Z');
                INSERT INTO users (id, organization_id, user_name, user_name_key, active, document, version, created, last_modified) VALUES
                    ('u-gone', 'org-1', 'gone@example.test', 'gone@example.test', 1, '{}', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                    ('u-ada', 'org-1', 'ada@example.test', 'ada@example.test', 1, '{}', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                    ('u-bob', 'org-1', 'bob@example.test', 'bob@example.test', 1, '{}', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                DELETE FROM users WHERE id = 'u-gone';
                INSERT INTO groups (id, organization_id, display_name, display_name_key, document, version, created, last_modified) VALUES
                    ('g-team', 'org-1', 'Team', 'team', '{}', 3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                    ('g-sub', 'org-1', 'Sub', 'sub', '{}', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                INSERT INTO group_members (group_id, member_id, member_type) VALUES
                    ('g-team', 'u-ada', 'User'), ('g-team', 'u-bob', 'User'), ('g-team', 'g-sub', 'Group'), ('g-sub', 'u-bob', 'User');
                """)
        }
        try old.close()
        return path
    }

    @Test("members stored by an earlier version come back the same, users and nested groups, and a member filter finds their groups")
    func migratesMembers() async throws {
        let store = try SQLiteDirectoryStore(path: try await Self.v9Database())
        #expect(try await store.members(ofGroup: "g-team") == [
            GroupMember(id: "g-sub", kind: .group, display: "Sub"),
            GroupMember(id: "u-ada", kind: .user, display: "ada@example.test"),
            GroupMember(id: "u-bob", kind: .user, display: "bob@example.test"),
        ])
        #expect(try await store.members(ofGroup: "g-sub") == [GroupMember(id: "u-bob", kind: .user, display: "bob@example.test")])
        let bobs = try await store.groups(organizationID: Self.organization, query: ResourceQuery(equality: .member("u-bob")))
        #expect(bobs.groups.map(\.id).sorted() == ["g-sub", "g-team"])
        let subs = try await store.groups(organizationID: Self.organization, query: ResourceQuery(equality: .member("g-sub")))
        #expect(subs.groups.map(\.id) == ["g-team"])
        #expect(try await store.group(id: "g-team", organizationID: Self.organization)?.version == 3)
    }

    @Test("a VACUUM renumbers nothing: after it, members and deletions still reach the right rows")
    func survivesVacuum() async throws {
        let path = try await Self.v9Database()
        do {
            let store = try SQLiteDirectoryStore(path: path)
            // Two holes before Bob's row, which a VACUUM of a table without
            // an INTEGER PRIMARY KEY may close (lang_vacuum.html).
            #expect(try await store.deleteUser(id: "u-ada", organizationID: Self.organization))
            try await store.pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        }
        let store = try SQLiteDirectoryStore(path: path)
        #expect(try await store.members(ofGroup: "g-team").map(\.id) == ["g-sub", "u-bob"])
        #expect(try await store.deleteUser(id: "u-bob", organizationID: Self.organization))
        #expect(try await store.members(ofGroup: "g-team").map(\.id) == ["g-sub"])
        #expect(try await store.members(ofGroup: "g-sub").isEmpty)
        #expect(try await store.deleteGroup(id: "g-sub", organizationID: Self.organization))
        #expect(try await store.members(ofGroup: "g-team").isEmpty)
        let remaining = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM group_members") }
        #expect(remaining == 0)
    }
}
