public import Foundation

/// Who a request to an OAuth endpoint says it is: from HTTP Basic or from
/// the `client_id` / `client_secret` parameters (RFC 6749 §2.3.1).
public struct ClientCredentials: Sendable, Hashable {
    public var id: String
    public var secret: String?

    public init(id: String, secret: String?) {
        self.id = id
        self.secret = secret
    }
}

/// The OAuth 2.0 grants: client credentials (RFC 6749 §4.4), refresh with
/// rotation (§6), the device authorization grant (RFC 8628) and
/// revocation (RFC 7009). No HTTP here: `OAuthRoutes` parses and answers.
public struct OAuthService: Sendable {
    let store: any DirectoryStore
    let policy: OAuthPolicy
    let clock: @Sendable () -> Date

    public init(store: any DirectoryStore, policy: OAuthPolicy, clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    // MARK: Client authentication

    /// RFC 6749 §2.3: a confidential client proves its secret; a public one
    /// only names itself. Every failure is `invalid_client` and says which.
    public func authenticate(_ credentials: ClientCredentials?) async throws -> OAuthClient {
        guard let credentials else {
            throw OAuthError(.invalidClient, "the request names no client: send client_id (and client_secret) or HTTP Basic authentication")
        }
        guard let client = try await store.client(id: credentials.id) else {
            throw OAuthError(.invalidClient, "no client \(credentials.id) is registered")
        }
        switch client.kind {
        case .confidential:
            guard let secret = credentials.secret, let expected = client.secretHash,
                  Self.constantTimeEqual(AccessTokens.hash(secret), expected)
            else {
                throw OAuthError(.invalidClient, "the client secret of \(client.id) is missing or wrong")
            }
        case .public:
            guard credentials.secret == nil else {
                throw OAuthError(.invalidClient, "\(client.id) is a public client and has no secret; do not send one")
            }
        }
        return client
    }

    // MARK: Token endpoint

    /// RFC 6749 §4.4 and §6, RFC 8628 §3.4: the token endpoint.
    public func token(grantType: String?, parameters: [String: String], credentials: ClientCredentials?) async throws -> TokenGrant {
        guard let grantType else { throw OAuthError(.invalidRequest, "grant_type is missing") }
        guard let grant = OAuthGrantType(rawValue: grantType) else {
            let known = OAuthGrantType.allCases.map(\.rawValue).joined(separator: ", ")
            throw OAuthError(.unsupportedGrantType, "grant_type \(grantType) is not supported; supported: \(known)")
        }
        let client = try await authenticate(credentials)
        guard client.grantTypes.contains(grant) else {
            throw OAuthError(.unauthorizedClient, "client \(client.id) is not allowed the \(grant.rawValue) grant")
        }
        switch grant {
        case .clientCredentials:
            let scopes = try Self.requestedScopes(parameters["scope"], allowed: client.scopes, of: "client \(client.id)")
            return try await issue(client: client, scopes: scopes, withRefresh: false, familyID: nil, subjectUserID: nil)
        case .refreshToken:
            return try await refresh(client: client, parameters: parameters)
        case .deviceCode:
            return try await exchangeDeviceCode(client: client, parameters: parameters)
        }
    }

    private func refresh(client: OAuthClient, parameters: [String: String]) async throws -> TokenGrant {
        guard let presented = parameters["refresh_token"] else { throw OAuthError(.invalidRequest, "refresh_token is missing") }
        let now = clock()
        let hash = AccessTokens.hash(presented)
        guard let record = try await store.token(hash: hash), record.kind == .refresh, record.clientID == client.id else {
            throw OAuthError(.invalidGrant, "the refresh token is not valid for client \(client.id)")
        }
        if record.revokedAt != nil { throw OAuthError(.invalidGrant, "the refresh token was revoked; sign in again") }
        if let expiry = record.expiresAt, expiry <= now { throw OAuthError(.invalidGrant, "the refresh token expired; sign in again") }
        let scopes = try Self.requestedScopes(parameters["scope"], allowed: record.scopes, of: "the refresh token")
        guard try await store.spendRefreshToken(hash: hash, at: now, graceStart: now.addingTimeInterval(-policy.refreshGrace)) != nil else {
            // A spent token presented again after the grace period: someone
            // else may hold a copy, so the whole sign-in is revoked.
            if let family = record.familyID { try await store.revokeFamily(family, at: now) }
            throw OAuthError(.invalidGrant, "the refresh token was already used; every token of this sign-in is now revoked, sign in again")
        }
        // RFC 6749 §6: the new refresh token keeps the original scope; the
        // access token may be narrower.
        var grant = try await issue(
            client: client, scopes: record.scopes, withRefresh: true, familyID: record.familyID, subjectUserID: record.subjectUserID,
            accessScopes: scopes
        )
        grant.scopes = scopes
        return grant
    }

    private func exchangeDeviceCode(client: OAuthClient, parameters: [String: String]) async throws -> TokenGrant {
        guard let deviceCode = parameters["device_code"] else { throw OAuthError(.invalidRequest, "device_code is missing") }
        let hash = AccessTokens.hash(deviceCode)
        guard let authorization = try await store.deviceAuthorization(deviceCodeHash: hash), authorization.clientID == client.id else {
            throw OAuthError(.invalidGrant, "the device code is not valid for client \(client.id)")
        }
        let now = clock()
        switch DevicePoll.decide(authorization, at: now) {
        case .pending:
            try await store.recordDevicePoll(deviceCodeHash: hash, at: now, interval: authorization.interval)
            throw OAuthError(.authorizationPending, "waiting for an administrator to approve code \(UserCodes.display(authorization.userCode))")
        case .slowDown(let interval):
            try await store.recordDevicePoll(deviceCodeHash: hash, at: now, interval: interval)
            throw OAuthError(.slowDown, "polling too fast: wait \(interval) seconds between requests")
        case .denied:
            throw OAuthError(.accessDenied, "an administrator denied code \(UserCodes.display(authorization.userCode))")
        case .expired:
            throw OAuthError(.expiredToken, "the device code expired; start the sign-in again")
        case .used:
            throw OAuthError(.invalidGrant, "the device code was already exchanged for tokens")
        case .approved:
            guard try await store.consumeDeviceAuthorization(deviceCodeHash: hash) else {
                throw OAuthError(.invalidGrant, "the device code was already exchanged for tokens")
            }
            return try await issue(
                client: client, scopes: authorization.scopes, withRefresh: client.grantTypes.contains(.refreshToken),
                familyID: Identifiers.make(), subjectUserID: authorization.subjectUserID
            )
        }
    }

    private func issue(
        client: OAuthClient, scopes: Set<Scope>, withRefresh: Bool, familyID: String?, subjectUserID: String?,
        accessScopes: Set<Scope>? = nil
    ) async throws -> TokenGrant {
        let now = clock()
        let access = AccessTokens.mint(prefix: "dsa_")
        var records = [AccessTokenRecord(
            hash: AccessTokens.hash(access), organizationID: client.organizationID, scopes: accessScopes ?? scopes,
            label: client.name, kind: .access, clientID: client.id, familyID: familyID, subjectUserID: subjectUserID,
            createdAt: now, expiresAt: now.addingTimeInterval(policy.accessTokenLifetime)
        )]
        var refresh: String?
        if withRefresh {
            let token = AccessTokens.mint(prefix: "dsr_")
            refresh = token
            records.append(AccessTokenRecord(
                hash: AccessTokens.hash(token), organizationID: client.organizationID, scopes: scopes, label: client.name,
                kind: .refresh, clientID: client.id, familyID: familyID, subjectUserID: subjectUserID, createdAt: now,
                expiresAt: now.addingTimeInterval(policy.refreshTokenLifetime)
            ))
        }
        try await store.saveTokens(records)
        return TokenGrant(accessToken: access, expiresIn: Int(policy.accessTokenLifetime), refreshToken: refresh, scopes: accessScopes ?? scopes)
    }

    // MARK: Device authorization endpoint

    /// RFC 8628 §3.1–3.2.
    public func authorizeDevice(scope: String?, credentials: ClientCredentials?, verificationURI: String) async throws -> DeviceAuthorizationGrant {
        let client = try await authenticate(credentials)
        guard client.grantTypes.contains(.deviceCode) else {
            throw OAuthError(.unauthorizedClient, "client \(client.id) is not allowed the device authorization grant")
        }
        let scopes = try Self.requestedScopes(scope, allowed: client.scopes, of: "client \(client.id)")
        let now = clock()
        let deviceCode = AccessTokens.mint(prefix: "dsdc_")
        // A clash of user codes (one in 2^34) fails the unique index; draw again.
        for attempt in 1...3 {
            let userCode = UserCodes.make()
            do {
                try await store.saveDeviceAuthorization(DeviceAuthorization(
                    deviceCodeHash: AccessTokens.hash(deviceCode), userCode: userCode, clientID: client.id,
                    organizationID: client.organizationID, scopes: scopes, createdAt: now,
                    expiresAt: now.addingTimeInterval(policy.deviceCodeLifetime), interval: policy.devicePollInterval
                ))
                return DeviceAuthorizationGrant(
                    deviceCode: deviceCode, userCode: userCode, verificationURI: verificationURI,
                    expiresIn: Int(policy.deviceCodeLifetime), interval: policy.devicePollInterval
                )
            } catch {
                let clash = try await store.deviceAuthorization(userCode: userCode) != nil
                guard clash, attempt < 3 else { throw error }
            }
        }
        throw OAuthError(.invalidRequest, "could not allocate a user code; try again")
    }

    // MARK: Revocation

    /// RFC 7009 §2.1: revokes a token issued to the calling client. A
    /// refresh token takes its whole grant with it. Unknown tokens are not
    /// an error (§2.2).
    public func revoke(token: String?, credentials: ClientCredentials?) async throws {
        let client = try await authenticate(credentials)
        guard let token else { throw OAuthError(.invalidRequest, "token is missing") }
        let hash = AccessTokens.hash(token)
        guard let record = try await store.token(hash: hash) else { return }
        guard record.clientID == client.id else {
            throw OAuthError(.unauthorizedClient, "the token was not issued to client \(client.id)")
        }
        if record.kind == .refresh, let family = record.familyID {
            try await store.revokeFamily(family, at: clock())
        } else {
            try await store.revokeToken(hash: hash, at: clock())
        }
    }

    // MARK: Scopes

    /// RFC 6749 §3.3: no `scope` means all the client may have; asking for
    /// more, or for a scope that does not exist, is `invalid_scope`.
    static func requestedScopes(_ text: String?, allowed: Set<Scope>, of holder: String) throws -> Set<Scope> {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return allowed }
        var scopes = Set<Scope>()
        var unknown: [String] = []
        for name in text.split(separator: " ") {
            if let scope = Scope(rawValue: String(name)) { scopes.insert(scope) } else { unknown.append(String(name)) }
        }
        if !unknown.isEmpty {
            throw OAuthError(.invalidScope, "unknown scope \(unknown.joined(separator: ", ")); known: \(Scope.allCases.map(\.rawValue).joined(separator: " "))")
        }
        let beyond = scopes.subtracting(allowed)
        guard beyond.isEmpty else {
            throw OAuthError(.invalidScope, "\(holder) may not have \(beyond.scopeString); it may have: \(allowed.scopeString)")
        }
        return scopes
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for (p, q) in zip(x, y) { difference |= p ^ q }
        return difference == 0
    }
}

extension OAuthService {
    /// An administrator approves or denies the code an agent shows (RFC 8628
    /// §3.3): only an active owner or admin of the client's organization may.
    public func decideDevice(userCode typed: String, by user: StoredUser, approve: Bool) async throws {
        guard let userCode = UserCodes.normalize(typed) else {
            throw DirectoryError.invalidArgument("\"\(typed)\" is not a user code: eight letters such as BCDF-GHJK")
        }
        guard let authorization = try await store.deviceAuthorization(userCode: userCode),
              authorization.organizationID == user.organizationID
        else {
            throw DirectoryError.invalidArgument("no sign-in is waiting for code \(UserCodes.display(userCode)); check the code the agent shows")
        }
        guard user.active, user.role == .owner || user.role == .admin else {
            throw DirectoryError.forbidden("\(user.userName) is not an active owner or administrator of the organization, so cannot approve sign-ins")
        }
        guard try await store.decideDeviceAuthorization(userCode: userCode, approve: approve, by: user.id, at: clock()) else {
            throw DirectoryError.invalidArgument("code \(UserCodes.display(userCode)) has expired or was already decided; start the sign-in again")
        }
    }
}
