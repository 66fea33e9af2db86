public import Foundation
import PostgresNIO

extension PostgresDirectoryStore {
    // MARK: Clients

    public func saveClient(_ client: OAuthClient) async throws {
        try await self.client.query("""
            INSERT INTO oauth_clients (id, organization_id, name, kind, secret_hash, scopes, grant_types, created_at)
            VALUES (\(client.id), \(client.organizationID), \(client.name), \(client.kind.rawValue), \(client.secretHash),
                    \(client.scopes.scopeString), \(OAuthRows.grantString(client.grantTypes)), \(Timestamps.format(client.createdAt)))
            """, logger: logger)
    }

    public func client(id: String) async throws -> OAuthClient? {
        let rows = try await client.query(
            "SELECT id, organization_id, name, kind, secret_hash, scopes, grant_types, created_at FROM oauth_clients WHERE id = \(id)",
            logger: logger
        )
        for try await (id, organization, name, kind, secret, scopes, grants, created) in rows.decode((String, String, String, String, String?, String, String, String).self) {
            return OAuthClient(
                id: id, organizationID: organization, name: name, kind: OAuthClient.Kind(rawValue: kind) ?? .public,
                secretHash: secret, scopes: Set(scopeString: scopes), grantTypes: OAuthRows.grants(grants),
                createdAt: Self.date(created)
            )
        }
        return nil
    }

    // MARK: Tokens

    static let tokenColumns = "hash, organization_id, scopes, label, created_at, expires_at, kind, client_id, family_id, subject_user_id, revoked_at"
    typealias TokenRow = (String, String, String, String, String, String?, String, String?, String?, String?, String?)

    public func saveTokens(_ tokens: [AccessTokenRecord]) async throws {
        defer { bearers.invalidate() }
        try await transaction { connection in
            for token in tokens {
                try await connection.query("""
                    INSERT INTO access_tokens (\(unescaped: Self.tokenColumns))
                    VALUES (\(token.hash), \(token.organizationID), \(token.scopes.scopeString), \(token.label),
                            \(Timestamps.format(token.createdAt)), \(token.expiresAt.map(Timestamps.format)), \(token.kind.rawValue),
                            \(token.clientID), \(token.familyID), \(token.subjectUserID), \(token.revokedAt.map(Timestamps.format)))
                    """, logger: logger)
            }
        }
    }

    public func token(hash: String) async throws -> AccessTokenRecord? {
        try await firstToken(client.query("SELECT \(unescaped: Self.tokenColumns) FROM access_tokens WHERE hash = \(hash)", logger: logger))
    }

    public func bearer(hash: String) async throws -> Bearer? {
        let (cached, generation) = bearers.lookup(hash)
        if let cached { return cached }
        let bearer = try await readBearer(hash: hash)
        if let bearer { bearers.insert(bearer, hash: hash, generation: generation) }
        return bearer
    }

    /// The token with its organization, fields and verified domains, as
    /// stored.
    private func readBearer(hash: String) async throws -> Bearer? {
        let rows = try await client.query("""
            SELECT t.hash, t.organization_id, t.scopes, t.label, t.created_at, t.expires_at, t.kind, t.client_id, t.family_id,
                   t.subject_user_id, t.revoked_at, o.name, o.deployment, o.plan_name, o.seat_limit, o.created_at
            FROM access_tokens t JOIN organizations o ON o.id = t.organization_id WHERE t.hash = \(hash)
            """, logger: logger)
        typealias Joined = (String, String, String, String, String, String?, String, String?, String?, String?, String?, String, String, String, Int, String)
        for try await row in rows.decode(Joined.self) {
            let token = Self.token((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10))
            let organization = Organization(
                id: token.organizationID, name: row.11, deployment: row.12, plan: Plan(name: row.13, seatLimit: row.14),
                createdAt: Self.date(row.15)
            )
            let verified = try await domains(organizationID: organization.id).filter(\.isVerified).map(\.name)
            let rules = OrganizationRules(fields: try await fields(organizationID: organization.id), verifiedDomains: Set(verified))
            return Bearer(token: token, organization: organization, rules: rules)
        }
        return nil
    }

    public func spendRefreshToken(hash: String, at now: Date, graceStart: Date) async throws -> AccessTokenRecord? {
        defer { bearers.invalidate() }
        // One statement: PostgreSQL's row lock makes a concurrent spend of
        // the same token wait, then re-check the WHERE clause.
        return try await firstToken(client.query("""
            UPDATE access_tokens SET uses = uses + 1, first_used_at = COALESCE(first_used_at, \(Timestamps.format(now)))
            WHERE hash = \(hash) AND kind = 'refresh' AND revoked_at IS NULL
              AND (uses = 0 OR (uses = 1 AND first_used_at >= \(Timestamps.format(graceStart))))
            RETURNING \(unescaped: Self.tokenColumns)
            """, logger: logger))
    }

    public func revokeToken(hash: String, at now: Date) async throws {
        defer { bearers.invalidate() }
        try await client.query(
            "UPDATE access_tokens SET revoked_at = \(Timestamps.format(now)) WHERE hash = \(hash) AND revoked_at IS NULL", logger: logger
        )
    }

