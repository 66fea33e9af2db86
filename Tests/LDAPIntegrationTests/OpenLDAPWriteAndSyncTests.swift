import LDAP
import Testing

@Suite("OpenLDAP: updates and RFC 4533 content synchronization", .enabled(if: TestServer.available))
struct OpenLDAPWriteAndSyncTests {
    static func uniqueOU() -> String {
        "ou=t\(UInt32.random(in: 0...UInt32.max)),\(TestServer.base)"
    }

    static func person(_ uid: String, in ou: String) -> LDAPEntry {
        LDAPEntry(dn: "uid=\(uid),\(ou)", attributes: [
            LDAPAttribute(type: "objectClass", strings: ["inetOrgPerson"]),
            LDAPAttribute(type: "uid", strings: [uid]),
            LDAPAttribute(type: "cn", strings: ["Person \(uid)"]),
            LDAPAttribute(type: "sn", strings: ["P"]),
        ])
    }

    @Test("add, modify, compare, rename and delete")
    func updates() async throws {
        let connection = try await TestServer.connectAsAdmin()
        let ou = Self.uniqueOU()
        try await connection.add(LDAPEntry(dn: ou, attributes: [LDAPAttribute(type: "objectClass", strings: ["organizationalUnit"])]))
        try await connection.add(Self.person("a", in: ou))
        try await connection.modify("uid=a,\(ou)", [LDAPModification(.replace, LDAPAttribute(type: "sn", strings: ["Changed"]))])
        #expect(try await connection.compare("uid=a,\(ou)", attribute: "sn", value: Array("Changed".utf8)))
        #expect(try await !connection.compare("uid=a,\(ou)", attribute: "sn", value: Array("P".utf8)))
        try await connection.modifyDN(ModifyDNRequest(dn: "uid=a,\(ou)", newRDN: "uid=b"))
        let renamed = try await connection.search(SearchRequest(baseObject: ou, scope: .singleLevel)).collect().entries
        #expect(renamed.map(\.dn) == ["uid=b,\(ou)"])
        let duplicate = await #expect(throws: LDAPError.self) { try await connection.add(Self.person("b", in: ou)) }
        #expect(duplicate?.resultCode == .entryAlreadyExists)
        try await connection.delete("uid=b,\(ou)")
        try await connection.delete(ou)
        await connection.close()
    }

    @Test("a sync cookie round trip returns only what changed since, and deletions by entryUUID")
    func syncCookieRoundTrip() async throws {
        let connection = try await TestServer.connectAsAdmin()
        let ou = Self.uniqueOU()
        try await connection.add(LDAPEntry(dn: ou, attributes: [LDAPAttribute(type: "objectClass", strings: ["organizationalUnit"])]))
        for uid in ["a", "b", "c"] { try await connection.add(Self.person(uid, in: ou)) }

        // First refresh: everything, and a cookie.
        let first = try await Self.refresh(connection, base: ou, cookie: nil)
        #expect(Set(first.added) == ["uid=a,\(ou)", "uid=b,\(ou)", "uid=c,\(ou)", ou])
        let cookie = try #require(first.cookie)

        // Change one, delete one.
        try await connection.modify("uid=a,\(ou)", [LDAPModification(.replace, LDAPAttribute(type: "sn", strings: ["New"]))])
        let deletedUUID = try await connection.search(SearchRequest(baseObject: "uid=c,\(ou)", scope: .baseObject, attributes: ["entryUUID"])).collect().entries[0].string("entryUUID")
        try await connection.delete("uid=c,\(ou)")

        let second = try await Self.refresh(connection, base: ou, cookie: cookie)
        #expect(second.added == ["uid=a,\(ou)"])
        // syncprov's session log may also name entries deleted elsewhere;
        // RFC 4533 §3.4 has the client ignore UUIDs it does not hold.
        #expect(second.deletedUUIDs.map(Self.uuidString).contains(try #require(deletedUUID)))
        #expect(second.cookie != nil && second.cookie != cookie)

        for uid in ["a", "b"] { try await connection.delete("uid=\(uid),\(ou)") }
        try await connection.delete(ou)
        await connection.close()
    }

    struct Refresh {
        var added: [String] = []
        var deletedUUIDs: [[UInt8]] = []
        var cookie: [UInt8]?
    }

    /// One refreshOnly pass (RFC 4533 §3.3): entries with their syncState,
    /// syncInfo messages, and the cookie of the final syncDone.
    static func refresh(_ connection: LDAPConnection, base: String, cookie: [UInt8]?) async throws -> Refresh {
        var refresh = Refresh()
        let control = SyncRequestControl(mode: .refreshOnly, cookie: cookie).control()
        for try await event in try await connection.search(SearchRequest(baseObject: base), controls: [control]) {
            switch event {
            case .entry(let entry, let controls):
                let state = try SyncStateControl(try #require(controls.first(oid: SyncStateControl.oid)))
                if state.state == .delete { refresh.deletedUUIDs.append(state.entryUUID) } else { refresh.added.append(entry.dn) }
            case .intermediate(let response):
                if case .syncIdSet(_, let refreshDeletes, let uuids) = try SyncInfoMessage(response), refreshDeletes {
                    refresh.deletedUUIDs += uuids
                }
            case .done(_, let controls):
                refresh.cookie = try controls.first(oid: SyncDoneControl.oid).map(SyncDoneControl.init)?.cookie
            case .reference:
                break
            }
        }
        return refresh
    }

    static func uuidString(_ bytes: [UInt8]) -> String {
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }
}
