import NIOCore
import Testing
@testable import LDAP

/// Every operation and control survives encoding and decoding unchanged:
/// the client decodes what servers send, and the test servers decode what
/// the client sends.
@Suite("LDAPMessage encoding round trips (RFC 4511 §4.2–4.14)")
struct MessageRoundTripTests {
    static let result = LDAPResult(code: .noSuchObject, matchedDN: "dc=example,dc=test", diagnosticMessage: "no such entry", referral: ["ldap://other/"])
    static let entry = LDAPEntry(dn: "uid=zoë,ou=people,dc=example,dc=test", attributes: [
        LDAPAttribute(type: "cn", strings: ["Zoë"]),
        LDAPAttribute(type: "objectGUID", values: [[0x00, 0xFF, 0x10, 0x80]]),
        LDAPAttribute(type: "member;range=0-1499", values: (0..<3).map { Array("uid=\($0)".utf8) }),
    ])

    static let operations: [LDAPOperation] = [
        .bindRequest(BindRequest(name: "cn=a", authentication: .simple(LDAPPassword("pw")))),
        .bindRequest(BindRequest(name: "", authentication: .sasl(mechanism: "EXTERNAL", credentials: nil))),
        .bindResponse(result, serverSASLCredentials: [1, 2]),
        .unbindRequest,
        .searchRequest(SearchRequest(baseObject: "dc=x", scope: .baseObject, derefAliases: .always, sizeLimit: 10, timeLimit: 5, typesOnly: true, filter: .not(.present("cn")), attributes: ["1.1"])),
        .searchResultEntry(entry),
        .searchResultDone(.success),
        .searchResultReference(["ldap://a/dc=x", "ldap://b/dc=x"]),
        .modifyRequest(dn: "uid=a,dc=x", changes: [
            LDAPModification(.add, LDAPAttribute(type: "mail", strings: ["a@x"])),
            LDAPModification(.delete, LDAPAttribute(type: "cn", values: [])),
            LDAPModification(.replace, LDAPAttribute(type: "sn", strings: ["B"])),
        ]),
        .modifyResponse(result),
        .addRequest(entry),
        .addResponse(.success),
        .deleteRequest(dn: "uid=a,dc=x"),
        .deleteResponse(.success),
        .modifyDNRequest(ModifyDNRequest(dn: "uid=a,dc=x", newRDN: "uid=b", deleteOldRDN: false, newSuperior: "ou=y,dc=x")),
        .modifyDNRequest(ModifyDNRequest(dn: "uid=a,dc=x", newRDN: "uid=b")),
        .modifyDNResponse(.success),
        .compareRequest(dn: "uid=a,dc=x", attribute: "cn", value: Array("A".utf8)),
        .compareResponse(LDAPResult(code: .compareTrue)),
        .abandonRequest(messageID: 7),
        .extendedRequest(ExtendedRequest(name: ExtendedRequest.startTLSOID)),
        .extendedRequest(ExtendedRequest(name: "1.2.3", value: [9])),
        .extendedResponse(ExtendedResponse(result: .success, name: "1.3.6.1.4.1.1466.20036", value: Array("dn:cn=a".utf8))),
        .intermediateResponse(SyncInfoMessage.newCookie([1, 2, 3]).intermediateResponse()),
    ]

    @Test("operations", arguments: operations)
    func operation(_ operation: LDAPOperation) throws {
        let message = LDAPMessage(messageID: 42, operation: operation, controls: [LDAPControl(oid: "1.2.3.4", criticality: true, value: [0])])
        #expect(try decode(encode(message)) == message)
    }

