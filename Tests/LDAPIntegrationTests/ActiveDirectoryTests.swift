import LDAP
import Testing

// Against the Samba AD DC of scripts/ad-test-server: OU=People (20 users, one
// disabled, one non-ASCII), OU=Groups (one nested group, one with all 3,000
// users of OU=Bulk), CN=svc-dsync,OU=Service with default rights only.
// Serialized: Samba writes one change at a time anyway, and DirSync answers
// are easier to read when this suite's own changes do not interleave.

@Suite("Active Directory (Samba): root DSE, binds, search, TLS", .enabled(if: ADTestServer.available), .serialized)
struct ActiveDirectoryTests {
    @Test("the root DSE says Active Directory, with the default naming context and the AD controls")
    func rootDSE() async throws {
        let connection = try await LDAPConnection.connect(ADTestServer.configuration(.anonymous))
        let dse = try await connection.readRootDSE()
        #expect(dse.vendor == .activeDirectory)
        #expect(dse.defaultNamingContext == ADTestServer.base)
        #expect(dse.namingContexts.contains(ADTestServer.base))
        #expect(dse.vendorName?.contains("Samba") == true)
        #expect(dse.entry.string("dnsHostName")?.lowercased() == ADTestServer.dcHostname)
        for oid in [PagedResultsControl.oid, DirSyncControl.oid, ShowDeletedControl.oid] {
            #expect(dse.supportsControl(oid), "\(KnownControls.name(oid)) is not in supportedControl")
        }
        #expect(!dse.supportsControl(SyncRequestControl.oid))
        await connection.close()
    }

    @Test("the schema names Active Directory's attributes (the default mapping's among them)")
    func attributeTypes() async throws {
        let connection = try await ADTestServer.connectAsService()
        let names = try #require(try await connection.readAttributeTypeNames())
        for name in ["samaccountname", "userprincipalname", "mail", "displayname", "employeeid", "department", "objectguid", "member"] {
            #expect(names.contains(name), "\(name)")
        }
        await connection.close()
    }

    @Test("the service account binds with a simple bind over plain LDAP and reads its own entry")
    func serviceAccountBind() async throws {
        let connection = try await ADTestServer.connectAsService()
        let request = SearchRequest(baseObject: ADTestServer.svcDN, scope: .baseObject, attributes: ["sAMAccountName", "userAccountControl"])
        let entry = try #require(try await connection.search(request).collect().entries.first)
        #expect(entry.string("sAMAccountName") == "svc-dsync")
        // NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD
        #expect(entry.string("userAccountControl") == "66048")
        await connection.close()
    }

    @Test("a wrong password is invalidCredentials, with AD's data 52e spelled out")
    func wrongPassword() async throws {
        let configuration = try ADTestServer.configuration(.simple(dn: ADTestServer.svcDN, password: LDAPPassword("wrong-\(ADTestServer.uniqueName())")))
        let error = await #expect(throws: LDAPError.self) { _ = try await LDAPConnection.connect(configuration) }
        #expect(error?.resultCode == .invalidCredentials)
        // Samba sends what Windows sends: "80090308: LdapErr: DSID-0C0903A9,
        // comment: AcceptSecurityContext error, data 52e, v1db1".
        #expect(error?.result?.diagnosticMessage.contains("data 52e") == true)
        #expect(error?.description.contains("the password is wrong") == true)
    }

    @Test("a user binds with the password the script set; the disabled one is refused with data 533")
    func peopleBinds() async throws {
        let alice = try await LDAPConnection.connect(ADTestServer.configuration(.simple(dn: "CN=Alice Anderson,\(ADTestServer.people)", password: try ADTestServer.userPassword)))
        await alice.close()
        let mallory = try ADTestServer.configuration(.simple(dn: "CN=Mallory Miller,\(ADTestServer.people)", password: try ADTestServer.userPassword))
        let error = await #expect(throws: LDAPError.self) { _ = try await LDAPConnection.connect(mallory) }
        #expect(error?.resultCode == .invalidCredentials)
        #expect(error?.result?.diagnosticMessage.contains("data 533") == true)
        #expect(error?.description.contains("the account is disabled") == true)
    }

    @Test("Samba does not implement Who am I? (RFC 4532): protocolError, and the connection stays usable")
    func whoAmIUnsupported() async throws {
        let connection = try await ADTestServer.connectAsService()
        let error = await #expect(throws: LDAPError.self) { _ = try await connection.whoAmI() }
        #expect(error?.resultCode == .protocolError)
        #expect(connection.isActive)
        #expect(try await connection.readRootDSE().vendor == .activeDirectory)
        await connection.close()
    }

