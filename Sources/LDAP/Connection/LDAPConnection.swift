import Logging
import NIOCore
import NIOSSL

/// One open connection to an LDAP server. Operations may run concurrently:
/// LDAP multiplexes them by message ID (RFC 4511 §4.1.1). Create one with
/// `LDAPConnection.connect(_:on:logger:)`, which tries the configured servers
/// in order, sets up TLS and binds.
public final class LDAPConnection: Sendable {
    let channel: any Channel
    let ids: LDAPMessageIDs
    /// The server this connection reached.
    public let url: LDAPURL
    public let configuration: LDAPConfiguration
    let logger: Logger
    let rootDSECache = RootDSECache()

    init(channel: any Channel, ids: LDAPMessageIDs, url: LDAPURL, configuration: LDAPConfiguration, logger: Logger) {
        self.channel = channel
        self.ids = ids
        self.url = url
        self.configuration = configuration
        self.logger = logger
    }

    /// False once the server or the client closed the connection.
    public var isActive: Bool { channel.isActive }

    // MARK: Sending

    /// Sends a request and waits for its single final response.
    func request(_ operation: LDAPOperation, controls: [LDAPControl] = [], label: String) async throws -> LDAPMessage {
        let promise = channel.eventLoop.makePromise(of: LDAPMessage.self)
        let request = LDAPRequest(
            messageID: ids.next(), operation: operation, controls: controls,
            sink: .single(promise), timeout: configuration.operationTimeout, label: label
        )
        channel.writeAndFlush(request, promise: nil)
        return try await promise.futureResult.get()
    }

    /// Sends a request and fails unless the server answers success.
    @discardableResult
    func requestSuccess(_ operation: LDAPOperation, controls: [LDAPControl] = [], label: String) async throws -> LDAPMessage {
        let response = try await request(operation, controls: controls, label: label)
        if let result = response.operation.result, result.code != .success {
            throw LDAPError(.serverResult, operation: label, result: result, controls: response.controls)
        }
        return response
    }

    /// Sends a request that has no response (Abandon, Unbind).
    func send(_ operation: LDAPOperation, label: String) {
        let request = LDAPRequest(messageID: ids.next(), operation: operation, controls: [], sink: .none, timeout: nil, label: label)
        channel.writeAndFlush(request, promise: nil)
    }

    // MARK: Operations

    /// RFC 4513 §5.1.3 simple bind. A DN with an empty password is refused
    /// before anything is sent: servers treat it as an unauthenticated bind
    /// that "succeeds" without checking anything (RFC 4513 §5.1.2).
    public func bind(dn: String, password: LDAPPassword) async throws {
        guard !password.isEmpty else {
            throw LDAPError(.invalidRequest, operation: "bind as \(dn)", detail: "the password is empty; servers accept that as an unauthenticated bind without checking anything (RFC 4513 §5.1.2), so it is refused")
        }
        if url.scheme == .ldap, !url.isLoopback, !(try await isTLSActive()) {
            logger.warning("simple bind over plain LDAP sends the password unencrypted; use ldaps:// or StartTLS", metadata: ["server": "\(url)"])
        }
        let request = BindRequest(name: dn, authentication: .simple(password))
        try await requestSuccess(.bindRequest(request), label: "bind as \(dn) to \(url)")
    }

    /// RFC 4513 §5.1.1 anonymous bind.
    public func bindAnonymously() async throws {
        let request = BindRequest(name: "", authentication: .simple(LDAPPassword(bytes: [])))
        try await requestSuccess(.bindRequest(request), label: "anonymous bind to \(url)")
    }

