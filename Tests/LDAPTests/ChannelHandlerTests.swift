import NIOCore
import NIOEmbedded
import Testing
@testable import LDAP

/// The real pipeline (decoder + channel handler + LDAPConnection) against a
/// server played by the test on a NIOAsyncTestingChannel.
@Suite("Connection over a played server")
struct ChannelHandlerTests {
    @Test("bind sends the DN and password and succeeds")
    func bindSuccess() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        async let bound: Void = connection.bind(dn: "cn=admin,dc=example,dc=test", password: LDAPPassword("pw"))
        let request = try await server.nextRequest()
        #expect(request.operation == .bindRequest(BindRequest(name: "cn=admin,dc=example,dc=test", authentication: .simple(LDAPPassword("pw")))))
        try await server.send(id: request.messageID, .bindResponse(.success, serverSASLCredentials: nil))
        try await bound
    }

    @Test("Active Directory's bind sub-reasons become words", arguments: [
        ("52e", "the password is wrong"), ("775", "the account is locked out"), ("532", "the password has expired"),
        ("533", "the account is disabled"), ("773", "the user must reset the password"),
    ])
    func activeDirectoryBindReasons(code: String, words: String) async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let bound = Task { try await connection.bind(dn: "cn=svc,dc=example,dc=test", password: LDAPPassword("pw")) }
        let request = try await server.nextRequest()
        let diagnostic = "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data \(code), v4563\0"
        try await server.send(id: request.messageID, .bindResponse(LDAPResult(code: .invalidCredentials, diagnosticMessage: diagnostic), serverSASLCredentials: nil))
        let error = await #expect(throws: LDAPError.self) { try await bound.value }
        #expect(error?.resultCode == .invalidCredentials)
        #expect(error?.description.contains(words) == true)
        #expect(error?.description.contains("\0") == false)
    }

    @Test("a DN with an empty password is refused before anything is sent (RFC 4513 §5.1.2)")
    func emptyPassword() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let error = await #expect(throws: LDAPError.self) {
            try await connection.bind(dn: "cn=admin,dc=example,dc=test", password: LDAPPassword(""))
        }
        #expect(error?.code == .invalidRequest)
        #expect(try await server.channel.readOutbound(as: ByteBuffer.self) == nil)
    }

    @Test("strongerAuthRequired tells to use LDAPS or StartTLS")
    func strongAuthRequired() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let bound = Task { try await connection.bind(dn: "cn=a", password: LDAPPassword("pw")) }
        let request = try await server.nextRequest()
        try await server.send(id: request.messageID, .bindResponse(LDAPResult(code: .strongerAuthRequired), serverSASLCredentials: nil))
        let error = await #expect(throws: LDAPError.self) { try await bound.value }
        #expect(error?.description.contains("use LDAPS or StartTLS") == true)
    }

    @Test("a search streams entries, references and intermediate responses, then done with its controls")
    func searchStream() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        let request = try await server.nextRequest()
        let id = request.messageID
        try await server.send(id: id, .searchResultEntry(.person("a")), controls: [SyncStateControl(state: .add, entryUUID: Array(0..<16)).control()])
        try await server.send(id: id, .searchResultReference(["ldap://example.test/DC=DomainDnsZones,DC=example,DC=test"]))
        try await server.send(id: id, .intermediateResponse(SyncInfoMessage.newCookie([1]).intermediateResponse()))
        try await server.send(id: id, .searchResultEntry(.person("b")))
        try await server.send(id: id, .searchResultDone(.success), controls: [SyncDoneControl(cookie: [42]).control()])
        var events: [LDAPSearchEvent] = []
        for try await event in stream { events.append(event) }
        #expect(events.count == 5)
        guard case .entry(let first, let controls) = events[0] else { Issue.record("no entry first"); return }
        #expect(first.string("uid") == "a")
        #expect(try SyncStateControl(controls[0]).state == .add)
        #expect(events[1] == .reference(["ldap://example.test/DC=DomainDnsZones,DC=example,DC=test"]))
        guard case .done(_, let doneControls) = events[4] else { Issue.record("no done last"); return }
        #expect(try SyncDoneControl(doneControls[0]).cookie == [42])
    }

    @Test("sizeLimitExceeded delivers the entries, then throws: the read is incomplete")
    func sizeLimit() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        let id = try await server.nextRequest().messageID
        try await server.send(id: id, .searchResultEntry(.person("a")))
        try await server.send(id: id, .searchResultEntry(.person("b")))
        try await server.send(id: id, .searchResultDone(LDAPResult(code: .sizeLimitExceeded)))
        var count = 0
        let error = await #expect(throws: LDAPError.self) {
            for try await event in stream { if case .entry = event { count += 1 } }
        }
        #expect(count == 2)
        #expect(error?.resultCode == .sizeLimitExceeded)
        #expect(error?.description.contains("incomplete") == true)
    }

    @Test("noSuchObject names the base DN searched")
    func noSuchObject() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let stream = try await connection.search(SearchRequest(baseObject: "ou=gone,dc=example,dc=test"))
        let id = try await server.nextRequest().messageID
        try await server.send(id: id, .searchResultDone(LDAPResult(code: .noSuchObject, matchedDN: "dc=example,dc=test")))
        let error = await #expect(throws: LDAPError.self) { _ = try await stream.collect() }
        #expect(error?.description.contains("ou=gone,dc=example,dc=test") == true)
        #expect(error?.resultCode == .noSuchObject)
    }

    @Test("a Notice of Disconnection fails pending operations and closes the connection")
    func noticeOfDisconnection() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        _ = try await server.nextRequest()
        let notice = ExtendedResponse(result: LDAPResult(code: .unavailable, diagnosticMessage: "idle timeout"), name: LDAPConnectionStateMachine.noticeOfDisconnectionOID)
        try await server.send(id: 0, .extendedResponse(notice))
        let error = await #expect(throws: LDAPError.self) { _ = try await stream.collect() }
        #expect(error?.code == .noticeOfDisconnection)
        #expect(error?.description.contains("idle timeout") == true)
        try await server.channel.closeFuture.get()
        #expect(!connection.isActive)
    }

    @Test("an answer for a message ID never used fails the connection")
    func unknownMessageID() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        _ = try await server.nextRequest()
        try await server.send(id: 77, .searchResultEntry(.person("x")))
        let error = await #expect(throws: LDAPError.self) { _ = try await stream.collect() }
        #expect(error?.code == .protocolError)
        #expect(error?.description.contains("77") == true)
        try await server.channel.closeFuture.get()
    }

    @Test("malformed bytes fail pending operations with a protocol error and close", arguments: [
        "300384010000",  // a SEQUENCE whose content is a broken INTEGER length
        "0403616263",  // not a SEQUENCE at all
        "3080",  // indefinite length
        "30058002010163",  // an unknown [0] where the message ID belongs
    ])
    func malformed(hex: String) async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        _ = try await server.nextRequest()
        try? await server.sendBytes(hexBytes(hex))
        let error = await #expect(throws: LDAPError.self) { _ = try await stream.collect() }
        #expect(error?.code == .protocolError)
        try await server.channel.closeFuture.get()
    }

    @Test("a length above the maximum message size is refused without buffering it")
    func oversizedLength() async throws {
        let (connection, server) = try await FakeLDAPServer.connect(maximumMessageSize: 1024)
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        _ = try await server.nextRequest()
        try? await server.sendBytes([0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x02])
        let error = await #expect(throws: LDAPError.self) { _ = try await stream.collect() }
        #expect(error?.code == .protocolError)
    }

    @Test("a server that closes mid-search fails the search")
    func closedMidSearch() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        let id = try await server.nextRequest().messageID
        try await server.send(id: id, .searchResultEntry(.person("a")))
        try await server.sendBytes([0x30, 0x10, 0x02])  // half a message, then the close
        try await server.channel.close()
        var entries = 0
        let error = await #expect(throws: LDAPError.self) {
            for try await event in stream { if case .entry = event { entries += 1 } }
        }
        #expect(entries == 1)
        #expect(error?.code == .connectionClosed || error?.code == .protocolError)
    }

    @Test("a server that never answers times out, and the search is abandoned")
    func timeout() async throws {
        let (connection, server) = try await FakeLDAPServer.connect(operationTimeout: .seconds(5))
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        let id = try await server.nextRequest().messageID
        await server.channel.testingEventLoop.advanceTime(by: .seconds(6))
        let error = await #expect(throws: LDAPError.self) { _ = try await stream.collect() }
        #expect(error?.code == .timeout)
        let abandon = try await server.nextRequest()
        #expect(abandon.operation == .abandonRequest(messageID: id))
        // Late results of the abandoned search are dropped, not errors.
        try await server.send(id: id, .searchResultEntry(.person("late")))
        #expect(connection.isActive)
    }

    @Test("leaving the loop early abandons the search (RFC 4511 §4.11)")
    func earlyExitAbandons() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let id: Int32
        do {
            let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
            id = try await server.nextRequest().messageID
            try await server.send(id: id, .searchResultEntry(.person("a")))
            try await server.send(id: id, .searchResultEntry(.person("b")))
            for try await _ in stream { break }
        }
        let abandon = try await server.nextRequest()
        #expect(abandon.operation == .abandonRequest(messageID: id))
    }

    // The limit only turns a regression (an entry never handed over) into a
    // failure instead of a hang; on a loaded machine the test itself may
    // wait minutes for a thread.
    @Test("with a batch delay, a small batch goes when the delay ends, a full one at once", .timeLimit(.minutes(10)))
    func batchDelay() async throws {
        let (connection, server) = try await FakeLDAPServer.connect(batchDelay: .milliseconds(1))
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        let id = try await server.nextRequest().messageID
        let total = 1 + LDAPChannelHandler.batchTarget
        let reader = Task {
            var uids: [String] = []
            for try await event in stream {
                if case .entry(let entry, _) = event { uids.append(entry.string("uid") ?? "") }
                if uids.count == total { break }
            }
            return uids
        }
        // One entry waits for the delay; had it not been handed over then, it
        // would fill the next batch with all but the last of the others, and
        // that last one would never come.
        try await server.send(id: id, .searchResultEntry(.person("a")))
        await server.channel.testingEventLoop.advanceTime(by: .milliseconds(1))
        for index in 0..<LDAPChannelHandler.batchTarget {
            try await server.send(id: id, .searchResultEntry(.person("b\(index)")))
        }
        let uids = try await reader.value
        #expect(uids.count == total)
        #expect(uids.first == "a")
    }

    @Test("cancelling the task that reads a search abandons it")
    func cancellationAbandons() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let stream = try await connection.search(SearchRequest(baseObject: "dc=example,dc=test"))
        let id = try await server.nextRequest().messageID
        let reader = Task {
            var count = 0
            for try await _ in stream { count += 1 }
            return count
        }
        try await server.send(id: id, .searchResultEntry(.person("a")))
        reader.cancel()
        let abandon = try await server.nextRequest()
        #expect(abandon.operation == .abandonRequest(messageID: id))
        _ = try? await reader.value
    }

    @Test("operations run concurrently on one connection and are matched by message ID")
    func concurrentOperations() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        async let added: Void = connection.add(.person("new"))
        let deleted = Task { try await connection.delete("uid=old,dc=example,dc=test") }
        let first = try await server.nextRequest()
        let second = try await server.nextRequest()
        // Answer in the opposite order.
        for request in [second, first] {
            switch request.operation {
            case .addRequest: try await server.send(id: request.messageID, .addResponse(.success))
            case .deleteRequest: try await server.send(id: request.messageID, .deleteResponse(LDAPResult(code: .noSuchObject)))
            default: Issue.record("unexpected \(request.operation.name)")
            }
        }
        try await added
        let error = await #expect(throws: LDAPError.self) { try await deleted.value }
        #expect(error?.description.contains("uid=old,dc=example,dc=test") == true)
    }

    @Test("Who am I? returns the authorization identity (RFC 4532)")
    func whoAmI() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        async let identity = connection.whoAmI()
        let request = try await server.nextRequest()
        #expect(request.operation == .extendedRequest(ExtendedRequest(name: ExtendedRequest.whoAmIOID)))
        try await server.send(id: request.messageID, .extendedResponse(ExtendedResponse(result: .success, value: Array("dn:cn=admin,dc=example,dc=test".utf8))))
        #expect(try await identity == "dn:cn=admin,dc=example,dc=test")
    }
}
