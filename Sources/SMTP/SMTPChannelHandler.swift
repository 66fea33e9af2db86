import NIOCore

/// The pipeline end of an SMTP connection: bytes in, replies out, one
/// waiting reader at a time (SMTP is lock-step: one command, one reply).
/// Everything runs on the channel's event loop.
final class SMTPChannelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private var parser = SMTPReplyParser()
    private var replies: [SMTPReply] = []
    private var waiter: EventLoopPromise<SMTPReply>?
    private var failure: (any Error)?

    /// Received bytes or replies nobody asked for yet.
    var hasBufferedInput: Bool { parser.hasBufferedInput || !replies.isEmpty }

    /// The next reply, once it is complete (or the connection's failure).
    func nextReply(_ promise: EventLoopPromise<SMTPReply>) {
        precondition(waiter == nil, "one reader at a time")
        waiter = promise
        deliver()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        do {
            replies += try parser.feed(bytes)
        } catch {
            record(error)
            context.close(promise: nil)
            return
        }
        deliver()
    }

    func channelInactive(context: ChannelHandlerContext) {
        record(ConnectionClosed())
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        record(error)
        context.close(promise: nil)
    }

    private func record(_ error: any Error) {
        if failure == nil { failure = error }
        deliver()
    }

    /// Replies that arrived before the failure are still handed out first.
    private func deliver() {
        guard let waiter else { return }
        if !replies.isEmpty {
            self.waiter = nil
            waiter.succeed(replies.removeFirst())
        } else if let failure {
            self.waiter = nil
            waiter.fail(failure)
        }
    }

    struct ConnectionClosed: Error, CustomStringConvertible {
        var description: String { "the server closed the connection" }
    }
}
