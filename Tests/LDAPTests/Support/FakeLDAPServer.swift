import Logging
import NIOCore
import NIOEmbedded
@testable import LDAP

/// Plays an LDAP server on the far side of a `NIOAsyncTestingChannel`: the
/// client under test is the real `LDAPConnection` with its real pipeline;
/// the test reads the requests it sends and writes the server's answers as
/// bytes.
struct FakeLDAPServer {
    let channel: NIOAsyncTestingChannel

    /// A connection whose pipeline is the production one, on a testing channel.
    static func connect(
        operationTimeout: TimeAmount = .seconds(30),
        maximumMessageSize: Int = LDAPMessageDecoder.defaultMaximumMessageSize,
        batchDelay: TimeAmount? = nil
    ) async throws -> (LDAPConnection, FakeLDAPServer) {
        let ids = LDAPMessageIDs()
        let logger = Logger(label: "test")
        let channel = try await NIOAsyncTestingChannel { channel in
            try channel.pipeline.syncOperations.addHandler(LDAPChannelHandler(ids: ids, logger: logger, maximumMessageSize: maximumMessageSize, batchDelay: batchDelay))
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 389)).get()
        let configuration = LDAPConfiguration(urls: [LDAPURL(scheme: .ldap, host: "127.0.0.1")], operationTimeout: operationTimeout)
        let connection = LDAPConnection(channel: channel, ids: ids, url: configuration.urls[0], configuration: configuration, logger: logger)
        return (connection, FakeLDAPServer(channel: channel))
    }

    /// The next request the client sent, decoded.
    func nextRequest() async throws -> LDAPMessage {
        var buffer = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
        var decoder = LDAPMessageDecoder()
        guard let message = try decoder.decode(buffer: &buffer) else {
            throw FakeServerError.incompleteRequest
        }
        return message
    }

    func send(_ message: LDAPMessage) async throws {
        var buffer = ByteBuffer()
        message.write(to: &buffer)
        try await channel.writeInbound(buffer)
    }

    func send(id: Int32, _ operation: LDAPOperation, controls: [LDAPControl] = []) async throws {
        try await send(LDAPMessage(messageID: id, operation: operation, controls: controls))
    }

    func sendBytes(_ bytes: [UInt8]) async throws {
        try await channel.writeInbound(ByteBuffer(bytes: bytes))
    }

    enum FakeServerError: Error {
        case incompleteRequest
    }
}

extension LDAPEntry {
    static func person(_ uid: String, base: String = "ou=people,dc=example,dc=test") -> LDAPEntry {
        LDAPEntry(dn: "uid=\(uid),\(base)", attributes: [
            LDAPAttribute(type: "objectClass", strings: ["inetOrgPerson"]),
            LDAPAttribute(type: "uid", strings: [uid]),
            LDAPAttribute(type: "cn", strings: ["User \(uid)"]),
        ])
    }
}

/// Hex text to bytes, for captured vectors.
func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var iterator = hex.filter { !$0.isWhitespace }.makeIterator()
    while let high = iterator.next(), let low = iterator.next() {
        bytes.append(UInt8(String([high, low]), radix: 16)!)
    }
    return bytes
}

func encode(_ message: LDAPMessage) -> [UInt8] {
    var buffer = ByteBuffer()
    message.write(to: &buffer)
    return Array(buffer.readableBytesView)
}

func decode(_ bytes: [UInt8]) throws -> LDAPMessage {
    var buffer = ByteBuffer(bytes: bytes)
    var decoder = LDAPMessageDecoder()
    guard let message = try decoder.decode(buffer: &buffer) else { throw FakeLDAPServer.FakeServerError.incompleteRequest }
    return message
}
