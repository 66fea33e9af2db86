import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("Owners, roles and the last-owner rule")
struct AdministratorTests {
    static let password = Array("correct horse battery staple".utf8)

    @Test("roles are shown read-only; a client cannot give itself one")
    func rolesReadOnly() async throws {
        let fixture = try await Fixture.make()
        let owner = try await AdministratorService(store: fixture.store, organization: fixture.organization).add(userName: "owner@example.test", role: .owner, password: Self.password)
        try await fixture.application.test(.router) { client in
            let read = try await client.scim(.get, "/Users/\(owner.id)", token: fixture.token)
            #expect(read.json?["roles"]?[0]?["value"]?.stringValue == "owner")
            #expect(read.json?["emails"]?[0]?["value"]?.stringValue == "owner@example.test")
            let sneaky = #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "m@example.test", "roles": [{"value": "owner"}]}"#
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: sneaky)
            #expect(created.json?["roles"]?[0]?["value"]?.stringValue == "member")
            // A PUT keeps the role.
            let replaced = try await client.scim(.put, "/Users/\(owner.id)", token: fixture.token, body: userBody("owner@example.test"))
            #expect(replaced.json?["roles"]?[0]?["value"]?.stringValue == "owner")
        }
    }

    @Test("the last active owner cannot be deactivated or deleted; with a second owner it can")
    func lastOwner() async throws {
        let fixture = try await Fixture.make()
        let admins = AdministratorService(store: fixture.store, organization: fixture.organization)
        let first = try await admins.add(userName: "first@example.test", role: .owner, password: Self.password)
        try await fixture.application.test(.router) { client in
            let deactivate = try await client.scim(.put, "/Users/\(first.id)", token: fixture.token, body: userBody("first@example.test", active: false))
            #expect(deactivate.status == .badRequest)
            #expect(deactivate.scimType == "mutability")
            #expect(deactivate.reason == "last-owner")
            let delete = try await client.scim(.delete, "/Users/\(first.id)", token: fixture.token)
            #expect(delete.reason == "last-owner")
            _ = try await admins.add(userName: "second@example.test", role: .owner, password: Self.password)
            let now = try await client.scim(.delete, "/Users/\(first.id)", token: fixture.token)
            #expect(now.status == .noContent)
        }
    }

    @Test("passwords are stored as scrypt hashes that verify the right password only")
    func passwords() async throws {
        let fixture = try await Fixture.make()
        let admin = try await AdministratorService(store: fixture.store, organization: fixture.organization).add(userName: "a@example.test", role: .admin, password: Self.password)
        let stored = try #require(try await fixture.store.passwordHash(userID: admin.id))
        #expect(stored.hasPrefix("$scrypt$ln=15,r=8,p=1$"))
        #expect(!stored.contains("horse"))
        #expect(PasswordHasher.verify(Self.password, against: stored))
        #expect(!PasswordHasher.verify(Array("correct horse battery stapl".utf8), against: stored))
        #expect(!PasswordHasher.verify(Self.password, against: "$scrypt$garbage"))
    }
}