    @Test("paging reads all 3,000 users of OU=Bulk as the service account")
    func pagedBulk() async throws {
        let connection = try await ADTestServer.connectAsService()
        let request = SearchRequest(baseObject: ADTestServer.bulk, scope: .singleLevel, filter: .equal("objectClass", "user"), attributes: ["sAMAccountName"])
        var names = Set<String>()
        var entries = 0
        var done = 0
        for try await event in connection.pagedSearch(request, pageSize: 500) {
            switch event {
            case .entry(let entry, _):
                entries += 1
                names.insert(entry.string("sAMAccountName") ?? "")
            case .done: done += 1
            default: break
            }
        }
        #expect(ADTestServer.bulkCount > 0)
        #expect(entries == ADTestServer.bulkCount)
        #expect(names.count == ADTestServer.bulkCount)
        #expect(names.contains("bulk00000"))
        #expect(done == 1)
        await connection.close()
    }

    @Test("OU=People holds 20 users; the bitwise-AND rule finds the one disabled account")
    func people() async throws {
        let connection = try await ADTestServer.connectAsService()
        let all = try await connection.search(SearchRequest(baseObject: ADTestServer.people, scope: .singleLevel, filter: .equal("objectClass", "user"), attributes: ["sAMAccountName"])).collect().entries
        #expect(all.count == ADTestServer.peopleCount)
        let disabledFilter = try LDAPFilter(parsing: "(&(objectClass=user)(userAccountControl:1.2.840.113556.1.4.803:=2))")
        let disabled = try await connection.search(SearchRequest(baseObject: ADTestServer.people, filter: disabledFilter, attributes: ["sAMAccountName", "userAccountControl"])).collect().entries
        #expect(disabled.map { $0.string("sAMAccountName") } == ["mallory"])
        #expect(disabled.first?.string("userAccountControl") == "514")
        await connection.close()
    }

    @Test("objectGUID is 16 raw bytes and finds the entry again in a filter; objectSid is binary; memberOf lists direct groups")
    func binaryIdentifiers() async throws {
        let connection = try await ADTestServer.connectAsService()
        let request = SearchRequest(baseObject: ADTestServer.people, filter: .equal("sAMAccountName", "alice"), attributes: ["objectGUID", "objectSid", "memberOf"])
        let alice = try #require(try await connection.search(request).collect().entries.first)
        let guid = try #require(alice.attribute("objectGUID")?.values.first)
        #expect(guid.count == 16)
        let sid = try #require(alice.attribute("objectSid")?.values.first)
        // S-1-5-21-a-b-c-RID: revision 1, five sub-authorities, 28 bytes.
        #expect(sid.count == 28)
        #expect(sid.first == 1)
        // From the domain root: Samba adds a continuation reference to
        // CN=Configuration, which collect() leaves out.
        let byGUID = try await connection.search(SearchRequest(baseObject: ADTestServer.base, filter: .equal("objectGUID", guid), attributes: ["sAMAccountName"])).collect().entries
        #expect(byGUID.map { $0.string("sAMAccountName") } == ["alice"])
        let groups = Set(alice.strings("memberOf").map { $0.lowercased() })
        #expect(groups == Set(["CN=engineering,\(ADTestServer.groups)", "CN=admins,\(ADTestServer.groups)"].map { $0.lowercased() }))
        await connection.close()
    }

    @Test("non-ASCII names arrive intact, in the DN too, and match in filters")
    func nonASCII() async throws {
        let connection = try await ADTestServer.connectAsService()
        let request = SearchRequest(baseObject: ADTestServer.people, filter: .equal("sn", "Ærøskøbing"), attributes: ["displayName", "givenName", "sAMAccountName"])
        let entries = try await connection.search(request).collect().entries
        #expect(entries.map(\.dn) == ["CN=Zoë Ærøskøbing,\(ADTestServer.people)"])
        #expect(entries.first?.string("displayName") == "Zoë Ærøskøbing")
        #expect(entries.first?.string("givenName") == "Zoë")
        #expect(entries.first?.string("sAMAccountName") == "zoe")
        await connection.close()
    }

