import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("OAuth 2.0")
struct OAuthTests {
    @Test("client credentials over HTTP Basic: a one-hour access token that works on SCIM, no refresh token, never cached")
    func clientCredentials() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let answer = try await client.form(
                "/oauth/token", [("grant_type", "client_credentials")], authorization: fixture.basic(fixture.confidential.id, fixture.secret)
            )
            #expect(answer.status == .ok)
            #expect(answer.headers[.cacheControl] == "no-store")
            #expect(answer.json?["token_type"]?.stringValue == "Bearer")
            #expect(answer.json?["expires_in"]?.intValue == 3600)
            #expect(answer.json?["scope"]?.stringValue == "scim:groups:read scim:users:read scim:users:write")
            #expect(answer.refreshToken == nil)
            let token = try #require(answer.accessToken)
            #expect(try await client.scim(.get, "/Users", token: token).status == .ok)
            // The client was not given schema:read.
            #expect(try await client.scim(.get, "/Schemas", token: token).status == .forbidden)
            fixture.clock.advance(3601)
            let expired = try await client.scim(.get, "/Users", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.json?["detail"]?.stringValue == "the token has expired")
        }
    }

    @Test("client_secret_post works; a narrower scope gives a narrower token")
    func secretInBodyAndNarrowScope() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let answer = try await client.form("/oauth/token", [
                ("grant_type", "client_credentials"), ("client_id", fixture.confidential.id), ("client_secret", fixture.secret),
                ("scope", "scim:users:read"),
            ])
            let token = try #require(answer.accessToken)
            #expect(answer.json?["scope"]?.stringValue == "scim:users:read")
            #expect(try await client.scim(.get, "/Users", token: token).status == .ok)
            #expect(try await client.scim(.post, "/Users", token: token, body: userBody("a@example.com")).status == .forbidden)
        }
    }

    @Test("invalid_client (401 with a Basic challenge) and invalid_scope, each saying what was wrong")
    func clientAndScopeErrors() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let wrongSecret = try await client.form(
                "/oauth/token", [("grant_type", "client_credentials")], authorization: fixture.basic(fixture.confidential.id, "dss_wrong")
            )
            #expect(wrongSecret.status == .unauthorized)
            #expect(wrongSecret.error == "invalid_client")
            #expect(wrongSecret.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            let unknown = try await client.form("/oauth/token", [("grant_type", "client_credentials"), ("client_id", "dsc_nobody"), ("client_secret", "x")])
            #expect(unknown.error == "invalid_client")
            #expect(unknown.json?["error_description"]?.stringValue?.contains("dsc_nobody") == true)
            let anonymous = try await client.form("/oauth/token", [("grant_type", "client_credentials")])
            #expect(anonymous.error == "invalid_client")
            let beyond = try await client.form(
                "/oauth/token", [("grant_type", "client_credentials"), ("scope", "scim:schema:read")],
                authorization: fixture.basic(fixture.confidential.id, fixture.secret)
            )
            #expect(beyond.status == .badRequest)
            #expect(beyond.error == "invalid_scope")
            #expect(beyond.json?["error_description"]?.stringValue?.contains("scim:schema:read") == true)
            let made_up = try await client.form(
                "/oauth/token", [("grant_type", "client_credentials"), ("scope", "admin:everything")],
                authorization: fixture.basic(fixture.confidential.id, fixture.secret)
            )
            #expect(made_up.error == "invalid_scope")
            // A public client may not use client credentials.
            let publicClient = try await client.form("/oauth/token", [("grant_type", "client_credentials"), ("client_id", fixture.agent.id)])
            #expect(publicClient.error == "unauthorized_client")
        }
    }

    @Test("malformed requests are invalid_request or unsupported_grant_type")
    func malformedRequests() async throws {
        let fixture = try await OAuthFixture.make()
        let auth = fixture.basic(fixture.confidential.id, fixture.secret)
        try await fixture.application.test(.router) { client in
            #expect(try await client.form("/oauth/token", [], authorization: auth).error == "invalid_request")
            #expect(try await client.form("/oauth/token", [("grant_type", "password")], authorization: auth).error == "unsupported_grant_type")
            let json = try await client.form("/oauth/token", [("grant_type", "client_credentials")], authorization: auth, contentType: "application/json")
            #expect(json.error == "invalid_request")
            let twice = try await client.form("/oauth/token", [("grant_type", "client_credentials"), ("grant_type", "client_credentials")], authorization: auth)
            #expect(twice.error == "invalid_request")
            let both = try await client.form(
                "/oauth/token", [("grant_type", "client_credentials"), ("client_secret", fixture.secret)], authorization: auth
            )
            #expect(both.error == "invalid_request")
        }
    }

    @Test("device grant: pending, slow_down, approval, tokens for the approving administrator, /Me")
    func deviceGrant() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let start = try await client.form("/oauth/device_authorization", [("client_id", fixture.agent.id), ("scope", "scim:users:read agent:register")])
            #expect(start.status == .ok)
            let deviceCode = try #require(start.json?["device_code"]?.stringValue)
            let userCode = try #require(start.json?["user_code"]?.stringValue)
            #expect(userCode.count == 9 && userCode.contains("-"))
            #expect(start.json?["verification_uri"]?.stringValue == "http://127.0.0.1:8443/device")
            #expect(start.json?["interval"]?.intValue == 5)
            let poll: [(String, String)] = [
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode), ("client_id", fixture.agent.id),
            ]
            #expect(try await client.form("/oauth/token", poll).error == "authorization_pending")
            fixture.clock.advance(1)
            #expect(try await client.form("/oauth/token", poll).error == "slow_down")
            fixture.clock.advance(10)
            #expect(try await client.form("/oauth/token", poll).error == "authorization_pending")
            // Typed in lower case without the dash, as people do.
            let typed = userCode.lowercased().replacingOccurrences(of: "-", with: "")
            try await fixture.service.decideDevice(userCode: typed, by: fixture.administrator, approve: true)
            fixture.clock.advance(11)
            let tokens = try await client.form("/oauth/token", poll)
            #expect(tokens.status == .ok)
            #expect(tokens.json?["scope"]?.stringValue == "agent:register scim:users:read")
            let access = try #require(tokens.accessToken)
            #expect(tokens.refreshToken != nil)
            let me = try await client.scim(.get, "/Me", token: access)
            #expect(me.status == .ok)
            #expect(me.json?["id"]?.stringValue == fixture.administrator.id)
            #expect(me.json?["roles"]?[0]?["value"]?.stringValue == "admin")
            // The code is spent.
            fixture.clock.advance(11)
            #expect(try await client.form("/oauth/token", poll).error == "invalid_grant")
        }
    }

    @Test("device grant: denied, expired, and a member who may not approve")
    func deviceGrantRefusals() async throws {
        let fixture = try await OAuthFixture.make()
        let member = try await AdministratorService(store: fixture.base.store, organization: fixture.base.organization)
            .add(userName: "member-\(UUID().uuidString.prefix(8))@example.com", role: .member, password: nil)
        try await fixture.application.test(.router) { client in
            func start() async throws -> (device: String, user: String) {
                let answer = try await client.form("/oauth/device_authorization", [("client_id", fixture.agent.id)])
                return (try #require(answer.json?["device_code"]?.stringValue), try #require(answer.json?["user_code"]?.stringValue))
            }
            func poll(_ device: String) async throws -> String? {
                try await client.form("/oauth/token", [
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", device), ("client_id", fixture.agent.id),
                ]).error
            }
            let denied = try await start()
            await #expect(throws: DirectoryError.self) {
                try await fixture.service.decideDevice(userCode: denied.user, by: member, approve: true)
            }
            try await fixture.service.decideDevice(userCode: denied.user, by: fixture.administrator, approve: false)
            #expect(try await poll(denied.device) == "access_denied")
            let late = try await start()
            fixture.clock.advance(601)
            #expect(try await poll(late.device) == "expired_token")
            await #expect(throws: DirectoryError.self) {
                try await fixture.service.decideDevice(userCode: late.user, by: fixture.administrator, approve: true)
            }
            // The confidential client was not given the device grant.
            let other = try await client.form("/oauth/device_authorization", [], authorization: fixture.basic(fixture.confidential.id, fixture.secret))
            #expect(other.error == "unauthorized_client")
        }
    }

    /// Signs in through the device grant; returns the access and refresh tokens.
    static func signIn(_ fixture: OAuthFixture, _ client: some TestClientProtocol) async throws -> (access: String, refresh: String) {
        let start = try await client.form("/oauth/device_authorization", [("client_id", fixture.agent.id)])
        try await fixture.service.decideDevice(userCode: try #require(start.json?["user_code"]?.stringValue), by: fixture.administrator, approve: true)
        let tokens = try await client.form("/oauth/token", [
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", try #require(start.json?["device_code"]?.stringValue)), ("client_id", fixture.agent.id),
        ])
        return (try #require(tokens.accessToken), try #require(tokens.refreshToken))
    }

    static func refresh(_ token: String, _ fixture: OAuthFixture, _ client: some TestClientProtocol) async throws -> OAuthAnswer {
        try await client.form("/oauth/token", [("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", fixture.agent.id)])
    }

    @Test("refresh rotates; the previous token works once more within 60 s; a replay after that revokes the whole sign-in")
    func refreshRotationAndGrace() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let first = try await Self.signIn(fixture, client)
            let rotated = try await Self.refresh(first.refresh, fixture, client)
            #expect(rotated.status == .ok)
            let second = try #require(rotated.refreshToken)
            #expect(second != first.refresh)
            // The client crashed before saving `second`: the old token is
            // accepted once more within the grace period.
            fixture.clock.advance(30)
            let retry = try await Self.refresh(first.refresh, fixture, client)
            #expect(retry.status == .ok)
            let third = try #require(retry.refreshToken)
            let retryAccess = try #require(retry.accessToken)
            // A third use is a replay: everything of this sign-in is revoked.
            let replay = try await Self.refresh(first.refresh, fixture, client)
            #expect(replay.error == "invalid_grant")
            #expect(replay.json?["error_description"]?.stringValue?.contains("already used") == true)
            #expect(try await Self.refresh(third, fixture, client).error == "invalid_grant")
            #expect(try await client.scim(.get, "/Me", token: first.access).status == .unauthorized)
            #expect(try await client.scim(.get, "/Me", token: retryAccess).status == .unauthorized)
        }
    }

    @Test("a spent refresh token presented after the grace period is refused and revokes the sign-in")
    func refreshAfterGrace() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let first = try await Self.signIn(fixture, client)
            let rotated = try #require(try await Self.refresh(first.refresh, fixture, client).refreshToken)
            fixture.clock.advance(61)
            #expect(try await Self.refresh(first.refresh, fixture, client).error == "invalid_grant")
            #expect(try await Self.refresh(rotated, fixture, client).error == "invalid_grant")
        }
    }

    @Test("refreshes racing with one token: exactly two succeed (the use and its grace)")
    func concurrentRefresh() async throws {
        let fixture = try await OAuthFixture.make()
        let policy = OAuthPolicy()
        let first = try await fixture.application.test(.router) { client in try await Self.signIn(fixture, client) }
        let hash = AccessTokens.hash(first.refresh)
        let now = fixture.clock.now
        let store = fixture.base.store
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await store.spendRefreshToken(hash: hash, at: now, graceStart: now.addingTimeInterval(-policy.refreshGrace)) != nil
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 2)
    }

    @Test("revocation (RFC 7009): a refresh token takes its access tokens with it; unknown tokens are fine; others' tokens are refused")
    func revocation() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let tokens = try await Self.signIn(fixture, client)
            let revoked = try await client.form("/oauth/revoke", [("token", tokens.refresh), ("token_type_hint", "refresh_token"), ("client_id", fixture.agent.id)])
            #expect(revoked.status == .ok)
            #expect(try await client.scim(.get, "/Me", token: tokens.access).status == .unauthorized)
            #expect(try await Self.refresh(tokens.refresh, fixture, client).error == "invalid_grant")
            let unknown = try await client.form("/oauth/revoke", [("token", "dsa_never_issued"), ("client_id", fixture.agent.id)])
            #expect(unknown.status == .ok)
            // The automation client cannot revoke the agent's tokens.
            let again = try await Self.signIn(fixture, client)
            let foreign = try await client.form("/oauth/revoke", [("token", again.access)], authorization: fixture.basic(fixture.confidential.id, fixture.secret))
            #expect(foreign.error == "unauthorized_client")
            #expect(try await client.scim(.get, "/Me", token: again.access).status == .ok)
            // Revoking an access token leaves the refresh token.
            #expect(try await client.form("/oauth/revoke", [("token", again.access), ("client_id", fixture.agent.id)]).status == .ok)
            #expect(try await client.scim(.get, "/Me", token: again.access).status == .unauthorized)
            #expect(try await Self.refresh(again.refresh, fixture, client).status == .ok)
        }
    }

    @Test("/Me for a token that acts for no user says so; refresh tokens are not bearer tokens")
    func meWithoutSubject() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let me = try await client.scim(.get, "/Me", token: fixture.base.token)
            #expect(me.status == .notFound)
            #expect(me.json?["detail"]?.stringValue?.contains("acts for no user") == true)
            let tokens = try await Self.signIn(fixture, client)
            #expect(try await client.scim(.get, "/Me", token: tokens.refresh).status == .unauthorized)
        }
    }

    @Test("the authorization server metadata (RFC 8414) names every endpoint")
    func metadata() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let json = try await client.execute(uri: "/.well-known/oauth-authorization-server", method: .get) { response in
                try JSON(parsing: response.body.readableBytesView)
            }
            #expect(json["token_endpoint"]?.stringValue == "http://127.0.0.1:8443/oauth/token")
            #expect(json["revocation_endpoint"]?.stringValue == "http://127.0.0.1:8443/oauth/revoke")
            #expect(json["device_authorization_endpoint"]?.stringValue == "http://127.0.0.1:8443/oauth/device_authorization")
        }
    }
}

