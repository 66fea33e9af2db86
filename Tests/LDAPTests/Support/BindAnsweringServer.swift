import NIOCore
import NIOPosix
@testable import LDAP

/// A TCP server on a loopback port that answers every bind with one result
/// code, then closes when the client does: a domain controller that is
/// starting (busy) or one that binds fine.
final class BindAnsweringServer: Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    init(answering code: LDAPResultCode) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(BindAnswer(code: code))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func close() async {
        try? await channel.close()
    }

    /// Decodes requests; a bind gets `code`, anything else is ignored.
    private final class BindAnswer: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let code: LDAPResultCode
        var decoder = LDAPMessageDecoder()
        var pending = ByteBuffer()

        init(code: LDAPResultCode) { self.code = code }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            pending.writeBuffer(&bytes)
            while let message = try? decoder.decode(buffer: &pending) {
                guard case .bindRequest = message.operation else { continue }
                var answer = ByteBuffer()
                let result = LDAPResult(code: code, diagnosticMessage: code == .success ? "" : "the server is starting")
                LDAPMessage(messageID: message.messageID, operation: .bindResponse(result, serverSASLCredentials: nil)).write(to: &answer)
                context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
            }
        }
    }
}