    static let filters: [LDAPFilter] = [
        .and([]), .or([]), .and([.present("a"), .or([.equal("b", "c"), .not(.approx("d", Array("e".utf8)))])]),
        .substrings("cn", initial: [1], any: [[2], [3]], final: [4]),
        .greaterOrEqual("n", Array("5".utf8)), .lessOrEqual("n", Array("6".utf8)),
        .extensible(matchingRule: "1.2.840.113556.1.4.1941", type: "memberOf", value: Array("cn=g,dc=x".utf8), dnAttributes: false),
        .extensible(matchingRule: nil, type: "cn", value: [0], dnAttributes: true),
    ]

    @Test("filters", arguments: filters)
    func filter(_ filter: LDAPFilter) throws {
        let message = LDAPMessage(messageID: 1, operation: .searchRequest(SearchRequest(baseObject: "", filter: filter)))
        #expect(try decode(encode(message)) == message)
    }

    @Test("paged results control")
    func pagedResults() throws {
        let control = PagedResultsControl(size: 1000, cookie: [0xAB, 0xCD]).control()
        #expect(try PagedResultsControl(control) == PagedResultsControl(size: 1000, cookie: [0xAB, 0xCD]))
    }

    @Test("DirSync request and response controls")
    func dirSync() throws {
        let request = DirSyncControl(flags: [.objectSecurity, .incrementalValues], maxBytes: 1_048_576, cookie: [1, 2, 3])
        #expect(try DirSyncControl(request: request.control()) == request)
        let response = DirSyncResponse(moreResults: true, cookie: [4, 5])
        #expect(try DirSyncResponse(response.control()) == response)
    }

    @Test("RFC 4533 controls and sync info messages")
    func contentSync() throws {
        let request = SyncRequestControl(mode: .refreshAndPersist, cookie: [7], reloadHint: true)
        #expect(try SyncRequestControl(request.control()) == request)
        let uuid: [UInt8] = Array(0..<16)
        for state in [SyncStateControl.State.present, .add, .modify, .delete] {
            let control = SyncStateControl(state: state, entryUUID: uuid, cookie: state == .add ? [1] : nil)
            #expect(try SyncStateControl(control.control()) == control)
        }
        let done = SyncDoneControl(cookie: [9], refreshDeletes: true)
        #expect(try SyncDoneControl(done.control()) == done)
        let infos: [SyncInfoMessage] = [
            .newCookie([1]), .refreshDelete(cookie: [2], refreshDone: true), .refreshPresent(cookie: nil, refreshDone: false),
            .syncIdSet(cookie: [3], refreshDeletes: true, uuids: [uuid, uuid.reversed()]),
        ]
        for info in infos {
            #expect(try SyncInfoMessage(info.intermediateResponse()) == info)
        }
    }

    @Test("syncInfo as OpenLDAP sends it: refreshDelete with a cookie and refreshDone omitted means done")
    func syncInfoDefaults() throws {
        // [1] { OCTET STRING "c" } — refreshDone DEFAULT TRUE.
        let response = IntermediateResponse(name: SyncInfoMessage.oid, value: [0xA1, 0x03, 0x04, 0x01, 0x63])
        #expect(try SyncInfoMessage(response) == .refreshDelete(cookie: [0x63], refreshDone: true))
    }

    @Test("a response control's criticality is read but carries no meaning (RFC 4511 §4.1.11)")
    func responseControlCriticality() throws {
        let done = LDAPMessage(messageID: 2, operation: .searchResultDone(.success), controls: [PagedResultsControl(size: 0).control(criticality: true)])
        let decoded = try decode(encode(done))
        #expect(try PagedResultsControl(decoded.controls[0]).cookie.isEmpty)
    }

    @Test("the bind password never shows in descriptions or dumps")
    func passwordRedacted() {
        let message = LDAPMessage(messageID: 1, operation: .bindRequest(BindRequest(name: "cn=a", authentication: .simple(LDAPPassword("hunter2-secret")))))
        var dumped = ""
        dump(message, to: &dumped)
        #expect(!"\(message)".contains("hunter2"))
        #expect(!String(reflecting: message).contains("hunter2"))
        #expect(!dumped.contains("hunter2"))
    }
}
