public import Foundation
import GRDB
import SCIM

/// Groups and their members. Member changes are single statements on the
/// member table, so adding one member to a group of 100,000 costs one insert.
/// A membership row holds integers (SQLiteMigrations+MemberKeys.swift): the
/// group's `seq` and the member's, a user's `seq` or minus a group's.
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
        try addMembers(db, groupSeq: db.lastInsertedRowID, organizationID: group.organizationID, ids: members)
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
                SELECT COALESCE(u.id, g.id) AS member_id, m.member > 0 AS is_user, COALESCE(u.user_name, g.display_name) AS display
                FROM group_members m
                LEFT JOIN users u ON m.member > 0 AND u.seq = m.member
                LEFT JOIN groups g ON m.member < 0 AND g.seq = -m.member
                WHERE m.group_seq = (SELECT seq FROM groups WHERE id = ?) ORDER BY member_id
                """, arguments: [id]).map { row in
                GroupMember(id: row["member_id"], kind: row["is_user"] ? .user : .group, display: row["display"])
            }
        }
    }

    public func updateGroup(_ group: StoredGroup, changes: [MemberChange], expectedVersion: Int) async throws {
        try await pool.write { db in
            guard let (seq, version) = try Self.seqAndVersion(db, groupID: group.id, organizationID: group.organizationID) else {
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
            try Self.apply(changes, db, groupSeq: seq, organizationID: group.organizationID)
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
        guard let (seq, version) = try seqAndVersion(db, groupID: patch.groupID, organizationID: organizationID) else {
            throw DirectoryError.notFound(resource: "Group", id: patch.groupID)
        }
        if let expected = patch.expectedVersion, expected != version { throw DirectoryError.versionMismatch(id: patch.groupID) }
        try db.executeCached(
            sql: "UPDATE groups SET version = ?, last_modified = ? WHERE seq = ?",
            arguments: [version + 1, modified, seq]
        )
        try apply(patch.changes, db, groupSeq: seq, organizationID: organizationID)
        return version + 1
    }

    private static func seqAndVersion(_ db: Database, groupID: String, organizationID: String) throws -> (seq: Int64, version: Int)? {
        try Row.fetchOne(cached: db, sql: "SELECT seq, version FROM groups WHERE id = ? AND organization_id = ?", arguments: [groupID, organizationID])
            .map { row in (seq: row[0] as Int64, version: row[1] as Int) }
    }

    private static func apply(_ changes: [MemberChange], _ db: Database, groupSeq: Int64, organizationID: String) throws {
        for change in changes {
            switch change {
            case .add(let ids):
                try addMembers(db, groupSeq: groupSeq, organizationID: organizationID, ids: ids)
            case .remove(let ids):
                for id in ids {
                    try db.executeCached(
                        sql: "DELETE FROM group_members WHERE group_seq = ?1 AND member IN (SELECT seq FROM users WHERE id = ?2 UNION ALL SELECT -seq FROM groups WHERE id = ?2)",
                        arguments: [groupSeq, id]
                    )
                }
            case .removeAll:
                try db.executeCached(sql: "DELETE FROM group_members WHERE group_seq = ?", arguments: [groupSeq])
            case .replace(let ids):
                try db.executeCached(sql: "DELETE FROM group_members WHERE group_seq = ?", arguments: [groupSeq])
                try addMembers(db, groupSeq: groupSeq, organizationID: organizationID, ids: ids)
            }
        }
    }

    public func deleteGroup(id: String, organizationID: String) async throws -> Bool {
        try await pool.write { db in
            guard let seq = try Int64.fetchOne(cached: db, sql: "SELECT seq FROM groups WHERE id = ? AND organization_id = ?", arguments: [id, organizationID]) else {
                return false
            }
            // Its own members go with it (ON DELETE CASCADE); as a member of
            // other groups, it goes too.
            try db.executeCached(sql: "DELETE FROM groups WHERE seq = ?", arguments: [seq])
            try db.executeCached(sql: "DELETE FROM group_members WHERE member = ?", arguments: [-seq])
            return true
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
    private static func addMembers(_ db: Database, groupSeq: Int64, organizationID: String, ids: [String]) throws {
        guard !ids.isEmpty else { return }
        // The users of the organization among them, the common case, go in
        // by one statement, the ids passed as one JSON array. CROSS JOIN
        // keeps the given ids the outer loop: SQLite may otherwise scan
        // every user and look each up in the list.
        let list = JSON.array(ids.map(JSON.string)).serializedString()
        try db.executeCached(
            sql: """
                INSERT INTO group_members (group_seq, member)
                SELECT ?1, users.seq FROM json_each(?2) AS given CROSS JOIN users ON users.id = given.value
                WHERE users.organization_id = ?3
                ON CONFLICT DO NOTHING
                """,
            arguments: [groupSeq, list, organizationID]
        )
        if db.changesCount == ids.count { return }
        // Some were members already, or are not users of the organization:
        // those must be its groups.
        let others = try String.fetchAll(
            db.cachedStatement(sql: """
                SELECT given.value FROM json_each(?1) AS given
                WHERE NOT EXISTS (SELECT 1 FROM users WHERE users.id = given.value AND users.organization_id = ?2)
                """),
            arguments: [list, organizationID]
        )
        for id in others {
            guard let seq = try Int64.fetchOne(cached: db, sql: "SELECT seq FROM groups WHERE id = ? AND organization_id = ?", arguments: [id, organizationID]) else {
                throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidValue, detail: "member \(id) is not a user or group of this organization", attribute: "members"))
            }
            try db.executeCached(
                sql: "INSERT INTO group_members (group_seq, member) VALUES (?, ?) ON CONFLICT DO NOTHING",
                arguments: [groupSeq, -seq]
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
