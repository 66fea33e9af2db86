public import NIOCore

/// The LDAPMessage envelope of RFC 4511 §4.2: a message ID, one protocol
/// operation, and controls.
public struct LDAPMessage: Sendable, Hashable {
    public var messageID: Int32
    public var operation: LDAPOperation
    public var controls: [LDAPControl]

    public init(messageID: Int32, operation: LDAPOperation, controls: [LDAPControl] = []) {
        self.messageID = messageID
        self.operation = operation
        self.controls = controls
    }
}

/// The protocolOp CHOICE of RFC 4511 §4.2, one case per operation.
public enum LDAPOperation: Sendable, Hashable {
    case bindRequest(BindRequest)
    case bindResponse(LDAPResult, serverSASLCredentials: [UInt8]?)
    case unbindRequest
    case searchRequest(SearchRequest)
    case searchResultEntry(LDAPEntry)
    case searchResultDone(LDAPResult)
    case searchResultReference([String])
    case modifyRequest(dn: String, changes: [LDAPModification])
    case modifyResponse(LDAPResult)
    case addRequest(LDAPEntry)
    case addResponse(LDAPResult)
    case deleteRequest(dn: String)
    case deleteResponse(LDAPResult)
    case modifyDNRequest(ModifyDNRequest)
    case modifyDNResponse(LDAPResult)
    case compareRequest(dn: String, attribute: String, value: [UInt8])
    case compareResponse(LDAPResult)
    case abandonRequest(messageID: Int32)
    case extendedRequest(ExtendedRequest)
    case extendedResponse(ExtendedResponse)
    case intermediateResponse(IntermediateResponse)

    /// The result carried by a response, nil for requests, entries and references.
    public var result: LDAPResult? {
        switch self {
        case .bindResponse(let r, _), .searchResultDone(let r), .modifyResponse(let r),
             .addResponse(let r), .deleteResponse(let r), .modifyDNResponse(let r),
             .compareResponse(let r):
            return r
        case .extendedResponse(let r):
            return r.result
        default:
            return nil
        }
    }

    /// The operation's name as RFC 4511 spells it, for errors and logs.
    public var name: String {
        switch self {
        case .bindRequest: "BindRequest"
        case .bindResponse: "BindResponse"
        case .unbindRequest: "UnbindRequest"
        case .searchRequest: "SearchRequest"
        case .searchResultEntry: "SearchResultEntry"
        case .searchResultDone: "SearchResultDone"
        case .searchResultReference: "SearchResultReference"
        case .modifyRequest: "ModifyRequest"
        case .modifyResponse: "ModifyResponse"
        case .addRequest: "AddRequest"
        case .addResponse: "AddResponse"
        case .deleteRequest: "DelRequest"
        case .deleteResponse: "DelResponse"
        case .modifyDNRequest: "ModifyDNRequest"
        case .modifyDNResponse: "ModifyDNResponse"
        case .compareRequest: "CompareRequest"
        case .compareResponse: "CompareResponse"
        case .abandonRequest: "AbandonRequest"
        case .extendedRequest: "ExtendedRequest"
        case .extendedResponse: "ExtendedResponse"
        case .intermediateResponse: "IntermediateResponse"
        }
    }
}

extension LDAPMessage {
    /// Appends the message's BER encoding to `buffer`.
    public func write(to buffer: inout ByteBuffer) {
        var writer = BERWriter(buffer: buffer)
        buffer = ByteBuffer()  // Keep the storage uniquely referenced by the writer.
        writer.writeSequence { w in
            w.writeInteger(Int(messageID))
            operation.write(to: &w)
            LDAPControl.writeList(controls, to: &w)
        }
        buffer = writer.buffer
    }

    /// Decodes one complete LDAPMessage; `content` is the content of the
    /// outer SEQUENCE.
    public static func read(content: ByteBuffer) throws(BERError) -> LDAPMessage {
        var reader = BERReader(content, context: "LDAPMessage")
        let id = try reader.readInteger()
        // RFC 4511 §4.1.1: MessageID ::= INTEGER (0 .. maxInt).
        guard id >= 0, id <= Int(Int32.max) else { throw BERError(.badInteger, context: "LDAPMessage.messageID") }
        let (tag, body) = try reader.readElement()
        let operation = try LDAPOperation.read(tag: tag, content: body)
        var controls: [LDAPControl] = []
        if let list = try reader.readOptionalElement(LDAPControl.controlsTag) {
            controls = try LDAPControl.readList(from: list)
        }
        try reader.expectEnd()
        return LDAPMessage(messageID: Int32(id), operation: operation, controls: controls)
    }
}
