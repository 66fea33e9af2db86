import Foundation
import Logging
import PostgresNIO
import SCIM

extension PostgresDirectoryStore {
    public func addDomain(_ domain: Domain) async throws {
        defer { bearers.invalidate() }
        do {
            try await client.query("""
                INSERT INTO domains (organization_id, name, token, verified_at, created_at)
                VALUES (\(domain.organizationID), \(domain.name), \(domain.token), NULL, \(Timestamps.format(domain.createdAt)))
                """, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DirectoryError.invalidArgument("the organization already has the domain \(domain.name)")
        }
    }

    public func domains(organizationID: String) async throws -> [Domain] {
        let rows = try await client.query(
            "SELECT organization_id, name, token, verified_at, created_at FROM domains WHERE organization_id = \(organizationID) ORDER BY name",
            logger: logger
        )
        var domains: [Domain] = []
        for try await (organization, name, token, verified, created) in rows.decode((String, String, String, String?, String).self) {
            domains.append(Domain(
                organizationID: organization, name: name, token: token, verifiedAt: verified.flatMap(Timestamps.parse),
                createdAt: Timestamps.parse(created) ?? Date(timeIntervalSince1970: 0)
            ))
        }
        return domains
    }

    public func verifyDomain(_ name: String, organizationID: String) async throws {
        defer { bearers.invalidate() }
        do {
            try await transaction { connection in
                let rows = try await connection.query(
                    "UPDATE domains SET verified_at = COALESCE(verified_at, \(Timestamps.format(Timestamps.now()))) WHERE organization_id = \(organizationID) AND name = \(name) RETURNING name",
                    logger: logger
                )
                var found = false
                for try await _ in rows.decode(String.self) { found = true }
                guard found else { throw DirectoryError.notFound(resource: "Domain", id: name) }
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DirectoryError.rule(.alreadyExists, attribute: "domain", detail: "another organization has verified \(name)")
        }
    }

    public func removeDomain(_ name: String, organizationID: String) async throws -> Bool {
        defer { bearers.invalidate() }
        let rows = try await client.query(
            "DELETE FROM domains WHERE organization_id = \(organizationID) AND name = \(name) RETURNING name", logger: logger
        )
        for try await _ in rows.decode(String.self) { return true }
        return false
    }
}
