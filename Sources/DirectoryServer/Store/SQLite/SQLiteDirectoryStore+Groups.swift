public import Foundation
import GRDB
import SCIM

/// Groups and their members. Member changes are single statements on the
/// member table, so adding one member to a group of 100,000 costs one insert.
extension SQLiteDirectoryStore {
    public func createGroup(_ group: StoredGroup, members: [String]) async throws {
        try await pool.write { db in try Self.insert(group, members: members, db) }
    }

    /// One write transaction, a savepoint each (as for user creates).
    public func createGroups(_ groups: [(group: StoredGroup, members: [String])]) async throws -> [(any Error)?] {
        try await pool.write { db in
            groups.map { group, members in
                do {
                    try db.inSavepoint {
                        try Self.insert(group, members: members, db)
                        return .commit
                    }
                    return nil
                } catch {
                    return error
                }
            }
        }
    }

    private static func insert(_ group: StoredGroup, members: [String], _ db: Database) throws {
        try checkUniqueName(db, group)
        try db.executeCached(
            sql: """
                INSERT INTO groups (id, organization_id, display_name, display_name_key, external_id, document, version, created, last_modified)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [group.id, group.organizationID, group.displayName, group.displayNameKey, group.externalID,
                        group.document.serializedString(), group.version, SQLiteDates.format(group.created), SQLiteDates.format(group.lastModified)]
        )
        try addMembers(db, groupID: group.id, organizationID: group.organizationID, ids: members)
    }

    public func group(id: String, organizationID: String) async throws -> StoredGroup? {
        try readers.readOne { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM groups WHERE id = ? AND organization_id = ?", arguments: [id, organizationID])
                .map(Self.group(from:))
        }
    }

    public func members(ofGroup id: String) async throws -> [GroupMember] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.member_id, m.member_type, COALESCE(u.user_name, g.display_name) AS display
                FROM group_members m
                LEFT JOIN users u ON m.member_type = 'User' AND u.id = m.member_id
                LEFT JOIN groups g ON m.member_type = 'Group' AND g.id = m.member_id
                WHERE m.group_id = ? ORDER BY m.member_id
                """, arguments: [id]).map { row in
                GroupMember(id: row["member_id"], kind: GroupMember.Kind(rawValue: row["member_type"]) ?? .user, display: row["display"])
            }
        }
    }

    public func updateGroup(_ group: StoredGroup, changes: [MemberChange], expectedVersion: Int) async throws {
        try await pool.write { db in
            guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM groups WHERE id = ? AND organization_id = ?", arguments: [group.id, group.organizationID]
            ) else {
                throw DirectoryError.notFound(resource: "Group", id: group.id)
            }
            guard version == expectedVersion else { throw DirectoryError.versionMismatch(id: group.id) }
            try Self.checkUniqueName(db, group)
            try db.executeCached(
                sql: """
                    UPDATE groups SET display_name = ?, display_name_key = ?, external_id = ?, document = ?, version = ?, last_modified = ?
                    WHERE id = ? AND organization_id = ?
                    """,
                arguments: [group.displayName, group.displayNameKey, group.externalID, group.document.serializedString(),
                            group.version, SQLiteDates.format(group.lastModified), group.id, group.organizationID]
            )
            try Self.apply(changes, db, groupID: group.id, organizationID: group.organizationID)
        }
    }

    /// One write transaction for all the patches, a savepoint each: a Bulk
    /// request's member PATCHes cost one commit, not one each.
    public func changeMembers(_ patches: [MemberPatch], organizationID: String, now: Date) async throws -> [Result<Int, any Error>] {
        let modified = SQLiteDates.format(now)
        return try await pool.write { db in
            patches.map { patch in
                do {
                    var version = 0
                    try db.inSavepoint {
                        version = try Self.change(patch, db, organizationID: organizationID, modified: modified)
                        return .commit
                    }
                    return .success(version)
                } catch {
                    return .failure(error)
                }
            }
        }
    }

    private static func change(_ patch: MemberPatch, _ db: Database, organizationID: String, modified: String) throws -> Int {
        guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM groups WHERE id = ? AND organization_id = ?", arguments: [patch.groupID, organizationID]) else {
            throw DirectoryError.notFound(resource: "Group", id: patch.groupID)
        }
        if let expected = patch.expectedVersion, expected != version { throw DirectoryError.versionMismatch(id: patch.groupID) }
        try db.executeCached(
            sql: "UPDATE groups SET version = ?, last_modified = ? WHERE id = ? AND organization_id = ?",
            arguments: [version + 1, modified, patch.groupID, organizationID]
        )
        try apply(patch.changes, db, groupID: patch.groupID, organizationID: organizationID)
        return version + 1
    }

    private static func apply(_ changes: [MemberChange], _ db: Database, groupID: String, organizationID: String) throws {
        for change in changes {
            switch change {
            case .add(let ids):
                try addMembers(db, groupID: groupID, organizationID: organizationID, ids: ids)
            case .remove(let ids):
                for id in ids {
                    try db.executeCached(sql: "DELETE FROM group_members WHERE group_id = ? AND member_id = ?", arguments: [groupID, id])
                }
            case .removeAll:
                try db.executeCached(sql: "DELETE FROM group_members WHERE group_id = ?", arguments: [groupID])
            case .replace(let ids):
                try db.executeCached(sql: "DELETE FROM group_members WHERE group_id = ?", arguments: [groupID])
                try addMembers(db, groupID: groupID, organizationID: organizationID, ids: ids)
            }
        }
    }

    public func deleteGroup(id: String, organizationID: String) async throws -> Bool {
        try await pool.write { db in
            try db.executeCached(sql: "DELETE FROM groups WHERE id = ? AND organization_id = ?", arguments: [id, organizationID])
            let deleted = db.changesCount > 0
            if deleted {
                // As a member of other groups, it goes too.
                try db.executeCached(sql: "DELETE FROM group_members WHERE member_id = ?", arguments: [id])
            }
            return deleted
        }
    }

    public func groups(organizationID: String, query: ResourceQuery) async throws -> (total: Int, groups: [StoredGroup]) {
        let read: @Sendable (Database) throws -> (total: Int, groups: [StoredGroup]) = { db in
            let (total, resources) = try Self.list(db, table: Self.groupsTable, organizationID: organizationID, query: query, decode: Self.group(from:))
            return (total, resources)
        }
        if query.isOneStatement { return try readers.readOne(read) }
        return query.isBounded ? try readers.read(read) : try await pool.read(read)
    }

    // MARK: Rules

    private static func checkUniqueName(_ db: Database, _ group: StoredGroup) throws {
        if let existing = try String.fetchOne(cached: db, sql: "SELECT id FROM groups WHERE organization_id = ? AND display_name_key = ? AND id <> ?",
            arguments: [group.organizationID, group.displayNameKey, group.id]
        ) {
            throw DirectoryError.rule(.nameConflict, attribute: "displayName", detail: "a group named \"\(group.displayName)\" already exists in this organization", existingID: existing)
        }
    }

    /// Adds members that are users or groups of the organization; adding a
    /// member twice is not an error (RFC 7644 §3.5.2.1: no duplicates).
    private static func addMembers(_ db: Database, groupID: String, organizationID: String, ids: [String]) throws {
        guard !ids.isEmpty else { return }
        // The users of the organization among them, the common case, go in
        // by one statement, the ids passed as one JSON array. CROSS JOIN
        // keeps the given ids the outer loop: SQLite may otherwise scan
        // every user and look each up in the list.
        let list = JSON.array(ids.map(JSON.string)).serializedString()
        try db.executeCached(
            sql: """
                INSERT INTO group_members (group_id, member_id, member_type)
                SELECT ?1, users.id, 'User' FROM json_each(?2) AS given CROSS JOIN users ON users.id = given.value
                WHERE users.organization_id = ?3
                ON CONFLICT DO NOTHING
                """,
            arguments: [groupID, list, organizationID]
        )
        if db.changesCount == ids.count { return }
        // The others are members already, groups, or not of the organization.
        let others = try String.fetchAll(
            db.cachedStatement(sql: """
                SELECT given.value FROM json_each(?2) AS given
                WHERE NOT EXISTS (SELECT 1 FROM group_members WHERE group_id = ?1 AND member_id = given.value)
                """),
            arguments: [groupID, list]
        )
        for id in others {
            guard try Bool.fetchOne(cached: db, sql: "SELECT 1 FROM groups WHERE id = ? AND organization_id = ?", arguments: [id, organizationID]) == true else {
                throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidValue, detail: "member \(id) is not a user or group of this organization", attribute: "members"))
            }
            try db.executeCached(
                sql: "INSERT INTO group_members (group_id, member_id, member_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [groupID, id, GroupMember.Kind.group.rawValue]
            )
        }
    }

    static let groupsTable = SQLiteListTable(name: "groups", nameKeyColumn: "display_name_key")

    private static func group(from row: Row) throws -> StoredGroup {
        let text: String = row["document"]
        return StoredGroup(
            id: row["id"], organizationID: row["organization_id"], displayName: row["display_name"],
            externalID: row["external_id"], document: try JSON(parsing: text), version: row["version"],
            created: SQLiteDates.parse(row["created"]), lastModified: SQLiteDates.parse(row["last_modified"])
        )
    }
}