@Suite("Device verification page")
struct DevicePageTests {
    func post(_ client: some TestClientProtocol, _ fields: [(String, String)]) async throws -> (HTTPResponse.Status, String) {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        return try await client.execute(
            uri: "/device", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)
        ) { response in (response.status, String(buffer: response.body)) }
    }

    @Test("an administrator approves with the code and their password; wrong passwords and members are refused")
    func approveInBrowser() async throws {
        let fixture = try await OAuthFixture.make()
        let member = try await AdministratorService(store: fixture.base.store, organization: fixture.base.organization)
            .add(userName: "m-\(UUID().uuidString.prefix(8))@example.com", role: .member, password: Array("member pass".utf8))
        try await fixture.application.test(.router) { client in
            let start = try await client.form("/oauth/device_authorization", [("client_id", fixture.agent.id)])
            let code = try #require(start.json?["user_code"]?.stringValue)
            let form = try await client.execute(uri: "/device?user_code=\(code)", method: .get) { response in
                (response.headers[.contentSecurityPolicy], String(buffer: response.body))
            }
            #expect(form.0?.contains("frame-ancestors 'none'") == true)
            #expect(form.1.contains("value=\"\(code)\""))
            let wrong = try await post(client, [("user_code", code), ("username", fixture.administrator.userName), ("password", "guess"), ("decision", "approve")])
            #expect(wrong.0 == .unauthorized)
            #expect(wrong.1.contains("The user name or the password is wrong."))
            let byMember = try await post(client, [("user_code", code), ("username", member.userName), ("password", "member pass"), ("decision", "approve")])
            #expect(byMember.0 == .forbidden)
            let approved = try await post(client, [
                ("user_code", code.lowercased()), ("username", fixture.administrator.userName.uppercased()), ("password", "correct horse"),
                ("decision", "approve"),
            ])
            #expect(approved.0 == .ok)
            #expect(approved.1.contains("Approved."))
            let tokens = try await client.form("/oauth/token", [
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("device_code", try #require(start.json?["device_code"]?.stringValue)), ("client_id", fixture.agent.id),
            ])
            #expect(tokens.accessToken != nil)
        }
    }

    @Test("five wrong passwords for one user name, then one try a minute: guessing is throttled")
    func throttledGuessing() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let start = try await client.form("/oauth/device_authorization", [("client_id", fixture.agent.id)])
            let code = try #require(start.json?["user_code"]?.stringValue)
            let guess = [("user_code", code), ("username", fixture.administrator.userName), ("password", "guess"), ("decision", "approve")]
            for _ in 0..<5 { #expect(try await post(client, guess).0 == .unauthorized) }
            let throttled = try await post(client, guess)
            #expect(throttled.0 == .tooManyRequests)
            #expect(throttled.1.contains("Too many sign-in attempts"))
            // Even the right password waits its turn; a minute later it works.
            let right = [("user_code", code), ("username", fixture.administrator.userName), ("password", "correct horse"), ("decision", "approve")]
            #expect(try await post(client, right).0 == .tooManyRequests)
            fixture.clock.advance(61)
            #expect(try await post(client, right).0 == .ok)
        }
    }

    @Test("what a visitor types is escaped in the page")
    func escapesInput() async throws {
        let fixture = try await OAuthFixture.make()
        try await fixture.application.test(.router) { client in
            let answer = try await post(client, [("user_code", "<script>x</script>"), ("username", "a"), ("password", "b")])
            #expect(answer.0 == .badRequest)
            #expect(!answer.1.contains("<script>"))
            #expect(answer.1.contains("&lt;script&gt;"))
        }
    }
}
