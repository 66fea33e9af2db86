import Testing
@testable import LDAP

@Suite("Connection state machine, without I/O")
struct ConnectionStateMachineTests {
    let entry = LDAPOperation.searchResultEntry(.person("a"))
    let done = LDAPOperation.searchResultDone(.success)

    @Test("a search receives entries, then completes on SearchResultDone")
    func searchFlow() {
        var machine = LDAPConnectionStateMachine()
        #expect(machine.send(messageID: 1, expecting: .searchResults) == .write)
        #expect(machine.receive(messageID: 1, operation: entry) == .deliver)
        #expect(machine.receive(messageID: 1, operation: .searchResultReference(["ldap://x/"])) == .deliver)
        #expect(machine.receive(messageID: 1, operation: done) == .complete)
        #expect(machine.outstandingCount == 0)
    }

    @Test("responses may arrive in any order (RFC 4511 §4.1.1)")
    func interleaved() {
        var machine = LDAPConnectionStateMachine()
        _ = machine.send(messageID: 1, expecting: .searchResults)
        _ = machine.send(messageID: 2, expecting: .response("ModifyResponse"))
        #expect(machine.receive(messageID: 2, operation: .modifyResponse(.success)) == .complete)
        #expect(machine.receive(messageID: 1, operation: entry) == .deliver)
        #expect(machine.receive(messageID: 1, operation: done) == .complete)
    }

    @Test("results of an abandoned search are dropped, then forgotten after its final response")
    func abandoned() {
        var machine = LDAPConnectionStateMachine()
        _ = machine.send(messageID: 1, expecting: .searchResults)
        #expect(machine.abandon(messageID: 1, reason: .cancelled) == .abandon(.cancelled))
        #expect(machine.receive(messageID: 1, operation: entry) == .ignore)
        #expect(machine.receive(messageID: 1, operation: done) == .ignore)
        #expect(machine.abandoned.isEmpty)
        #expect(machine.abandon(messageID: 1, reason: .cancelled) == LDAPConnectionStateMachine.Action.none)
    }

    @Test("a message ID never sent is a protocol error that closes the connection")
    func unknownID() {
        var machine = LDAPConnectionStateMachine()
        _ = machine.send(messageID: 1, expecting: .searchResults)
        guard case .failAllAndClose(.protocolError, let detail) = machine.receive(messageID: 9, operation: entry) else {
            Issue.record("expected failAllAndClose")
            return
        }
        #expect(detail.contains("message ID 9"))
        #expect(machine.send(messageID: 2, expecting: .searchResults) == .failRequest(.protocolError))
    }

    @Test("a response of the wrong kind is a protocol error")
    func wrongResponse() {
        var machine = LDAPConnectionStateMachine()
        _ = machine.send(messageID: 1, expecting: .response("BindResponse"))
        guard case .failAllAndClose(.protocolError, _) = machine.receive(messageID: 1, operation: .addResponse(.success)) else {
            Issue.record("expected failAllAndClose")
            return
        }
    }

    @Test("the Notice of Disconnection (message ID 0) fails everything (RFC 4511 §4.4.1)")
    func noticeOfDisconnection() {
        var machine = LDAPConnectionStateMachine()
        _ = machine.send(messageID: 1, expecting: .searchResults)
        let notice = LDAPOperation.extendedResponse(ExtendedResponse(result: LDAPResult(code: .unavailable), name: LDAPConnectionStateMachine.noticeOfDisconnectionOID))
        #expect(machine.receive(messageID: 0, operation: notice) == .failAllAndClose(.noticeOfDisconnection, detail: ""))
        #expect(machine.state == .closed(reason: .noticeOfDisconnection))
        #expect(machine.receive(messageID: 1, operation: entry) == .ignore)
    }

    @Test("other unsolicited messages are protocol errors")
    func unsolicitedOther() {
        var machine = LDAPConnectionStateMachine()
        guard case .failAllAndClose(.protocolError, _) = machine.receive(messageID: 0, operation: entry) else {
            Issue.record("expected failAllAndClose")
            return
        }
    }

    @Test("extended operations accept intermediate responses before the final one")
    func extended() {
        var machine = LDAPConnectionStateMachine()
        _ = machine.send(messageID: 3, expecting: .extendedResponse)
        #expect(machine.receive(messageID: 3, operation: .intermediateResponse(IntermediateResponse(name: nil, value: nil))) == .deliver)
        #expect(machine.receive(messageID: 3, operation: .extendedResponse(ExtendedResponse(result: .success))) == .complete)
    }

    @Test("closing twice reports once; a closed connection refuses requests")
    func closing() {
        var machine = LDAPConnectionStateMachine()
        _ = machine.send(messageID: 1, expecting: .response("ModifyResponse"))
        #expect(machine.receive(messageID: 1, operation: .modifyResponse(.success)) == .complete)
        #expect(machine.channelInactive() == .failAllAndClose(.connectionClosed, detail: "the server closed the connection"))
        #expect(machine.closeRequested() == LDAPConnectionStateMachine.Action.none)
        #expect(machine.send(messageID: 1, expecting: nil) == .failRequest(.connectionClosed))
        // A server that closes before answering anything: a hint at the URL's scheme.
        var silent = LDAPConnectionStateMachine()
        _ = silent.send(messageID: 1, expecting: .response("BindResponse"))
        guard case .failAllAndClose(.connectionClosed, let detail) = silent.channelInactive() else {
            Issue.record("not closed")
            return
        }
        #expect(detail.contains("an LDAPS port given as ldap://"))
    }

    @Test("the memory of abandoned IDs is bounded")
    func abandonedBounded() {
        var machine = LDAPConnectionStateMachine()
        for id in 1...Int32(LDAPConnectionStateMachine.abandonedMemory + 10) {
            _ = machine.send(messageID: id, expecting: .searchResults)
            _ = machine.abandon(messageID: id, reason: .timeout)
        }
        #expect(machine.abandoned.count == LDAPConnectionStateMachine.abandonedMemory)
    }
}
