import LDAP
import Testing

@Suite("OpenLDAP: bind, search, paging, access", .enabled(if: TestServer.available))
struct OpenLDAPReadTests {
    @Test("bind as the admin; Who am I? names it")
    func bindAndWhoAmI() async throws {
        let connection = try await TestServer.connectAsAdmin()
        #expect(try await connection.whoAmI() == "dn:\(TestServer.adminDN)")
        await connection.close()
    }

    @Test("a wrong password is invalidCredentials and is not retried on the next server")
    func wrongPassword() async throws {
        var configuration = try TestServer.configuration()
        configuration.credentials = .simple(dn: TestServer.adminDN, password: LDAPPassword("wrong"))
        let error = await #expect(throws: LDAPError.self) { _ = try await LDAPConnection.connect(configuration) }
        #expect(error?.resultCode == .invalidCredentials)
    }

    @Test("the schema's attribute types by name and alias (RFC 4512 §4.2), as a bind account may read them")
    func attributeTypes() async throws {
        let connection = try await LDAPConnection.connect(TestServer.configuration(asAdmin: false))
        let names = try #require(try await connection.readAttributeTypeNames())
        for name in ["uid", "userid", "mail", "cn", "commonname", "employeenumber", "departmentnumber", "entryuuid"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(!names.contains("mial"))
        await connection.close()
    }

    @Test("the root DSE tells OpenLDAP, its naming context and the controls we use")
    func rootDSE() async throws {
        let connection = try await LDAPConnection.connect(TestServer.configuration(asAdmin: false))
        let dse = try await connection.readRootDSE()
        #expect(dse.vendor == .openLDAP)
        #expect(dse.namingContexts.contains(TestServer.base))
        #expect(dse.supportsControl(PagedResultsControl.oid))
        #expect(dse.supportsControl(SyncRequestControl.oid))
        #expect(!dse.supportsControl(DirSyncControl.oid))
        await connection.close()
    }

    @Test("paging reads all 10,000 bulk entries past the server's 1,000 size limit")
    func pagingOverBulk() async throws {
        let connection = try await TestServer.connectAsAdmin()
        let request = SearchRequest(baseObject: "ou=bulk,\(TestServer.base)", scope: .singleLevel, filter: .equal("objectClass", "inetOrgPerson"), attributes: ["uid"])
        var uids = Set<String>()
        var done = 0
        for try await event in connection.pagedSearch(request, pageSize: 1000) {
            switch event {
            case .entry(let entry, _): uids.insert(entry.string("uid") ?? "")
            case .done: done += 1
            default: break
            }
        }
        #expect(uids.count == TestServer.bulkCount)
        #expect(done == 1)
        await connection.close()
    }

    @Test("without paging the reader hits the size limit: entries, then sizeLimitExceeded")
    func unpagedSizeLimit() async throws {
        var configuration = try TestServer.configuration()
        configuration.credentials = .simple(dn: TestServer.readerDN, password: try TestServer.readerPassword)
        let connection = try await LDAPConnection.connect(configuration)
        let request = SearchRequest(baseObject: "ou=bulk,\(TestServer.base)", scope: .singleLevel, attributes: ["uid"])
        var entries = 0
        let error = await #expect(throws: LDAPError.self) {
            for try await event in try await connection.search(request) {
                if case .entry = event { entries += 1 }
            }
        }
        #expect(error?.resultCode == .sizeLimitExceeded)
        #expect(entries == 1000)
        await connection.close()
    }

    @Test("stopping a paged search early leaves the connection usable")
    func pagedEarlyStop() async throws {
        let connection = try await TestServer.connectAsAdmin()
        let request = SearchRequest(baseObject: "ou=bulk,\(TestServer.base)", scope: .singleLevel, attributes: ["uid"])
        var seen = 0
        for try await event in connection.pagedSearch(request, pageSize: 100) {
            if case .entry = event { seen += 1 }
            if seen == 250 { break }
        }
        #expect(seen == 250)
        let people = try await connection.search(SearchRequest(baseObject: "ou=people,\(TestServer.base)", scope: .singleLevel)).collect()
        #expect(people.entries.count == 20)
        await connection.close()
    }

    @Test("non-ASCII and binary values arrive intact")
    func valuesIntact() async throws {
        let connection = try await TestServer.connectAsAdmin()
        let zoe = try await connection.search(SearchRequest(baseObject: "uid=zoe,ou=people,\(TestServer.base)", scope: .baseObject)).collect()
        #expect(zoe.entries.first?.string("cn") == "Zoë Ærøskøbing")
        let bob = try await connection.search(SearchRequest(baseObject: "uid=bob,ou=people,\(TestServer.base)", scope: .baseObject, attributes: ["jpegPhoto"])).collect()
        // The JPEG header and trailer that scripts/ldap-test-server loads, NULs included.
        let photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9]
        #expect(bob.entries.first?.attribute("jpegPhoto")?.values == [photo])
        await connection.close()
    }

    @Test("the reader may not search the restricted subtree: insufficientAccessRights")
    func insufficientAccess() async throws {
        var configuration = try TestServer.configuration()
        configuration.credentials = .simple(dn: TestServer.readerDN, password: try TestServer.readerPassword)
        let connection = try await LDAPConnection.connect(configuration)
        let error = await #expect(throws: LDAPError.self) {
            _ = try await connection.search(SearchRequest(baseObject: "ou=restricted,\(TestServer.base)")).collect()
        }
        #expect(error?.resultCode == .insufficientAccessRights)
        await connection.close()
    }

    @Test("a base DN that does not exist is noSuchObject naming it")
    func missingBase() async throws {
        let connection = try await TestServer.connectAsAdmin()
        let base = "ou=gone,\(TestServer.base)"
        let error = await #expect(throws: LDAPError.self) { _ = try await connection.search(SearchRequest(baseObject: base)).collect() }
        #expect(error?.resultCode == .noSuchObject)
        #expect(error?.description.contains(base) == true)
        await connection.close()
    }

    @Test("a critical control the server lacks is refused before sending, naming it")
    func unsupportedCriticalControl() async throws {
        let connection = try await TestServer.connectAsAdmin()
        let error = await #expect(throws: LDAPError.self) {
            _ = try await connection.search(SearchRequest(baseObject: TestServer.base), controls: [DirSyncControl().control()])
        }
        #expect(error?.code == .unsupportedControl)
        #expect(error?.description.contains("DirSync") == true)
        await connection.close()
    }
}
