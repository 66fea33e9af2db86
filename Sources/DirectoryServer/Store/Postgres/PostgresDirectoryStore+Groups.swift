public import Foundation
import Logging
import PostgresNIO
import SCIM

/// Groups and members on PostgreSQL; the same rules as the SQLite store.
extension PostgresDirectoryStore {
    static let groupColumns = "id, organization_id, display_name, external_id, document, version, created, last_modified"
    typealias GroupRow = (String, String, String, String?, String, Int, String, String)

    public func createGroup(_ group: StoredGroup, members: [String]) async throws {
        try await mappingNameViolation(group) {
            try await transaction { connection in
                try await Self.lockOrganization(connection, group.organizationID, logger: logger)
                try await Self.checkUniqueName(connection, group, logger: logger)
                try await connection.query("""
                    INSERT INTO groups (id, organization_id, display_name, display_name_key, external_id, document, version, created, last_modified)
                    VALUES (\(group.id), \(group.organizationID), \(group.displayName), \(group.displayNameKey), \(group.externalID),
                            \(group.document.serializedString()), \(group.version), \(Timestamps.format(group.created)), \(Timestamps.format(group.lastModified)))
                    """, logger: logger)
                try await Self.addMembers(connection, groupID: group.id, organizationID: group.organizationID, ids: members, logger: logger)
            }
        }
    }

    public func group(id: String, organizationID: String) async throws -> StoredGroup? {
        let rows = try await client.query(
            "SELECT \(unescaped: Self.groupColumns) FROM groups WHERE id = \(id) AND organization_id = \(organizationID)", logger: logger
        )
        for try await row in rows.decode(GroupRow.self) { return try Self.group(row) }
        return nil
    }

    public func members(ofGroup id: String) async throws -> [GroupMember] {
        let rows = try await client.query("""
            SELECT m.member_id, m.member_type, COALESCE(u.user_name, g.display_name)
            FROM group_members m
            LEFT JOIN users u ON m.member_type = 'User' AND u.id = m.member_id
            LEFT JOIN groups g ON m.member_type = 'Group' AND g.id = m.member_id
            WHERE m.group_id = \(id) ORDER BY m.member_id
            """, logger: logger)
        var members: [GroupMember] = []
        for try await (memberID, type, display) in rows.decode((String, String, String?).self) {
            members.append(GroupMember(id: memberID, kind: GroupMember.Kind(rawValue: type) ?? .user, display: display))
        }
        return members
    }

    public func updateGroup(_ group: StoredGroup, changes: [MemberChange], expectedVersion: Int) async throws {
        try await mappingNameViolation(group) {
            try await transaction { connection in
                let rows = try await connection.query(
                    "SELECT version FROM groups WHERE id = \(group.id) AND organization_id = \(group.organizationID) FOR UPDATE", logger: logger
                )
                var version: Int?
                for try await value in rows.decode(Int.self) { version = value }
                guard let version else { throw DirectoryError.notFound(resource: "Group", id: group.id) }
                guard version == expectedVersion else { throw DirectoryError.versionMismatch(id: group.id) }
                try await Self.checkUniqueName(connection, group, logger: logger)
                try await connection.query("""
                    UPDATE groups SET display_name = \(group.displayName), display_name_key = \(group.displayNameKey),
                        external_id = \(group.externalID), document = \(group.document.serializedString()), version = \(group.version),
                        last_modified = \(Timestamps.format(group.lastModified))
                    WHERE id = \(group.id) AND organization_id = \(group.organizationID)
                    """, logger: logger)
                try await Self.apply(changes, connection, groupID: group.id, organizationID: group.organizationID, logger: logger)
            }
        }
    }

    /// One transaction for all the patches, a savepoint each, as on SQLite.
    public func changeMembers(_ patches: [MemberPatch], organizationID: String, now: Date) async throws -> [Result<Int, any Error>] {
        let modified = Timestamps.format(now)
        return try await transaction { connection in
            var outcomes: [Result<Int, any Error>] = []
            for patch in patches {
                try await connection.query("SAVEPOINT member_patch", logger: logger)
                do {
                    let version = try await Self.change(patch, connection, organizationID: organizationID, modified: modified, logger: logger)
                    try await connection.query("RELEASE SAVEPOINT member_patch", logger: logger)
                    outcomes.append(.success(version))
                } catch {
                    try await connection.query("ROLLBACK TO SAVEPOINT member_patch", logger: logger)
                    outcomes.append(.failure(error))
                }
            }
            return outcomes
        }
    }

    private static func change(_ patch: MemberPatch, _ connection: PostgresConnection, organizationID: String, modified: String, logger: Logger) async throws -> Int {
        let rows = try await connection.query(
            "SELECT version FROM groups WHERE id = \(patch.groupID) AND organization_id = \(organizationID) FOR UPDATE", logger: logger
        )
        var stored: Int?
        for try await value in rows.decode(Int.self) { stored = value }
        guard let version = stored else { throw DirectoryError.notFound(resource: "Group", id: patch.groupID) }
        if let expected = patch.expectedVersion, expected != version { throw DirectoryError.versionMismatch(id: patch.groupID) }
        try await connection.query(
            "UPDATE groups SET version = \(version + 1), last_modified = \(modified) WHERE id = \(patch.groupID) AND organization_id = \(organizationID)",
            logger: logger
        )
        try await apply(patch.changes, connection, groupID: patch.groupID, organizationID: organizationID, logger: logger)
        return version + 1
    }

