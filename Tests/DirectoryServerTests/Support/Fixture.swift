import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SCIM

/// A directory on a fresh SQLite file with one organization and a token,
/// and helpers to call its SCIM API through the router.
struct Fixture {
    let store: SQLiteDirectoryStore
    let organization: Organization
    let token: String

    static func make(seats: Int = 100, scopes: Set<Scope> = Set(Scope.allCases)) async throws -> Fixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("directoryd-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteDirectoryStore(path: folder.appendingPathComponent("directory.sqlite").path)
        let organization = Organization(name: "Acme", deployment: "us", plan: Plan(name: "test", seatLimit: seats))
        try await store.createOrganization(organization)
        let token = try await Self.mintToken(store, organization: organization, scopes: scopes)
        return Fixture(store: store, organization: organization, token: token)
    }

    static func mintToken(_ store: SQLiteDirectoryStore, organization: Organization, scopes: Set<Scope> = Set(Scope.allCases)) async throws -> String {
        let token = AccessTokens.mint()
        try await store.saveToken(AccessTokenRecord(hash: AccessTokens.hash(token), organizationID: organization.id, scopes: scopes, label: "test"))
        return token
    }

    var application: some ApplicationProtocol {
        Application(router: DirectoryApplication.router(store: store, configuration: DirectoryServerConfiguration()))
    }
}

/// One answer, with its body parsed.
struct SCIMAnswer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: JSON?

    var scimType: String? { json?["scimType"]?.stringValue }
    var reason: String? { json?["urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"]?["reason"]?.stringValue }
}

extension TestClientProtocol {
    func scim(
        _ method: HTTPRequest.Method, _ path: String, token: String?, body: String? = nil,
        contentType: String = "application/scim+json", headers extra: HTTPFields = [:]
    ) async throws -> SCIMAnswer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = contentType }
        return try await execute(uri: "/scim/v2" + path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let json = response.body.readableBytes > 0 ? try? JSON(parsing: response.body.readableBytesView) : nil
            return SCIMAnswer(status: response.status, headers: response.headers, json: json)
        }
    }
}

func userBody(_ userName: String, active: Bool? = nil, externalId: String? = nil) -> String {
    var fields = [#""schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]"#, #""userName": "\#(userName)""#]
    if let active { fields.append(#""active": \#(active)"#) }
    if let externalId { fields.append(#""externalId": "\#(externalId)""#) }
    return "{" + fields.joined(separator: ", ") + "}"
}
