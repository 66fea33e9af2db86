import Testing
@testable import LDAP

/// Requests must be byte-for-byte what OpenLDAP's ldapsearch 2.5.13 sends for
/// the same operation. The vectors were captured once with
/// `scripts/dev/capture-ldapsearch-bytes` and are kept here as hex.
@Suite("Requests match ldapsearch's bytes")
struct CapturedRequestTests {
    @Test("simple bind")
    func simpleBind() {
        let message = LDAPMessage(messageID: 1, operation: .bindRequest(BindRequest(
            name: "cn=admin,dc=example,dc=test", authentication: .simple(LDAPPassword("secret"))
        )))
        #expect(encode(message) == hexBytes("302d0201016028020103041b636e3d61646d696e2c64633d6578616d706c652c64633d746573748006736563726574"))
    }

    @Test("anonymous bind")
    func anonymousBind() {
        let message = LDAPMessage(messageID: 1, operation: .bindRequest(BindRequest(name: "", authentication: .simple(LDAPPassword(bytes: [])))))
        #expect(encode(message) == hexBytes("300c020101600702010304008000"))
    }

    @Test("unbind")
    func unbind() {
        #expect(encode(LDAPMessage(messageID: 3, operation: .unbindRequest)) == hexBytes("30050201034200"))
    }

    static let nestedFilterSearch = hexBytes("""
        30819302010263818d041c6f753d70656f706c652c64633d6578616d706c652c64633d746573740a01010a0100020100020100010100a051a31c040b6f626a656374436c617373040d696e65744f7267506572736f6ea126a40b0403756964300480026a6fa41704046d61696c300f820d406578616d706c652e74657374a209a3070402636e040178300b040375696404046d61696c
        """)

    @Test("search with and/or/not/substrings, one level, two attributes")
    func nestedFilterSearch() throws {
        let filter = LDAPFilter.and([
            .equal("objectClass", "inetOrgPerson"),
            .or([
                .substrings("uid", initial: Array("jo".utf8), any: [], final: nil),
                .substrings("mail", initial: nil, any: [], final: Array("@example.test".utf8)),
            ]),
            .not(.equal("cn", "x")),
        ])
        let request = SearchRequest(baseObject: "ou=people,dc=example,dc=test", scope: .singleLevel, filter: filter, attributes: ["uid", "mail"])
        #expect(encode(LDAPMessage(messageID: 2, operation: .searchRequest(request))) == Self.nestedFilterSearch)
        // The same bytes from the filter's string form.
        let parsed = try LDAPFilter(parsing: "(&(objectClass=inetOrgPerson)(|(uid=jo*)(mail=*@example.test))(!(cn=x)))")
        #expect(parsed == filter)
    }

    @Test("search with the paged results control (RFC 2696)")
    func pagedSearch() {
        let request = SearchRequest(baseObject: "dc=example,dc=test")
        let message = LDAPMessage(messageID: 2, operation: .searchRequest(request), controls: [PagedResultsControl(size: 500).control()])
        #expect(encode(message) == hexBytes("305d0201026332041264633d6578616d706c652c64633d746573740a01020a0100020100020100010100870b6f626a656374436c6173733000a02430220416312e322e3834302e3131333535362e312e342e33313904083006020201f40400"))
    }

    @Test("extensible match, escapes, ordering and approximate filters")
    func extensibleAndEscapes() throws {
        let text = #"(&(userAccountControl:1.2.840.113556.1.4.803:=2)(cn=a\2ab\28c\29)(sn>=M)(sn<=N)(cn~=jon)(cn:dn:caseExactMatch:=Fred)(cn=*x*y*))"#
        let request = SearchRequest(baseObject: "dc=example,dc=test", filter: try LDAPFilter(parsing: text))
        let expected = hexBytes("3081b70201026381b1041264633d6578616d706c652c64633d746573740a01020a0100020100020100010100a08189a92f8116312e322e3834302e3131333535362e312e342e3830338212757365724163636f756e74436f6e74726f6c830132a30c0402636e0406612a62286329a5070402736e04014da6070402736e04014ea8090402636e04036a6f6ea91d810e6361736545786163744d617463688202636e8304467265648401ffa40c0402636e30068101788101793000")
        #expect(encode(LDAPMessage(messageID: 2, operation: .searchRequest(request))) == expected)
    }

    @Test("RFC 4533 sync request control, refreshOnly with a cookie, critical")
    func syncRequest() {
        let cookie = Array("rid=000,csn=20261129061500.000000Z#000000#000#000000".utf8)
        let message = LDAPMessage(
            messageID: 2, operation: .searchRequest(SearchRequest(baseObject: "dc=example,dc=test")),
            controls: [SyncRequestControl(mode: .refreshOnly, cookie: cookie).control()]
        )
        #expect(encode(message) == hexBytes("3081950201026332041264633d6578616d706c652c64633d746573740a01020a0100020100020100010100870b6f626a656374436c6173733000a05c305a0418312e332e362e312e342e312e343230332e312e392e312e310101ff043b30390a010104347269643d3030302c63736e3d32303236313132393036313530302e3030303030305a233030303030302330303023303030303030"))
    }

    @Test("Active Directory DirSync (incremental values, ancestors first, object security) and Show Deleted")
    func dirSyncAndShowDeleted() {
        let dirSync = DirSyncControl(flags: [.incrementalValues, .ancestorsFirstOrder, .objectSecurity], maxBytes: 0).control()
        let message = LDAPMessage(
            messageID: 2, operation: .searchRequest(SearchRequest(baseObject: "dc=example,dc=test", filter: .equal("objectClass", "user"))),
            controls: [dirSync, ShowDeletedControl.control()]
        )
        #expect(encode(message) == hexBytes("30818a020102633a041264633d6578616d706c652c64633d746573740a01020a0100020100020100010100a313040b6f626a656374436c6173730404757365723000a049302a0416312e322e3834302e3131333535362e312e342e3834310101ff040d300b0204800008010201000400301b0416312e322e3834302e3131333535362e312e342e3431370101ff"))
    }

    @Test("captured requests decode back to the same message")
    func capturedDecode() throws {
        let message = try decode(Self.nestedFilterSearch)
        guard case .searchRequest(let request) = message.operation else {
            Issue.record("not a search request: \(message.operation.name)")
            return
        }
        #expect(request.baseObject == "ou=people,dc=example,dc=test")
        #expect(request.scope == .singleLevel)
        #expect(request.attributes == ["uid", "mail"])
    }
}