    /// Starts a search and returns its results as they arrive. One page
    /// only: see `pagedSearch` for reading past the server's size limit.
    public func search(_ request: SearchRequest, controls: [LDAPControl] = []) async throws -> LDAPSearchStream {
        let label = "search of \"\(request.baseObject)\""
        try await checkCriticalControls(controls, label: label)
        let id = ids.next()
        let produced = LDAPSearchProducer.makeSequence(
            // In batches (one per socket read, at most 1 MiB): reading pauses
            // while the consumer is 8 reads behind.
            backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8),
            finishOnDeinit: false,
            delegate: LDAPSearchStreamDelegate(messageID: id, channel: channel)
        )
        let ldapRequest = LDAPRequest(
            messageID: id, operation: .searchRequest(request), controls: controls,
            sink: .stream(produced.source), timeout: configuration.operationTimeout, label: label
        )
        try await channel.writeAndFlush(ldapRequest)
        return LDAPSearchStream(base: produced.sequence, controls: controls)
    }

    /// Sends a search whose answer nobody reads (releasing a paged search).
    func searchDiscardingResults(_ request: SearchRequest, controls: [LDAPControl]) {
        let ldapRequest = LDAPRequest(
            messageID: ids.next(), operation: .searchRequest(request), controls: controls,
            sink: .discard, timeout: configuration.operationTimeout, label: "release of a paged search"
        )
        channel.writeAndFlush(ldapRequest, promise: nil)
    }

    /// The update operations take request controls, e.g. OpenLDAP's Relax
    /// Rules (`LDAPControl.relax`), which lets the rootdn set `entryUUID`.
    public func add(_ entry: LDAPEntry, controls: [LDAPControl] = []) async throws {
        try await requestSuccess(.addRequest(entry), controls: controls, label: "add of \"\(entry.dn)\"")
    }

    public func modify(_ dn: String, _ changes: [LDAPModification], controls: [LDAPControl] = []) async throws {
        try await requestSuccess(.modifyRequest(dn: dn, changes: changes), controls: controls, label: "modify of \"\(dn)\"")
    }

    public func delete(_ dn: String, controls: [LDAPControl] = []) async throws {
        try await requestSuccess(.deleteRequest(dn: dn), controls: controls, label: "delete of \"\(dn)\"")
    }

    public func modifyDN(_ request: ModifyDNRequest, controls: [LDAPControl] = []) async throws {
        try await requestSuccess(.modifyDNRequest(request), controls: controls, label: "rename of \"\(request.dn)\"")
    }

    /// Applies one LDIF change record (RFC 2849), with its own controls and
    /// `extraControls`, as `ldapmodify` does.
    public func apply(_ change: LDIFChange, extraControls: [LDAPControl] = []) async throws {
        let controls = change.controls + extraControls
        switch change.operation {
        case .add(let entry): try await add(entry, controls: controls)
        case .delete(let dn): try await delete(dn, controls: controls)
        case .modify(let dn, let modifications): try await modify(dn, modifications, controls: controls)
        case .modifyDN(let dn, let newRDN, let deleteOldRDN, let newSuperior):
            try await modifyDN(ModifyDNRequest(dn: dn, newRDN: newRDN, deleteOldRDN: deleteOldRDN, newSuperior: newSuperior), controls: controls)
        }
    }

    /// RFC 4511 §4.10: true for compareTrue, false for compareFalse.
    public func compare(_ dn: String, attribute: String, value: [UInt8]) async throws -> Bool {
        let label = "compare of \(attribute) on \"\(dn)\""
        let response = try await request(.compareRequest(dn: dn, attribute: attribute, value: value), label: label)
        switch response.operation.result?.code {
        case .compareTrue?: return true
        case .compareFalse?: return false
        default: throw LDAPError(.serverResult, operation: label, result: response.operation.result)
        }
    }

    /// RFC 4511 §4.12: any extended operation; fails unless it succeeds.
    public func extended(_ request: ExtendedRequest) async throws -> ExtendedResponse {
        let response = try await requestSuccess(.extendedRequest(request), label: "extended operation \(request.name)")
        guard case .extendedResponse(let extended) = response.operation else {
            throw LDAPError(.protocolError, operation: "extended operation \(request.name)", detail: "the answer is not an ExtendedResponse")
        }
        return extended
    }

    /// RFC 4532 "Who am I?": the authorization identity of this connection
    /// (`dn:…`, `u:…`, or empty when anonymous).
    public func whoAmI() async throws -> String {
        let response = try await extended(ExtendedRequest(name: ExtendedRequest.whoAmIOID))
        return String(decoding: response.value ?? [], as: UTF8.self)
    }

    /// RFC 4511 §4.3: Unbind, then close. Outstanding operations fail.
    public func close() async {
        if channel.isActive { send(.unbindRequest, label: "unbind") }
        try? await channel.close()
    }

    /// Whether a TLS handler is in the pipeline (LDAPS or after StartTLS).
    func isTLSActive() async throws -> Bool {
        let channel = self.channel
        return try await channel.eventLoop.submit {
            (try? channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)) != nil
        }.get()
    }
}
