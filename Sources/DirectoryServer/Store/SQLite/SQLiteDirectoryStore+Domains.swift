import Foundation
import GRDB
import SCIM

extension SQLiteDirectoryStore {
    public func addDomain(_ domain: Domain) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM domains WHERE organization_id = ? AND name = ?", arguments: [domain.organizationID, domain.name]) == true {
                throw DirectoryError.invalidArgument("the organization already has the domain \(domain.name)")
            }
            try db.execute(
                sql: "INSERT INTO domains (organization_id, name, token, verified_at, created_at) VALUES (?, ?, ?, NULL, ?)",
                arguments: [domain.organizationID, domain.name, domain.token, SQLiteDates.format(domain.createdAt)]
            )
        }
    }

    public func domains(organizationID: String) async throws -> [Domain] {
        try readers.readOne { db in
            try Row.fetchAll(db, sql: "SELECT * FROM domains WHERE organization_id = ? ORDER BY name", arguments: [organizationID]).map { row in
                Domain(
                    organizationID: row["organization_id"], name: row["name"], token: row["token"],
                    verifiedAt: (row["verified_at"] as String?).map(SQLiteDates.parse), createdAt: SQLiteDates.parse(row["created_at"])
                )
            }
        }
    }

    public func verifyDomain(_ name: String, organizationID: String) async throws {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM domains WHERE organization_id = ? AND name = ?", arguments: [organizationID, name]) == true else {
                throw DirectoryError.notFound(resource: "Domain", id: name)
            }
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM domains WHERE name = ? AND organization_id <> ? AND verified_at IS NOT NULL", arguments: [name, organizationID]
            ) == true {
                throw DirectoryError.rule(.alreadyExists, attribute: "domain", detail: "another organization has verified \(name)")
            }
            try db.execute(
                sql: "UPDATE domains SET verified_at = COALESCE(verified_at, ?) WHERE organization_id = ? AND name = ?",
                arguments: [SQLiteDates.format(Timestamps.now()), organizationID, name]
            )
        }
    }

    public func removeDomain(_ name: String, organizationID: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM domains WHERE organization_id = ? AND name = ?", arguments: [organizationID, name])
            return db.changesCount > 0
        }
    }
}
