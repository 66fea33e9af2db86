public import Foundation
import GRDB
import SCIM

extension SQLiteDirectoryStore {
    // MARK: Clients

    public func saveClient(_ client: OAuthClient) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO oauth_clients (id, organization_id, name, kind, secret_hash, scopes, grant_types, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [client.id, client.organizationID, client.name, client.kind.rawValue, client.secretHash,
                            client.scopes.scopeString, OAuthRows.grantString(client.grantTypes), SQLiteDates.format(client.createdAt)]
            )
        }
    }

    public func client(id: String) async throws -> OAuthClient? {
        try readers.readOne { db in
            try Row.fetchOne(db, sql: "SELECT * FROM oauth_clients WHERE id = ?", arguments: [id]).map { row in
                OAuthClient(
                    id: row["id"], organizationID: row["organization_id"], name: row["name"],
                    kind: OAuthClient.Kind(rawValue: row["kind"]) ?? .public, secretHash: row["secret_hash"],
                    scopes: Set(scopeString: row["scopes"]), grantTypes: OAuthRows.grants(row["grant_types"]),
                    createdAt: SQLiteDates.parse(row["created_at"])
                )
            }
        }
    }

    // MARK: Tokens

    public func saveTokens(_ tokens: [AccessTokenRecord]) async throws {
        try await pool.write { db in
            for token in tokens {
                try db.execute(
                    sql: """
                        INSERT INTO access_tokens (hash, organization_id, scopes, label, created_at, expires_at, kind, client_id, family_id, subject_user_id, revoked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [token.hash, token.organizationID, token.scopes.scopeString, token.label,
                                SQLiteDates.format(token.createdAt), token.expiresAt.map(SQLiteDates.format), token.kind.rawValue,
                                token.clientID, token.familyID, token.subjectUserID, token.revokedAt.map(SQLiteDates.format)]
                )
            }
        }
    }

    public func token(hash: String) async throws -> AccessTokenRecord? {
        try readers.readOne { db in
            try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE hash = ?", arguments: [hash]).map(Self.token(from:))
        }
    }

    public func bearer(hash: String) async throws -> Bearer? {
        let (cached, generation) = bearers.lookup(hash)
        if let cached { return cached }
        let bearer = try readBearer(hash: hash)
        if let bearer { bearers.insert(bearer, hash: hash, generation: generation) }
        return bearer
    }

    private func readBearer(hash: String) throws -> Bearer? {
        try readers.read { db in
            // Columns by position: a lookup by name lower-cases every
            // column name it compares.
            let statement = try db.cachedStatement(sql: """
                SELECT t.hash, t.organization_id, t.scopes, t.label, t.kind, t.client_id, t.family_id, t.subject_user_id,
                       t.created_at, t.expires_at, t.revoked_at, o.name, o.deployment, o.plan_name, o.seat_limit, o.created_at
                FROM access_tokens t JOIN organizations o ON o.id = t.organization_id WHERE t.hash = ?
                """)
            guard let row = try Row.fetchOne(statement, arguments: [hash]) else { return nil }
            let token = AccessTokenRecord(
                hash: row[0], organizationID: row[1], scopes: Set(scopeString: row[2]), label: row[3],
                kind: AccessTokenRecord.Kind(rawValue: row[4]) ?? .api, clientID: row[5], familyID: row[6], subjectUserID: row[7],
                createdAt: SQLiteDates.parse(row[8]), expiresAt: (row[9] as String?).map(SQLiteDates.parse),
                revokedAt: (row[10] as String?).map(SQLiteDates.parse)
            )
            let organization = Organization(
                id: token.organizationID, name: row[11], deployment: row[12],
                plan: Plan(name: row[13], seatLimit: row[14]), createdAt: SQLiteDates.parse(row[15])
            )
            let fields = try String.fetchAll(
                db.cachedStatement(sql: "SELECT rule FROM custom_fields WHERE organization_id = ? ORDER BY name_key"), arguments: [organization.id]
            ).map(FieldRule.init(storedText:))
            let domains = try String.fetchAll(
                db.cachedStatement(sql: "SELECT name FROM domains WHERE organization_id = ? AND verified_at IS NOT NULL"), arguments: [organization.id]
            )
            return Bearer(token: token, organization: organization, rules: OrganizationRules(fields: fields, verifiedDomains: Set(domains)))
        }
    }

    public func spendRefreshToken(hash: String, at now: Date, graceStart: Date) async throws -> AccessTokenRecord? {
        try await pool.write { db in
            try Row.fetchOne(
                db,
                sql: """
                    UPDATE access_tokens SET uses = uses + 1, first_used_at = COALESCE(first_used_at, ?)
                    WHERE hash = ? AND kind = 'refresh' AND revoked_at IS NULL
                      AND (uses = 0 OR (uses = 1 AND first_used_at >= ?))
                    RETURNING *
                    """,
                arguments: [SQLiteDates.format(now), hash, SQLiteDates.format(graceStart)]
            ).map(Self.token(from:))
        }
    }

    public func revokeToken(hash: String, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE access_tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL",
                arguments: [SQLiteDates.format(now), hash]
            )
        }
    }

    public func revokeFamily(_ familyID: String, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE access_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                arguments: [SQLiteDates.format(now), familyID]
            )
        }
    }

    static func token(from row: Row) -> AccessTokenRecord {
        AccessTokenRecord(
            hash: row["hash"], organizationID: row["organization_id"], scopes: Set(scopeString: row["scopes"]),
            label: row["label"], kind: AccessTokenRecord.Kind(rawValue: row["kind"]) ?? .api, clientID: row["client_id"],
            familyID: row["family_id"], subjectUserID: row["subject_user_id"], createdAt: SQLiteDates.parse(row["created_at"]),
            expiresAt: (row["expires_at"] as String?).map(SQLiteDates.parse), revokedAt: (row["revoked_at"] as String?).map(SQLiteDates.parse)
        )
    }

    // MARK: Device authorizations

    public func saveDeviceAuthorization(_ authorization: DeviceAuthorization) async throws {
        try await pool.write { db in
            // Expired codes go, so their user codes can be drawn again.
            try db.execute(sql: "DELETE FROM device_authorizations WHERE expires_at < ?", arguments: [SQLiteDates.format(authorization.createdAt)])
            try db.execute(
                sql: """
                    INSERT INTO device_authorizations (device_code_hash, user_code, client_id, organization_id, scopes, status,
                        subject_user_id, created_at, expires_at, poll_interval, last_polled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [authorization.deviceCodeHash, authorization.userCode, authorization.clientID, authorization.organizationID,
                            authorization.scopes.scopeString, authorization.status.rawValue, authorization.subjectUserID,
                            SQLiteDates.format(authorization.createdAt), SQLiteDates.format(authorization.expiresAt),
                            authorization.interval, authorization.lastPolledAt.map(SQLiteDates.format)]
            )
        }
    }

    public func deviceAuthorization(deviceCodeHash: String) async throws -> DeviceAuthorization? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM device_authorizations WHERE device_code_hash = ?", arguments: [deviceCodeHash])
                .map(Self.deviceAuthorization(from:))
        }
    }

    public func deviceAuthorization(userCode: String) async throws -> DeviceAuthorization? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM device_authorizations WHERE user_code = ?", arguments: [userCode])
                .map(Self.deviceAuthorization(from:))
        }
    }

    public func decideDeviceAuthorization(userCode: String, approve: Bool, by subjectUserID: String, at now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE device_authorizations SET status = ?, subject_user_id = ?
                    WHERE user_code = ? AND status = 'pending' AND expires_at > ?
                    """,
                arguments: [approve ? "approved" : "denied", subjectUserID, userCode, SQLiteDates.format(now)]
            )
            return db.changesCount > 0
        }
    }

    public func recordDevicePoll(deviceCodeHash: String, at now: Date, interval: Int) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE device_authorizations SET last_polled_at = ?, poll_interval = ? WHERE device_code_hash = ?",
                arguments: [SQLiteDates.format(now), interval, deviceCodeHash]
            )
        }
    }

    public func consumeDeviceAuthorization(deviceCodeHash: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE device_authorizations SET status = 'used' WHERE device_code_hash = ? AND status = 'approved'",
                arguments: [deviceCodeHash]
            )
            return db.changesCount > 0
        }
    }

    static func deviceAuthorization(from row: Row) -> DeviceAuthorization {
        DeviceAuthorization(
            deviceCodeHash: row["device_code_hash"], userCode: row["user_code"], clientID: row["client_id"],
            organizationID: row["organization_id"], scopes: Set(scopeString: row["scopes"]),
            status: DeviceAuthorization.Status(rawValue: row["status"]) ?? .denied, subjectUserID: row["subject_user_id"],
            createdAt: SQLiteDates.parse(row["created_at"]), expiresAt: SQLiteDates.parse(row["expires_at"]),
            interval: row["poll_interval"], lastPolledAt: (row["last_polled_at"] as String?).map(SQLiteDates.parse)
        )
    }
}
