/// The bookkeeping of one LDAP connection as a plain value: which message
/// IDs are waiting for what, which were abandoned, and whether the connection
/// is still usable. Every event returns the one action the channel handler
/// must take; there is no I/O here, so every path is tested without a socket.
///
/// RFC 4511 §4.1.1: a response carries its request's messageID; the server
/// may answer operations in any order and may still send results for an
/// abandoned operation (§4.11), which are dropped.
struct LDAPConnectionStateMachine {
    /// What kind of answer an outstanding request expects.
    enum Expectation: Equatable {
        /// Entries, references and intermediate responses, then SearchResultDone.
        case searchResults
        /// Exactly one response whose operation has this name (e.g. "BindResponse").
        case response(String)
        /// An ExtendedResponse, possibly preceded by intermediate responses.
        case extendedResponse
    }

    enum State: Equatable {
        case active
        case closed(reason: LDAPError.Code)
    }

    enum Action: Equatable {
        /// Encode and send the request.
        case write
        /// Refuse the request: the connection is closed.
        case failRequest(LDAPError.Code)
        /// Hand a non-final message (entry, reference, intermediate) to the operation.
        case deliver
        /// Hand the final response to the operation; it is finished.
        case complete
        /// Drop the message: it belongs to an abandoned operation.
        case ignore
        /// Fail every outstanding operation and close the connection.
        case failAllAndClose(LDAPError.Code, detail: String)
        /// Send an AbandonRequest for the operation and fail it with this code.
        case abandon(LDAPError.Code)
        /// Nothing to do.
        case none
    }

    /// RFC 4511 §4.4.1 Notice of Disconnection.
    static let noticeOfDisconnectionOID = "1.3.6.1.4.1.1466.20036"
    /// How many abandoned IDs to remember; older ones are forgotten, since a
    /// server stops sending for them soon after the AbandonRequest.
    static let abandonedMemory = 1024

    private(set) var state: State = .active
    private(set) var pending: [Int32: Expectation] = [:]
    private(set) var abandoned: [Int32] = []
    /// Whether the server sent anything yet.
    private(set) var answered = false

    var outstandingCount: Int { pending.count }

    mutating func send(messageID: Int32, expecting expectation: Expectation?) -> Action {
        guard case .active = state else {
            if case .closed(let reason) = state { return .failRequest(reason) }
            return .failRequest(.connectionClosed)
        }
        if let expectation { pending[messageID] = expectation }
        return .write
    }

    mutating func receive(messageID: Int32, operation: LDAPOperation) -> Action {
        guard case .active = state else { return .ignore }
        answered = true
        if messageID == 0 {
            // RFC 4511 §4.4: unsolicited notifications use message ID 0.
            if case .extendedResponse(let response) = operation, response.name == Self.noticeOfDisconnectionOID || response.name == nil {
                return close(.noticeOfDisconnection, detail: "")
            }
            return close(.protocolError, detail: "an unsolicited \(operation.name) with message ID 0")
        }
        guard let expectation = pending[messageID] else {
            if abandoned.contains(messageID) {
                if operation.result != nil { abandoned.removeAll { $0 == messageID } }
                return .ignore
            }
            return close(.protocolError, detail: "a \(operation.name) for message ID \(messageID), which has no outstanding request")
        }
        switch (expectation, operation) {
        case (.searchResults, .searchResultEntry), (.searchResults, .searchResultReference), (.searchResults, .intermediateResponse),
             (.extendedResponse, .intermediateResponse):
            return .deliver
        case (.searchResults, .searchResultDone), (.extendedResponse, .extendedResponse):
            pending[messageID] = nil
            return .complete
        case (.response(let name), _) where name == operation.name:
            pending[messageID] = nil
            return .complete
        default:
            return close(.protocolError, detail: "a \(operation.name) answering message ID \(messageID), which expected \(expectation)")
        }
    }

    /// The caller gave up on the operation (cancelled, or timed out).
    mutating func abandon(messageID: Int32, reason: LDAPError.Code) -> Action {
        guard case .active = state, pending.removeValue(forKey: messageID) != nil else { return .none }
        abandoned.append(messageID)
        if abandoned.count > Self.abandonedMemory { abandoned.removeFirst(abandoned.count - Self.abandonedMemory) }
        return .abandon(reason)
    }

    /// The consumer finished reading early after the final response arrived:
    /// nothing to abandon.
    func isOutstanding(_ messageID: Int32) -> Bool { pending[messageID] != nil }

    mutating func decodingFailed(_ error: BERError) -> Action {
        close(.protocolError, detail: error.description)
    }

    mutating func errorCaught(_ description: String) -> Action {
        close(.connectionClosed, detail: description)
    }

    mutating func channelInactive() -> Action {
        guard answered else {
            // What a server does with a plain LDAP request on its LDAPS port.
            return close(.connectionClosed, detail: "the server closed the connection without answering anything (an LDAPS port given as ldap://? then the URL is ldaps://)")
        }
        return close(.connectionClosed, detail: "the server closed the connection")
    }

    mutating func closeRequested() -> Action {
        close(.connectionClosed, detail: "the connection was closed by the client")
    }

    private mutating func close(_ code: LDAPError.Code, detail: String) -> Action {
        guard case .active = state else { return .none }
        state = .closed(reason: code)
        pending.removeAll()
        abandoned.removeAll()
        return .failAllAndClose(code, detail: detail)
    }
}
