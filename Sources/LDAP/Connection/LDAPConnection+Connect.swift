public import Logging
public import NIOCore
public import NIOPosix
import NetworkFailures
import NIOSSL

extension LDAPConnection {
    /// Connects to the first configured server that answers, in order, sets
    /// up TLS (LDAPS or StartTLS) and binds with the configured credentials.
    /// When no server can be reached, the error lists every server and why.
    /// A refused bind is not retried on the next server: the same account
    /// would be refused there too, and AD would only lock it out sooner. A
    /// server that answers the bind with busy or unavailable (RFC 4511
    /// §4.1.9, results 51 and 52: a DC still starting, or shutting down) is
    /// one that cannot serve now, and the next is tried.
    public static func connect(
        _ configuration: LDAPConfiguration,
        on group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "dsync.ldap", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> LDAPConnection {
        guard !configuration.urls.isEmpty else {
            throw LDAPError(.invalidRequest, operation: "connect", detail: "no LDAP server URL is configured")
        }
        let tlsContext = try makeTLSContext(configuration)
        var attempts: [LDAPError.Attempt] = []
        for url in configuration.urls {
            let connection: LDAPConnection
            do {
                connection = try await open(url, configuration: configuration, tlsContext: tlsContext, group: group, logger: logger)
            } catch {
                logger.info("LDAP server unavailable", metadata: ["server": "\(url)", "reason": "\(error)"])
                attempts.append(LDAPError.Attempt(url: url.description, reason: Self.reason(error)))
                continue
            }
            do {
                switch configuration.credentials {
                case .anonymous: break
                case .simple(let dn, let password): try await connection.bind(dn: dn, password: password)
                }
            } catch {
                await connection.close()
                // Swift 6.3.1's release optimiser crashes (CopyPropagation) on
                // a `catch let error as LDAPError where …` here: the result
                // code is taken out first.
                let code: LDAPResultCode? = (error as? LDAPError)?.resultCode
                guard code == .busy || code == .unavailable else { throw error }
                logger.info("LDAP server cannot serve now", metadata: ["server": "\(url)", "reason": "\(error)"])
                attempts.append(LDAPError.Attempt(url: url.description, reason: Self.reason(error)))
                continue
            }
            logger.debug("connected", metadata: ["server": "\(url)"])
            return connection
        }
        throw LDAPError(.connectFailed, operation: "connect", attempts: attempts)
    }

    private static func open(
        _ url: LDAPURL, configuration: LDAPConfiguration, tlsContext: NIOSSLContext?,
        group: any EventLoopGroup, logger: Logger
    ) async throws -> LDAPConnection {
        let ids = LDAPMessageIDs()
        let serverHostname = url.isIPAddress ? nil : url.host
        let useLDAPS = url.scheme == .ldaps
        let maximumMessageSize = configuration.maximumMessageSize
        let batchDelay = configuration.resultBatchDelay
        // One loop chosen up front, so the handshake promise exists before
        // the handshake can start.
        let eventLoop = group.next()
        let handshake = useLDAPS ? eventLoop.makePromise(of: Void.self) : nil
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(configuration.connectTimeout)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            // Large reads: a search streams megabytes, and each read is also one
            // hand-over of results to the consuming task.
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65536, maximum: 1 << 20))
            .channelOption(.maxMessagesPerRead, value: 16)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if useLDAPS, let tlsContext {
                        try sync.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname))
                    }
                    try sync.addHandler(LDAPChannelHandler(ids: ids, logger: logger, tlsHandshake: handshake, maximumMessageSize: maximumMessageSize, batchDelay: batchDelay))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: url.host, port: url.port).get()
        } catch {
            handshake?.fail(error)
            throw error
        }
        let connection = LDAPConnection(channel: channel, ids: ids, url: url, configuration: configuration, logger: logger)
        do {
            if let handshake {
                try await connection.awaitTLSHandshake(handshake, timeout: configuration.connectTimeout)
            } else if configuration.tlsMode == .startTLS, let tlsContext {
                try await connection.startTLS(context: tlsContext, serverHostname: serverHostname)
            }
        } catch {
            try? await channel.close()
            throw error
        }
        return connection
    }

    /// RFC 4511 §4.14 / RFC 4513 §3: StartTLS, then the TLS handshake on the
    /// same connection. Nothing else may be outstanding meanwhile.
    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        do {
            _ = try await extended(ExtendedRequest(name: ExtendedRequest.startTLSOID))
        } catch var error as LDAPError {
            error.operation = "StartTLS with \(url)"
            throw error
        }
        let channel = self.channel
        let handshake = channel.eventLoop.makePromise(of: Void.self)
        try await channel.triggerUserOutboundEvent(LDAPChannelEvent.awaitTLSHandshake(handshake)).get()
        do {
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch {
            handshake.fail(error)
            throw error
        }
        try await awaitTLSHandshake(handshake, timeout: configuration.connectTimeout)
    }

    private func awaitTLSHandshake(_ handshake: EventLoopPromise<Void>, timeout: TimeAmount) async throws {
        let channel = self.channel
        let url = self.url
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            handshake.fail(LDAPError(.timeout, operation: "TLS handshake with \(url)", detail: "no answer within the connect timeout"))
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            try await handshake.futureResult.get()
        } catch var error as LDAPError {
            if error.operation.isEmpty { error.operation = "TLS handshake with \(url)" }
            throw error
        }
    }

    static func makeTLSContext(_ configuration: LDAPConfiguration) throws -> NIOSSLContext? {
        let needsTLS = configuration.tlsMode == .startTLS || configuration.urls.contains { $0.scheme == .ldaps }
        guard needsTLS else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = configuration.caFile {
            tls.trustRoots = .file(caFile)
        }
        switch configuration.certificateVerification {
        case .full: tls.certificateVerification = .fullVerification
        case .dangerouslySkipVerification: tls.certificateVerification = .none
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw LDAPError(.tlsFailed, operation: "TLS set-up", detail: "cannot use the CA file \(configuration.caFile ?? "(system store)"): \(error)")
        }
    }

    /// A short reason for one failed server, for the all-failed error.
    private static func reason(_ error: any Error) -> String {
        if let error = error as? LDAPError { return error.description }
        return NetworkFailure.describe(error, caHint: TLSErrorDescription.caHint)
    }
}