    @Test("the in-chain rule resolves the nested all-staff group to its users")
    func nestedGroup() async throws {
        let connection = try await ADTestServer.connectAsService()
        let allStaff = "CN=all-staff,\(ADTestServer.groups)"
        let direct = try await connection.search(SearchRequest(baseObject: allStaff, scope: .baseObject, attributes: ["member"])).collect().entries
        #expect(direct.first?.strings("member").count == 3)
        let filter = try LDAPFilter(parsing: "(&(objectClass=user)(memberOf:1.2.840.113556.1.4.1941:=\(allStaff)))")
        let users = try await connection.search(SearchRequest(baseObject: ADTestServer.base, filter: filter, attributes: ["sAMAccountName"])).collect().entries
        #expect(Set(users.compactMap { $0.string("sAMAccountName") }) == ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan"])
        await connection.close()
    }

    @Test("LDAPS by IP address, verified against the test CA")
    func ldapsTrusted() async throws {
        let connection = try await LDAPConnection.connect(ADTestServer.configuration(ADTestServer.svc, urls: [ADTestServer.ldapsURL], caFile: ADTestServer.caFile))
        let entries = try await connection.search(SearchRequest(baseObject: ADTestServer.base, scope: .baseObject, attributes: ["1.1"])).collect().entries
        #expect(entries.map(\.dn) == [ADTestServer.base])
        await connection.close()
    }

    @Test("LDAPS without the CA fails as untrusted")
    func ldapsUntrusted() async throws {
        let configuration = try ADTestServer.configuration(ADTestServer.svc, urls: [ADTestServer.ldapsURL])
        let error = await #expect(throws: LDAPError.self) { _ = try await LDAPConnection.connect(configuration) }
        #expect(error?.code == .connectFailed)
        #expect(error?.description.contains("not trusted") == true)
    }

    @Test("readAllValues reads all 3,000 members of the big group")
    func bigGroupAllValues() async throws {
        let connection = try await ADTestServer.connectAsService()
        let values = try await connection.readAllValues(of: "member", dn: ADTestServer.bigGroupDN)
        #expect(ADTestServer.bigGroupSize > 0)
        #expect(values.count == ADTestServer.bigGroupSize)
        #expect(Set(values).count == values.count)
        let suffix = ",\(ADTestServer.bulk)".lowercased()
        #expect(values.allSatisfy { String(decoding: $0, as: UTF8.self).lowercased().hasSuffix(suffix) })
        await connection.close()
    }

    @Test("a read of one slice (member;range=0-1499) is completed to all 3,000 members")
    func bigGroupSliceCompleted() async throws {
        try #require(ADTestServer.bigGroupSize > 1500)
        let connection = try await ADTestServer.connectAsService()
        let request = SearchRequest(baseObject: ADTestServer.bigGroupDN, scope: .baseObject, attributes: ["member;range=0-1499"])
        let entry = try #require(try await connection.search(request).collect().entries.first)
        #expect(entry.attribute("member;range=0-1499")?.values.count == 1500)
        let completed = try await connection.completingRangedAttributes(of: entry)
        #expect(completed.attribute("member")?.values.count == ADTestServer.bigGroupSize)
        #expect(completed.attribute("member;range=0-1499") == nil)
        await connection.close()
    }

    @Test("a critical control Samba lacks (RFC 4533 sync) is refused as unsupportedControl, naming it")
    func unsupportedCriticalControl() async throws {
        let connection = try await ADTestServer.connectAsService()
        let error = await #expect(throws: LDAPError.self) {
            _ = try await connection.search(SearchRequest(baseObject: ADTestServer.base), controls: [SyncRequestControl().control()])
        }
        #expect(error?.code == .unsupportedControl)
        #expect(error?.description.contains(SyncRequestControl.oid) == true)
        #expect(error?.description.contains("RFC 4533") == true)
        // Refused before sending (Samba would answer the search with an
        // ExtendedResponse), so the connection is as good as before.
        #expect(connection.isActive)
        #expect(try await connection.readRootDSE().defaultNamingContext == ADTestServer.base)
        await connection.close()
    }
}

@Suite("Active Directory (Samba): DirSync and deleted objects", .enabled(if: ADTestServer.available), .serialized)
struct ActiveDirectoryDirSyncTests {
    struct Pass {
        var entries: [LDAPEntry] = []
        var cookie: [UInt8] = []
    }