    public func revokeFamily(_ familyID: String, at now: Date) async throws {
        defer { bearers.invalidate() }
        try await client.query(
            "UPDATE access_tokens SET revoked_at = \(Timestamps.format(now)) WHERE family_id = \(familyID) AND revoked_at IS NULL",
            logger: logger
        )
    }

    private func firstToken(_ rows: PostgresRowSequence) async throws -> AccessTokenRecord? {
        for try await row in rows.decode(TokenRow.self) { return Self.token(row) }
        return nil
    }

    static func token(_ row: TokenRow) -> AccessTokenRecord {
        let (hash, organization, scopes, label, created, expires, kind, clientID, family, subject, revoked) = row
        return AccessTokenRecord(
            hash: hash, organizationID: organization, scopes: Set(scopeString: scopes), label: label,
            kind: AccessTokenRecord.Kind(rawValue: kind) ?? .api, clientID: clientID, familyID: family, subjectUserID: subject,
            createdAt: Self.date(created), expiresAt: expires.flatMap(Timestamps.parse), revokedAt: revoked.flatMap(Timestamps.parse)
        )
    }

    // MARK: Device authorizations

    static let deviceColumns = """
        device_code_hash, user_code, client_id, organization_id, scopes, status, subject_user_id, created_at, expires_at,
        poll_interval, last_polled_at
        """
    typealias DeviceRow = (String, String, String, String, String, String, String?, String, String, Int, String?)

    public func saveDeviceAuthorization(_ authorization: DeviceAuthorization) async throws {
        try await transaction { connection in
            // Expired codes go, so their user codes can be drawn again.
            try await connection.query(
                "DELETE FROM device_authorizations WHERE expires_at < \(Timestamps.format(authorization.createdAt))", logger: logger
            )
            try await connection.query("""
                INSERT INTO device_authorizations (\(unescaped: Self.deviceColumns))
                VALUES (\(authorization.deviceCodeHash), \(authorization.userCode), \(authorization.clientID),
                        \(authorization.organizationID), \(authorization.scopes.scopeString), \(authorization.status.rawValue),
                        \(authorization.subjectUserID), \(Timestamps.format(authorization.createdAt)),
                        \(Timestamps.format(authorization.expiresAt)), \(authorization.interval),
                        \(authorization.lastPolledAt.map(Timestamps.format)))
                """, logger: logger)
        }
    }

    public func deviceAuthorization(deviceCodeHash: String) async throws -> DeviceAuthorization? {
        try await firstDevice(client.query(
            "SELECT \(unescaped: Self.deviceColumns) FROM device_authorizations WHERE device_code_hash = \(deviceCodeHash)", logger: logger
        ))
    }

    public func deviceAuthorization(userCode: String) async throws -> DeviceAuthorization? {
        try await firstDevice(client.query(
            "SELECT \(unescaped: Self.deviceColumns) FROM device_authorizations WHERE user_code = \(userCode)", logger: logger
        ))
    }

    public func decideDeviceAuthorization(userCode: String, approve: Bool, by subjectUserID: String, at now: Date) async throws -> Bool {
        let rows = try await client.query("""
            UPDATE device_authorizations SET status = \(approve ? "approved" : "denied"), subject_user_id = \(subjectUserID)
            WHERE user_code = \(userCode) AND status = 'pending' AND expires_at > \(Timestamps.format(now))
            RETURNING user_code
            """, logger: logger)
        for try await _ in rows.decode(String.self) { return true }
        return false
    }

    public func recordDevicePoll(deviceCodeHash: String, at now: Date, interval: Int) async throws {
        try await client.query("""
            UPDATE device_authorizations SET last_polled_at = \(Timestamps.format(now)), poll_interval = \(interval)
            WHERE device_code_hash = \(deviceCodeHash)
            """, logger: logger)
    }

    public func consumeDeviceAuthorization(deviceCodeHash: String) async throws -> Bool {
        let rows = try await client.query("""
            UPDATE device_authorizations SET status = 'used' WHERE device_code_hash = \(deviceCodeHash) AND status = 'approved'
            RETURNING user_code
            """, logger: logger)
        for try await _ in rows.decode(String.self) { return true }
        return false
    }

    private func firstDevice(_ rows: PostgresRowSequence) async throws -> DeviceAuthorization? {
        for try await row in rows.decode(DeviceRow.self) {
            let (hash, userCode, clientID, organization, scopes, status, subject, created, expires, interval, polled) = row
            return DeviceAuthorization(
                deviceCodeHash: hash, userCode: userCode, clientID: clientID, organizationID: organization,
                scopes: Set(scopeString: scopes), status: DeviceAuthorization.Status(rawValue: status) ?? .denied,
                subjectUserID: subject, createdAt: Self.date(created), expiresAt: Self.date(expires), interval: interval,
                lastPolledAt: polled.flatMap(Timestamps.parse)
            )
        }
        return nil
    }

    static func date(_ text: String) -> Date {
        Timestamps.parse(text) ?? Date(timeIntervalSince1970: 0)
    }
}