    private static func apply(_ changes: [MemberChange], _ connection: PostgresConnection, groupID: String, organizationID: String, logger: Logger) async throws {
        for change in changes {
            switch change {
            case .add(let ids):
                try await addMembers(connection, groupID: groupID, organizationID: organizationID, ids: ids, logger: logger)
            case .remove(let ids):
                for id in ids {
                    try await connection.query("DELETE FROM group_members WHERE group_id = \(groupID) AND member_id = \(id)", logger: logger)
                }
            case .removeAll:
                try await connection.query("DELETE FROM group_members WHERE group_id = \(groupID)", logger: logger)
            case .replace(let ids):
                try await connection.query("DELETE FROM group_members WHERE group_id = \(groupID)", logger: logger)
                try await addMembers(connection, groupID: groupID, organizationID: organizationID, ids: ids, logger: logger)
            }
        }
    }

    public func deleteGroup(id: String, organizationID: String) async throws -> Bool {
        try await transaction { connection in
            var deleted = false
            let rows = try await connection.query("DELETE FROM groups WHERE id = \(id) AND organization_id = \(organizationID) RETURNING id", logger: logger)
            for try await _ in rows.decode(String.self) { deleted = true }
            if deleted { try await connection.query("DELETE FROM group_members WHERE member_id = \(id)", logger: logger) }
            return deleted
        }
    }

    public func groups(organizationID: String, query: ResourceQuery) async throws -> (total: Int, groups: [StoredGroup]) {
        let queries = Self.listQueries(columns: Self.groupColumns, table: "groups", nameKeyColumn: "display_name_key", organizationID: organizationID, query: query)
        let total = try await count(queries.count)
        var groups: [StoredGroup] = []
        for try await row in try await client.query(queries.page, logger: logger).decode(GroupRow.self) { groups.append(try Self.group(row)) }
        return (total, groups)
    }

    private static func checkUniqueName(_ connection: PostgresConnection, _ group: StoredGroup, logger: Logger) async throws {
        let rows = try await connection.query("""
            SELECT id FROM groups WHERE organization_id = \(group.organizationID) AND display_name_key = \(group.displayNameKey) AND id <> \(group.id)
            """, logger: logger)
        for try await existing in rows.decode(String.self) {
            throw DirectoryError.rule(.nameConflict, attribute: "displayName", detail: "a group named \"\(group.displayName)\" already exists in this organization", existingID: existing)
        }
    }

    private static func addMembers(_ connection: PostgresConnection, groupID: String, organizationID: String, ids: [String], logger: Logger) async throws {
        guard !ids.isEmpty else { return }
        // The users of the organization among them, the common case, go in
        // by one statement, the ids bound as one text array (as on SQLite).
        try await connection.query("""
            INSERT INTO group_members (group_id, member_id, member_type)
            SELECT \(groupID), users.id, 'User' FROM unnest(\(ids)::text[]) AS given(id) JOIN users ON users.id = given.id
            WHERE users.organization_id = \(organizationID)
            ON CONFLICT DO NOTHING
            """, logger: logger)
        // The others are members already, groups, or not of the organization.
        let rows = try await connection.query("""
            SELECT DISTINCT given.id FROM unnest(\(ids)::text[]) AS given(id)
            WHERE NOT EXISTS (SELECT 1 FROM group_members WHERE group_id = \(groupID) AND member_id = given.id)
            """, logger: logger)
        var others: Set<String> = []
        for try await id in rows.decode(String.self) { others.insert(id) }
        // In the order given, so that the first refused member is the one named.
        for id in ids where others.remove(id) != nil {
            let found = try await connection.query("SELECT id FROM groups WHERE id = \(id) AND organization_id = \(organizationID)", logger: logger)
            var isGroup = false
            for try await _ in found.decode(String.self) { isGroup = true }
            guard isGroup else {
                throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidValue, detail: "member \(id) is not a user or group of this organization", attribute: "members"))
            }
            try await connection.query(
                "INSERT INTO group_members (group_id, member_id, member_type) VALUES (\(groupID), \(id), 'Group') ON CONFLICT DO NOTHING", logger: logger
            )
        }
    }

    private func mappingNameViolation(_ group: StoredGroup, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DirectoryError.rule(.nameConflict, attribute: "displayName", detail: "a group named \"\(group.displayName)\" already exists in this organization")
        }
    }

    private static func group(_ row: GroupRow) throws -> StoredGroup {
        let (id, organization, name, externalID, document, version, created, modified) = row
        return StoredGroup(
            id: id, organizationID: organization, displayName: name, externalID: externalID, document: try JSON(parsing: document),
            version: version, created: Timestamps.parse(created) ?? Date(timeIntervalSince1970: 0),
            lastModified: Timestamps.parse(modified) ?? Date(timeIntervalSince1970: 0)
        )
    }
}
