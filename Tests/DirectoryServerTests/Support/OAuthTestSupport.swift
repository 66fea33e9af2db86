import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SCIM
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    var function: @Sendable () -> Date { { self.now } }
}

/// An organization with an administrator and OAuth clients, served with a
/// test clock.
struct OAuthFixture {
    let base: Fixture
    let clock = TestClock()
    let confidential: OAuthClient
    let secret: String
    let agent: OAuthClient
    let administrator: StoredUser

    static func make(administratorRole: DirectoryRole = .admin) async throws -> OAuthFixture {
        let base = try await Fixture.make()
        let secret = AccessTokens.mint(prefix: "dss_")
        let confidential = OAuthClient(
            organizationID: base.organization.id, name: "automation", kind: .confidential, secretHash: AccessTokens.hash(secret),
            scopes: [.usersRead, .usersWrite, .groupsRead], grantTypes: [.clientCredentials]
        )
        let agent = OAuthClient(
            organizationID: base.organization.id, name: "dsync", kind: .public, secretHash: nil,
            scopes: Set(Scope.allCases), grantTypes: [.deviceCode, .refreshToken]
        )
        try await base.store.saveClient(confidential)
        try await base.store.saveClient(agent)
        let administrator = try await AdministratorService(store: base.store, organization: base.organization)
            .add(userName: "ada-\(UUID().uuidString.prefix(8))@example.com", role: administratorRole, password: Array("correct horse".utf8))
        return OAuthFixture(base: base, confidential: confidential, secret: secret, agent: agent, administrator: administrator)
    }

    var configuration: DirectoryServerConfiguration {
        DirectoryServerConfiguration(clock: clock.function)
    }

    var application: some ApplicationProtocol {
        Application(router: DirectoryApplication.router(store: base.store, configuration: configuration))
    }

    var service: OAuthService {
        OAuthService(store: base.store, policy: OAuthPolicy(), clock: clock.function)
    }

    func basic(_ id: String, _ secret: String) -> String {
        "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()
    }
}

/// One OAuth answer, parsed.
struct OAuthAnswer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: JSON?

    var error: String? { json?["error"]?.stringValue }
    var accessToken: String? { json?["access_token"]?.stringValue }
    var refreshToken: String? { json?["refresh_token"]?.stringValue }
}

extension TestClientProtocol {
    func form(
        _ path: String, _ fields: [(String, String)], authorization: String? = nil,
        contentType: String = "application/x-www-form-urlencoded"
    ) async throws -> OAuthAnswer {
        var headers: HTTPFields = [.contentType: contentType]
        if let authorization { headers[.authorization] = authorization }
        let body = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        return try await execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            let json = response.body.readableBytes > 0 ? try? JSON(parsing: response.body.readableBytesView) : nil
            return OAuthAnswer(status: response.status, headers: response.headers, json: json)
        }
    }
}
