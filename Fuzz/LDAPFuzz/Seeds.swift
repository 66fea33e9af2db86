#if !FUZZING
import LDAP
import NIOCore

/// The seed corpus of Fuzz/corpus/ldap-decoder, as the client's own encoder
/// writes it (`ldap-fuzz --write-seeds DIR`): real server responses, one
/// message per file unless the name says otherwise, plus one filter and one
/// LDIF text for the text parsers.
enum Seeds {
    static var all: [(name: String, bytes: [UInt8])] {
        let entry = LDAPMessage(messageID: 2, operation: .searchResultEntry(LDAPEntry(
            dn: "uid=jdoe,ou=people,dc=example,dc=com",
            attributes: [
                LDAPAttribute(type: "objectClass", strings: ["top", "person", "inetOrgPerson"]),
                LDAPAttribute(type: "cn", strings: ["Jane Doe"]),
                LDAPAttribute(type: "mail", strings: ["jdoe@example.com"]),
                LDAPAttribute(type: "entryUUID", strings: ["5f0d1c2e-8a3b-4c6d-9e1f-2a3b4c5d6e7f"]),
            ])))
        let adEntry = LDAPMessage(messageID: 3, operation: .searchResultEntry(LDAPEntry(
            dn: "CN=Jane Doe,OU=Staff,DC=corp,DC=example",
            attributes: [
                LDAPAttribute(type: "objectGUID", values: [[0x3F, 0x2A, 0x91, 0x04, 0xB7, 0x5C, 0x4E, 0x41,
                                                           0x8D, 0x12, 0x00, 0xFF, 0x7E, 0x80, 0x01, 0x9A]]),
                LDAPAttribute(type: "sAMAccountName", strings: ["jdoe"]),
                LDAPAttribute(type: "member;range=0-1", strings: ["CN=A,DC=corp,DC=example", "CN=B,DC=corp,DC=example"]),
            ])), controls: [DirSyncResponse(moreResults: true, cookie: [0x4D, 0x53, 0x44, 0x53, 3, 0, 0, 0]).control()])
        let syncState = SyncStateControl(state: .add, entryUUID: Array(0..<16), cookie: Array("rid=001,csn=20240101".utf8))

        return [
            ("bind-response-success", encode(LDAPMessage(messageID: 1, operation: .bindResponse(.success, serverSASLCredentials: nil)))),
            ("bind-response-invalid-credentials", encode(LDAPMessage(messageID: 1, operation: .bindResponse(
                LDAPResult(code: .invalidCredentials, diagnosticMessage: "80090308: LdapErr: DSID-0C090447, comment: AcceptSecurityContext error, data 52e, v3839"),
                serverSASLCredentials: nil)))),
            ("search-entry", encode(entry)),
            ("search-done-paged", encode(LDAPMessage(messageID: 2, operation: .searchResultDone(.success),
                                                     controls: [PagedResultsControl(size: 0, cookie: [0x01, 0x00, 0x00, 0x00, 0xE8, 0x03]).control()]))),
            ("search-done-referral", encode(LDAPMessage(messageID: 2, operation: .searchResultDone(LDAPResult(
                code: .referral, matchedDN: "DC=corp,DC=example", diagnosticMessage: "0000202B: RefErr: DSID-0310082F",
                referral: ["ldap://corp.example/DC=corp,DC=example", "ldap://dc2.corp.example/DC=corp,DC=example"]))))),
            ("search-reference", encode(LDAPMessage(messageID: 2, operation: .searchResultReference(["ldap://dc2.corp.example/DC=corp,DC=example??sub"])))),
            ("search-entry-syncstate", encode(LDAPMessage(messageID: 4, operation: entry.operation, controls: [syncState.control()]))),
            ("search-done-syncdone", encode(LDAPMessage(messageID: 4, operation: .searchResultDone(.success),
                                                        controls: [SyncDoneControl(cookie: Array("rid=001,csn=20240102".utf8), refreshDeletes: true).control()]))),
            ("intermediate-syncinfo-newcookie", encode(LDAPMessage(messageID: 4, operation: .intermediateResponse(
                SyncInfoMessage.newCookie(Array("rid=001,csn=20240103".utf8)).intermediateResponse())))),
            ("intermediate-syncinfo-syncidset", encode(LDAPMessage(messageID: 4, operation: .intermediateResponse(
                SyncInfoMessage.syncIdSet(cookie: [0x63], refreshDeletes: true, uuids: [Array(0..<16), Array(16..<32)]).intermediateResponse())))),
            ("extended-notice-of-disconnection", encode(LDAPMessage(messageID: 0, operation: .extendedResponse(ExtendedResponse(
                result: LDAPResult(code: .unavailable, diagnosticMessage: "server shutting down"),
                name: "1.3.6.1.4.1.1466.20036"))))),
            // Active Directory writes every length in the four-octet long form.
            ("ad-longform-entry-dirsync", longForm(encode(adEntry))),
            ("stream-entry-then-paged-done", encode(entry) + encode(LDAPMessage(messageID: 2, operation: .searchResultDone(.success),
                                                                                controls: [PagedResultsControl(size: 0, cookie: []).control()]))),
            // Requests: the decoder reads them too (the test server uses it).
            ("request-binds-simple-sasl", encode(LDAPMessage(messageID: 1, operation: .bindRequest(BindRequest(
                name: "cn=admin,dc=example,dc=com", authentication: .simple(LDAPPassword("secret"))))))
                + encode(LDAPMessage(messageID: 2, operation: .bindRequest(BindRequest(
                    name: "", authentication: .sasl(mechanism: "EXTERNAL", credentials: Array("dn:cn=agent".utf8))))))
                + encode(LDAPMessage(messageID: 2, operation: .bindResponse(LDAPResult(code: .saslBindInProgress),
                                                                            serverSASLCredentials: [0x60, 0x81, 0x00])))),
            ("request-search-paged-dirsync", encode(LDAPMessage(messageID: 5, operation: .searchRequest(SearchRequest(
                baseObject: "dc=example,dc=com", sizeLimit: 10, timeLimit: 30,
                filter: (try? LDAPFilter(parsing: "(&(objectClass=person)(|(cn=J*n*e)(mail>=a)(sn<=z)(cn~=jo))(!(uid:caseExactMatch:=x))(:dn:2.5.13.5:=y)(member=*))")) ?? .everything,
                attributes: ["cn", "mail", "member;range=0-*"])),
                controls: [PagedResultsControl(size: 500).control(), DirSyncControl().control(),
                           SyncRequestControl(mode: .refreshAndPersist, cookie: [1, 2], reloadHint: true).control()]))),
            ("request-updates", encode(LDAPMessage(messageID: 6, operation: .modifyRequest(dn: "uid=jdoe,dc=example", changes: [
                LDAPModification(.replace, LDAPAttribute(type: "mail", strings: ["j@example.com"])),
                LDAPModification(.delete, LDAPAttribute(type: "description", values: [])),
            ]))) + encode(LDAPMessage(messageID: 7, operation: .addRequest(LDAPEntry(dn: "cn=x,dc=example", attributes: [
                LDAPAttribute(type: "objectClass", strings: ["device"])]))))
                + encode(LDAPMessage(messageID: 8, operation: .modifyDNRequest(ModifyDNRequest(dn: "cn=x,dc=example", newRDN: "cn=y", newSuperior: "ou=z,dc=example"))))
                + encode(LDAPMessage(messageID: 9, operation: .compareRequest(dn: "cn=y,ou=z,dc=example", attribute: "cn", value: Array("y".utf8))))
                + encode(LDAPMessage(messageID: 10, operation: .deleteRequest(dn: "cn=y,ou=z,dc=example")))
                + encode(LDAPMessage(messageID: 11, operation: .abandonRequest(messageID: 5)))
                + encode(LDAPMessage(messageID: 12, operation: .extendedRequest(ExtendedRequest(name: ExtendedRequest.startTLSOID))))
                + encode(LDAPMessage(messageID: 13, operation: .unbindRequest))),
            ("text-filter", Array("(&(objectClass=user)(|(cn=J*n\\2a*e)(mail=*@example.com))(!(userAccountControl:1.2.840.113556.1.4.803:=2)))".utf8)),
            ("text-ldif", Array("""
                version: 1
                dn: uid=jdoe,ou=people,dc=example,dc=com
                changetype: modify
                replace: mail
                mail: jdoe@example.com
                -

                dn:: Y249SsO8cmdlbixkYz1leGFtcGxlLGRjPWNvbQ==
                objectClass: person
                cn: J
                 \u{00FC}rgen

                dn: cn=old,dc=example,dc=com
                control: 1.2.840.113556.1.4.805 true
                changetype: delete

                dn: cn=x,dc=example,dc=com
                changetype: modrdn
                newrdn: cn=y
                deleteoldrdn: 1
                newsuperior: ou=z,dc=example,dc=com

                dn: cn=n,dc=example,dc=com
                changetype: add
                objectClass: device
                description:: AAEC/w==
                seeAlso:< file:///etc/hostname

                dn: cn=n,dc=example,dc=com
                changetype: modify
                add: member
                member: cn=a,dc=example,dc=com
                -
                delete: description
                -
                increment: uidNumber
                uidNumber: 1

                """.utf8)),
        ]
    }

    static func encode(_ message: LDAPMessage) -> [UInt8] {
        var buffer = ByteBuffer()
        message.write(to: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// Rewrites every length of BER `bytes` (nested into constructed
    /// elements) in the long form `0x84 b1 b2 b3 b4`, as Active Directory
    /// sends it.
    static func longForm(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index + 1 < bytes.count {
            let tag = bytes[index]
            var length = Int(bytes[index + 1])
            var contentStart = index + 2
            if length >= 0x80 {
                let octets = length & 0x7F
                length = bytes[contentStart..<(contentStart + octets)].reduce(0) { $0 << 8 | Int($1) }
                contentStart += octets
            }
            let content = Array(bytes[contentStart..<(contentStart + length)])
            let body = tag & 0x20 != 0 ? longForm(content) : content
            output.append(tag)
            output.append(0x84)
            output += (0..<4).reversed().map { UInt8(truncatingIfNeeded: body.count >> ($0 * 8)) }
            output += body
            index = contentStart + length
        }
        return output
    }
}
#endif
