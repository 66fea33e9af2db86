import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("Domains and the domain-not-verified rule")
struct DomainTests {
    static func userWithEmail(_ address: String) -> String {
        #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "\#(address)", "emails": [{"value": "\#(address)", "primary": true}]}"#
    }

    @Test("a claimed domain carries a TXT record; names are normalised and checked")
    func claim() async throws {
        let fixture = try await Fixture.make()
        let domains = DomainService(store: fixture.store, organizationID: fixture.organization.id)
        let domain = try await domains.add("Example.COM.")
        #expect(domain.name == "example.com")
        #expect(domain.txtRecordName == "_directoryd-verification.example.com")
        #expect(domain.txtRecordValue.hasPrefix("directoryd-verification="))
        await #expect(throws: DirectoryError.self) { _ = try await domains.add("example.com") }
        await #expect(throws: DirectoryError.self) { _ = try await domains.add("not a domain") }
    }

    @Test("from the first verified domain on, addresses elsewhere are refused with domain-not-verified")
    func rule() async throws {
        let fixture = try await Fixture.make()
        let domains = DomainService(store: fixture.store, organizationID: fixture.organization.id)
        try await fixture.application.test(.router) { client in
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: Self.userWithEmail("a@anywhere.test")).status == .created)
            _ = try await domains.add("corp.test")
            // Claimed but not verified: not enforced yet.
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: Self.userWithEmail("b@anywhere.test")).status == .created)
            try await domains.verify("corp.test")
            let refused = try await client.scim(.post, "/Users", token: fixture.token, body: Self.userWithEmail("c@anywhere.test"))
            #expect(refused.status == .badRequest)
            #expect(refused.reason == "domain-not-verified")
            #expect(refused.json?["urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"]?["attribute"]?.stringValue == "emails")
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: Self.userWithEmail("d@CORP.test")).status == .created)
            #expect(try await domains.remove("corp.test"))
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: Self.userWithEmail("e@anywhere.test")).status == .created)
        }
    }

    @Test("/ServiceProviderConfig tells the bearer's organization's verified domains (vendor extension), none before the first")
    func advertised() async throws {
        let fixture = try await Fixture.make()
        let domains = DomainService(store: fixture.store, organizationID: fixture.organization.id)
        let urn = SCIMSchemaURN.directorySyncOrganization
        try await fixture.application.test(.router) { client in
            let before = try await client.scim(.get, "/ServiceProviderConfig", token: fixture.token)
            #expect(before.json?["schemas"]?.arrayValue?.contains(.string(urn)) == true)
            #expect(before.json?[urn]?["verifiedDomains"]?.arrayValue == [])
            _ = try await domains.add("corp.test")
            _ = try await domains.add("claimed.test")
            try await domains.verify("corp.test")
            // The token's rules are read with the token, so a fresh request sees the change.
            let after = try await client.scim(.get, "/ServiceProviderConfig", token: fixture.token)
            #expect(after.json?[urn]?["verifiedDomains"]?.arrayValue == ["corp.test"])
        }
    }

    @Test("a domain verified by one organization cannot be verified by another")
    func exclusive() async throws {
        let fixture = try await Fixture.make()
        let other = Organization(name: "Other", deployment: "us", plan: Plan(name: "t", seatLimit: 10))
        try await fixture.store.createOrganization(other)
        let name = "shared-\(UInt32.random(in: 0...UInt32.max)).test"
        let mine = DomainService(store: fixture.store, organizationID: fixture.organization.id)
        let theirs = DomainService(store: fixture.store, organizationID: other.id)
        _ = try await mine.add(name)
        _ = try await theirs.add(name)
        try await mine.verify(name)
        let error = await #expect(throws: DirectoryError.self) { try await theirs.verify(name) }
        #expect(error?.scimError.reason == .alreadyExists)
    }
}