    /// One DirSync read of the domain (DirSync must be based at a naming
    /// context): requests repeat with the new cookie while the server says
    /// more results wait.
    static func dirSync(
        _ connection: LDAPConnection, flags: DirSyncControl.Flags = [.objectSecurity, .incrementalValues],
        cookie: [UInt8], filter: LDAPFilter = .everything
    ) async throws -> Pass {
        var pass = Pass(entries: [], cookie: cookie)
        for _ in 0..<100 {
            let control = DirSyncControl(flags: flags, cookie: pass.cookie).control()
            let request = SearchRequest(baseObject: ADTestServer.base, filter: filter)
            let (entries, controls) = try await connection.search(request, controls: [control]).collect()
            pass.entries += entries
            let response = try DirSyncResponse(try #require(controls.first(oid: DirSyncControl.oid)))
            pass.cookie = response.cookie
            if !response.moreResults { return pass }
        }
        Issue.record("DirSync still reported more results after 100 requests")
        return pass
    }

    /// The entries below `ou`: DirSync reads the whole domain, where other
    /// tests may be changing things too.
    static func entries(under ou: String, in entries: [LDAPEntry]) -> [LDAPEntry] {
        let suffix = "," + ou.lowercased()
        return entries.filter { $0.dn.lowercased().hasSuffix(suffix) }
    }

    static func entry(_ dn: String, in entries: [LDAPEntry]) -> LDAPEntry? {
        entries.first(where: { $0.dn.lowercased() == dn.lowercased() })
    }

    static func lowercased(_ dns: [String]) -> Set<String> {
        Set(dns.map { $0.lowercased() })
    }

    @Test("DirSync round trip: all, then only the changes (member values as ranges), then the deletion as isDeleted")
    func roundTrip() async throws {
        let connection = try await ADTestServer.connectAsAdmin()
        try await ADTestServer.withScratchOU(connection) { ou, name in
            let a = "CN=\(name)a,\(ou)"
            let b = "CN=\(name)b,\(ou)"
            let g = "CN=\(name)g,\(ou)"
            try await connection.add(ADTestServer.user("\(name)a", in: ou, sn: "A"))
            try await connection.add(ADTestServer.user("\(name)b", in: ou, sn: "B"))
            try await connection.add(ADTestServer.group("\(name)g", in: ou, members: [a]))

            // 1. No cookie: the whole domain (the bulk users included), and a cookie.
            let first = try await Self.dirSync(connection, cookie: [])
            #expect(first.entries.count > ADTestServer.bulkCount)
            #expect(Self.lowercased(Self.entries(under: ou, in: first.entries).map(\.dn)) == Self.lowercased([a, b, g]))
            #expect(!first.cookie.isEmpty)
            let aGUID = try #require(Self.entry(a, in: first.entries)?.attribute("objectGUID")?.values.first)
            #expect(aGUID.count == 16)

            // 2. A changed attribute and an added member: only those two objects,
            // the new member as member;range=1-1 and not the whole list.
            try await connection.modify(a, [LDAPModification(.replace, LDAPAttribute(type: "sn", strings: ["Changed"]))])
            try await connection.modify(g, [LDAPModification(.add, LDAPAttribute(type: "member", strings: [b]))])
            let second = try await Self.dirSync(connection, cookie: first.cookie)
            let changed = Self.entries(under: ou, in: second.entries)
            #expect(Self.lowercased(changed.map(\.dn)) == Self.lowercased([a, g]))
            let changedUser = Self.entry(a, in: changed)
            #expect(changedUser?.strings("sn") == ["Changed"])
            #expect(changedUser?.attribute("objectGUID")?.values.first == aGUID)
            let changedGroup = Self.entry(g, in: changed)
            #expect(Self.lowercased(changedGroup?.strings("member;range=1-1") ?? []) == Self.lowercased([b]))
            #expect(changedGroup?.attribute("member") == nil)
            #expect(!second.cookie.isEmpty)
            #expect(second.cookie != first.cookie)

            // 3. A removed member: member;range=0-0.
            try await connection.modify(g, [LDAPModification(.delete, LDAPAttribute(type: "member", strings: [b]))])
            let third = try await Self.dirSync(connection, cookie: second.cookie)
            let removed = Self.entries(under: ou, in: third.entries)
            #expect(Self.lowercased(removed.map(\.dn)) == Self.lowercased([g]))
            #expect(Self.lowercased(Self.entry(g, in: removed)?.strings("member;range=0-0") ?? []) == Self.lowercased([b]))

            // 4. A deleted user comes back as its tombstone, found by objectGUID
            // (its DN is now under CN=Deleted Objects), without Show Deleted.
            try await connection.delete(a)
            let fourth = try await Self.dirSync(connection, cookie: third.cookie)
            let tombstone = try #require(fourth.entries.first(where: { $0.attribute("objectGUID")?.values.first == aGUID }))
            #expect(tombstone.string("isDeleted") == "TRUE")
            #expect(tombstone.dn.contains("CN=Deleted Objects,"))
            #expect(Self.entry(a, in: fourth.entries) == nil)
        }
        await connection.close()
    }

    @Test("without the incremental-values flag a changed group comes back with its whole member list")
    func wholeMemberList() async throws {
        let connection = try await ADTestServer.connectAsAdmin()
        try await ADTestServer.withScratchOU(connection) { ou, name in
            let a = "CN=\(name)a,\(ou)"
            let b = "CN=\(name)b,\(ou)"
            let g = "CN=\(name)g,\(ou)"
            try await connection.add(ADTestServer.user("\(name)a", in: ou))
            try await connection.add(ADTestServer.user("\(name)b", in: ou))
            try await connection.add(ADTestServer.group("\(name)g", in: ou, members: [a]))
            // A filter that matches nothing still yields a current cookie.
            let start = try await Self.dirSync(connection, flags: [.objectSecurity], cookie: [], filter: .equal("sAMAccountName", "\(name)-none"))
            #expect(start.entries.isEmpty)
            #expect(!start.cookie.isEmpty)

            try await connection.modify(g, [LDAPModification(.add, LDAPAttribute(type: "member", strings: [b]))])
            let next = try await Self.dirSync(connection, flags: [.objectSecurity], cookie: start.cookie)
            let group = Self.entry(g, in: Self.entries(under: ou, in: next.entries))
            #expect(Self.lowercased(group?.strings("member") ?? []) == Self.lowercased([a, b]))
            #expect(group?.attribute("member;range=1-1") == nil)
        }
        await connection.close()
    }

    @Test("the service account (default rights) needs the object-security flag: without it, insufficientAccessRights")
    func serviceAccountNeedsObjectSecurity() async throws {
        let connection = try await ADTestServer.connectAsService()
        let filter = LDAPFilter.equal("sAMAccountName", "alice")
        let refused = await #expect(throws: LDAPError.self) {
            _ = try await Self.dirSync(connection, flags: [.incrementalValues], cookie: [], filter: filter)
        }
        #expect(refused?.resultCode == .insufficientAccessRights)
        let pass = try await Self.dirSync(connection, flags: [.objectSecurity, .incrementalValues], cookie: [], filter: filter)
        #expect(pass.entries.map(\.dn) == ["CN=Alice Anderson,\(ADTestServer.people)"])
        #expect(!pass.cookie.isEmpty)
        await connection.close()
    }

