import Foundation
public import Logging
import NetworkFailures
import NIOCore
import NIOPosix
import NIOSSL

/// Sends one message per connection: the thin I/O shell around
/// `SMTPSession`, which decides every step. Certificates are checked
/// against the system's CAs and `caFile`, host name included; commands are
/// logged at debug level, AUTH lines never.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let logger: Logger

    public init(configuration: SMTPConfiguration, logger: Logger = Logger(label: "dsync.smtp", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Sends `message` from `message.from` to every address of `message.to`.
    /// Throws only `SMTPError`, naming the step that failed.
    public func send(_ message: SMTPMessage) async throws(SMTPError) -> SMTPDelivery {
        guard !message.to.isEmpty else { throw SMTPError(.rcptTo, detail: "no recipient") }
        var session = SMTPSession(
            tls: configuration.tls, credentials: configuration.credentials, clientName: configuration.clientName,
            from: message.from, recipients: message.to, message: message.render())
        let tlsContext = try makeTLSContext()
        let connection = try await connect(tlsContext: tlsContext)
        do {
            return try await converse(&session, connection: connection, tlsContext: tlsContext)
        } catch {
            connection.channel.close(promise: nil)
            throw error
        }
    }

    struct Connection: Sendable {
        let channel: any Channel
        let handler: NIOLoopBound<SMTPChannelHandler>
    }

    private func converse(_ session: inout SMTPSession, connection: Connection, tlsContext: NIOSSLContext?) async throws(SMTPError) -> SMTPDelivery {
        while true {
            let reply: SMTPReply
            do {
                reply = try await nextReply(connection)
            } catch {
                if session.messageAccepted { return session.delivery }
                throw failure(error, step: session.step)
            }
            logger.debug("S: \(reply)")
            var action = session.receive(reply)
            if case .startTLS = action {
                try await startTLS(connection, context: tlsContext)
                action = session.tlsEstablished()
            }
            switch action {
            case .send(let command):
                logger.debug("C: \(command)")
                try await write(command.bytes, connection: connection, step: session.step)
            case .sendMessage(let bytes):
                logger.debug("C: (the message, \(bytes.count) bytes)")
                try await write(bytes, connection: connection, step: session.step)
            case .finished(let delivery):
                connection.channel.close(promise: nil)
                return delivery
            case .fail(let error, let quit):
                if quit { try? await connection.channel.writeAndFlush(ByteBuffer(string: "QUIT\r\n")).get() }
                connection.channel.close(promise: nil)
                throw error
            case .startTLS:
                throw SMTPError(.startTLS, detail: "STARTTLS asked for twice")
            }
        }
    }

    private func connect(tlsContext: NIOSSLContext?) async throws(SMTPError) -> Connection {
        let host = configuration.host
        let serverHostname = Self.isIPAddress(host) ? nil : host
        let implicit = configuration.tls == .implicit
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(Int64(configuration.timeout)))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
        do {
            // The initializer hands over the winning connection's handler
            // (a lookup afterwards could find the pipeline already torn
            // down by a failed TLS handshake).
            return try await bootstrap.connect(host: host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit, let tlsContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname))
                    }
                    let handler = SMTPChannelHandler()
                    try channel.pipeline.syncOperations.addHandler(handler)
                    return Connection(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
                }
            }
        } catch {
            throw SMTPError(.connect, detail: "cannot connect to \(host):\(configuration.port): \(Self.describe(error))")
        }
    }

    /// RFC 3207 §4.2: TLS on the connection after the server's 220. Bytes
    /// that came with or after that 220 were sent in plaintext by someone
    /// who may not be the server; they end the session (§5, the
    /// command-injection defence).
    private func startTLS(_ connection: Connection, context: NIOSSLContext?) async throws(SMTPError) {
        guard let context else { throw SMTPError(.startTLS, detail: "no TLS context") }
        let host = configuration.host
        let serverHostname = Self.isIPAddress(host) ? nil : host
        let channel = connection.channel
        let handler = connection.handler
        let clean: Bool
        do {
            clean = try await channel.eventLoop.submit {
                guard !handler.value.hasBufferedInput else { return false }
                try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverHostname), position: .first)
                return true
            }.get()
        } catch {
            throw SMTPError(.tls, detail: Self.describe(error))
        }
        guard clean else { throw SMTPError(.startTLS, detail: "the server sent data after its 220 reply, before TLS; refusing to go on") }
    }

    private func nextReply(_ connection: Connection) async throws -> SMTPReply {
        let channel = connection.channel
        let handler = connection.handler
        let timeout = configuration.timeout
        return try await channel.eventLoop.flatSubmit {
            let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
            let timer = channel.eventLoop.scheduleTask(in: .seconds(Int64(timeout))) {
                promise.fail(Timeout(seconds: timeout))
                channel.close(promise: nil)
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
            handler.value.nextReply(promise)
            return promise.futureResult
        }.get()
    }

    private func write(_ bytes: [UInt8], connection: Connection, step: SMTPError.Step) async throws(SMTPError) {
        do {
            try await connection.channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
        } catch {
            throw failure(error, step: step)
        }
    }

    private func makeTLSContext() throws(SMTPError) -> NIOSSLContext? {
        guard configuration.tls != .none else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let caFile = configuration.caFile {
            tls.additionalTrustRoots = [.file(caFile)]
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError(.tls, detail: "cannot use the CA file \(configuration.caFile ?? "(system store)"): \(error)")
        }
    }

    private func failure(_ error: any Error, step: SMTPError.Step) -> SMTPError {
        if let error = error as? SMTPError { return error }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return SMTPError(.tls, detail: "with \(configuration.host): \(Self.describe(error))")
        }
        if let error = error as? SMTPProtocolError {
            return SMTPError(step, detail: "the server broke the protocol: \(error)")
        }
        return SMTPError(step, detail: Self.describe(error))
    }

    static func describe(_ error: any Error) -> String {
        NetworkFailure.describe(error, caHint: "give its CA in `caFile`")
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }

    struct Timeout: Error, CustomStringConvertible {
        let seconds: Int
        var description: String { "no reply within \(seconds) s" }
    }
}
