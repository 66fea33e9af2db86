import Foundation
import GRDB
public import SCIM

extension SQLiteDirectoryStore {
    public func addField(_ rule: FieldRule, organizationID: String) async throws {
        let text = try rule.storedText
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM custom_fields WHERE organization_id = ? AND name_key = ?", arguments: [organizationID, rule.nameKey]) == true {
                throw DirectoryError.invalidArgument("the organization already has a field named \(rule.name)")
            }
            try db.execute(
                sql: "INSERT INTO custom_fields (organization_id, name_key, rule) VALUES (?, ?, ?)",
                arguments: [organizationID, rule.nameKey, text]
            )
        }
    }

    public func updateField(_ rule: FieldRule, organizationID: String) async throws -> Bool {
        let text = try rule.storedText
        return try await pool.write { db in
            try db.execute(
                sql: "UPDATE custom_fields SET rule = ? WHERE organization_id = ? AND name_key = ?",
                arguments: [text, organizationID, rule.nameKey]
            )
            return db.changesCount > 0
        }
    }

    public func deleteField(_ name: String, organizationID: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM custom_fields WHERE organization_id = ? AND name_key = ?", arguments: [organizationID, name.lowercased()])
            return db.changesCount > 0
        }
    }

    public func fields(organizationID: String) async throws -> [FieldRule] {
        try readers.readOne { db in
            try String.fetchAll(db, sql: "SELECT rule FROM custom_fields WHERE organization_id = ? ORDER BY name_key", arguments: [organizationID])
                .map(FieldRule.init(storedText:))
        }
    }
}