    @Test("DirSync based below the naming context is unwillingToPerform")
    func belowNamingContext() async throws {
        let connection = try await ADTestServer.connectAsAdmin()
        let request = SearchRequest(baseObject: ADTestServer.people)
        let error = await #expect(throws: LDAPError.self) {
            _ = try await connection.search(request, controls: [DirSyncControl().control()]).collect()
        }
        #expect(error?.resultCode == .unwillingToPerform)
        await connection.close()
    }

    @Test("a deleted user is found by objectGUID only with Show Deleted, as a tombstone")
    func showDeleted() async throws {
        let connection = try await ADTestServer.connectAsAdmin()
        try await ADTestServer.withScratchOU(connection) { ou, name in
            let dn = "CN=\(name)d,\(ou)"
            try await connection.add(ADTestServer.user("\(name)d", in: ou))
            let read = SearchRequest(baseObject: dn, scope: .baseObject, attributes: ["objectGUID"])
            let guid = try #require(try await connection.search(read).collect().entries.first?.attribute("objectGUID")?.values.first)
            try await connection.delete(dn)
            let request = SearchRequest(baseObject: ADTestServer.base, filter: .equal("objectGUID", guid), attributes: ["isDeleted", "objectGUID"])
            #expect(try await connection.search(request).collect().entries.isEmpty)
            let shown = try await connection.search(request, controls: [ShowDeletedControl.control()]).collect().entries
            #expect(shown.count == 1)
            #expect(shown.first?.string("isDeleted") == "TRUE")
            #expect(shown.first?.dn.contains("CN=Deleted Objects,") == true)
        }
        await connection.close()
    }
}
