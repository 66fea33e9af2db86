import Foundation
import Logging
import PostgresNIO
public import SCIM

extension PostgresDirectoryStore {
    public func addField(_ rule: FieldRule, organizationID: String) async throws {
        defer { bearers.invalidate() }
        do {
            try await client.query(
                "INSERT INTO custom_fields (organization_id, name_key, rule) VALUES (\(organizationID), \(rule.nameKey), \(try rule.storedText))",
                logger: logger
            )
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DirectoryError.invalidArgument("the organization already has a field named \(rule.name)")
        }
    }

    public func updateField(_ rule: FieldRule, organizationID: String) async throws -> Bool {
        defer { bearers.invalidate() }
        let rows = try await client.query(
            "UPDATE custom_fields SET rule = \(try rule.storedText) WHERE organization_id = \(organizationID) AND name_key = \(rule.nameKey) RETURNING name_key",
            logger: logger
        )
        for try await _ in rows.decode(String.self) { return true }
        return false
    }

    public func deleteField(_ name: String, organizationID: String) async throws -> Bool {
        defer { bearers.invalidate() }
        let rows = try await client.query(
            "DELETE FROM custom_fields WHERE organization_id = \(organizationID) AND name_key = \(name.lowercased()) RETURNING name_key", logger: logger
        )
        for try await _ in rows.decode(String.self) { return true }
        return false
    }

    public func fields(organizationID: String) async throws -> [FieldRule] {
        let rows = try await client.query(
            "SELECT rule FROM custom_fields WHERE organization_id = \(organizationID) ORDER BY name_key", logger: logger
        )
        var rules: [FieldRule] = []
        for try await text in rows.decode(String.self) { rules.append(try FieldRule(storedText: text)) }
        return rules
    }
}
