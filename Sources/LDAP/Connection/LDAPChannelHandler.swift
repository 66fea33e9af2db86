import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Translates between the pipeline and `LDAPConnectionStateMachine`: each
/// event becomes one state machine call, and the returned action is run here.
/// It encodes requests, routes decoded messages to their operation, stops
/// reading from the socket while a search consumer is behind (back-pressure),
/// and enforces timeouts.
final class LDAPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = LDAPRequest
    typealias OutboundOut = ByteBuffer

    private struct Operation {
        var sink: LDAPResponseSink
        var label: String
        var timeout: TimeAmount?
        var lastActivity: NIODeadline
    }

    private var stateMachine = LDAPConnectionStateMachine()
    /// Decoding happens here rather than in a ByteToMessageHandler in front:
    /// passing each message down the pipeline would box it in an `NIOAny`.
    private var decoder: NIOSingleStepByteToMessageProcessor<LDAPMessageDecoder>
    private var operations: [Int32: Operation] = [:]
    private let ids: LDAPMessageIDs
    private let logger: Logger
    /// Searches whose consumer asked us to stop producing.
    private var pausedStreams: Set<Int32> = []
    /// A `read` that was held back while some stream was paused.
    private var heldRead = false
    private var tlsHandshakePromise: EventLoopPromise<Void>?
    private var timeoutCheck: Scheduled<Void>?
    /// Search results decoded but not yet handed over, for the operation
    /// `batchID` (0: none).
    private var batch: [LDAPSearchEvent] = []
    private var batchID: Int32 = 0
    /// How long results may wait to fill a batch; nil hands them over at the
    /// end of every socket read.
    private let batchDelay: TimeAmount?
    private var batchTimer: Scheduled<Void>?
    /// A batch this large is handed over at once.
    static let batchTarget = 256
    private var context: ChannelHandlerContext?

    /// `tlsHandshake`, for LDAPS, is completed when the handshake that
    /// starts with the connection finishes or fails.
    init(
        ids: LDAPMessageIDs, logger: Logger, tlsHandshake: EventLoopPromise<Void>? = nil,
        maximumMessageSize: Int = LDAPMessageDecoder.defaultMaximumMessageSize,
        batchDelay: TimeAmount? = nil
    ) {
        self.batchDelay = batchDelay
        self.decoder = NIOSingleStepByteToMessageProcessor(LDAPMessageDecoder(maximumMessageSize: maximumMessageSize))
        self.ids = ids
        self.logger = logger
        self.tlsHandshakePromise = tlsHandshake
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        timeoutCheck?.cancel()
        batchTimer?.cancel()
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        switch stateMachine.send(messageID: request.messageID, expecting: request.expectation) {
        case .write:
            if request.expectation != nil {
                operations[request.messageID] = Operation(
                    sink: request.sink, label: request.label, timeout: request.timeout, lastActivity: context.eventLoop.now
                )
                scheduleTimeoutCheck(context: context, after: request.timeout)
            }
            var buffer = context.channel.allocator.buffer(capacity: 256)
            LDAPMessage(messageID: request.messageID, operation: request.operation, controls: request.controls).write(to: &buffer)
            context.write(wrapOutboundOut(buffer), promise: promise)
        case .failRequest(let code):
            let error = LDAPError(code, operation: request.label, detail: "the connection is closed")
            Self.fail(request.sink, with: error)
            promise?.fail(error)
        default:
            preconditionFailure("send returns write or failRequest")
        }
    }

    func read(context: ChannelHandlerContext) {
        if pausedStreams.isEmpty {
            context.read()
        } else {
            heldRead = true
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let event = event as? LDAPChannelEvent else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch event {
        case .produceMore(let id):
            pausedStreams.remove(id)
            resumeReadingIfAllowed(context: context)
        case .streamTerminated(let id):
            pausedStreams.remove(id)
            resumeReadingIfAllowed(context: context)
            if stateMachine.isOutstanding(id) {
                abandon(id, reason: .cancelled, context: context)
            }
        case .awaitTLSHandshake(let handshake):
            // Sent before the TLS handler is added, so it cannot miss the handshake.
            if case .closed(let code) = stateMachine.state {
                handshake.fail(LDAPError(code, detail: "the connection is closed"))
            } else {
                tlsHandshakePromise = handshake
            }
        }
        promise?.succeed()
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .active = stateMachine.state else { return }
        do {
            try decoder.process(buffer: unwrapInboundIn(data)) { message in
                receive(message, context: context)
            }
        } catch {
            errorCaught(context: context, error: error)
        }
    }

    private func receive(_ message: LDAPMessage, context: ChannelHandlerContext) {
        let action = stateMachine.receive(messageID: message.messageID, operation: message.operation)
        switch action {
        case .deliver:
            deliver(message, context: context)
        case .complete:
            complete(message, context: context)
        case .ignore, .none:
            break
        case .failAllAndClose(let code, let detail):
            failAll(LDAPError(code, detail: detail, result: message.operation.result), context: context)
        default:
            preconditionFailure("receive does not return \(action)")
        }
    }

    /// Servers write entries one by one, so one socket read often holds only
    /// a few: handing each read's results over separately would cost a task
    /// switch per handful of entries. With a batch delay, a small batch waits
    /// up to that delay for more.
    func channelReadComplete(context: ChannelHandlerContext) {
        if let batchDelay, !batch.isEmpty {
            if batchTimer == nil {
                let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
                batchTimer = context.eventLoop.scheduleTask(in: batchDelay) {
                    let handler = loopBound.value
                    handler.batchTimer = nil
                    if let context = handler.context { handler.flushBatch(context: context) }
                }
            }
        } else {
            flushBatch(context: context)
        }
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            tlsHandshakePromise?.succeed()
            tlsHandshakePromise = nil
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let ldapError: LDAPError
        switch error {
        case let error as BERError:
            _ = stateMachine.decodingFailed(error)
            ldapError = LDAPError(.protocolError, detail: "the server sent invalid data: \(error)")
        case let error as NIOSSLError:
            _ = stateMachine.errorCaught("\(error)")
            ldapError = LDAPError(.tlsFailed, detail: TLSErrorDescription.describe(error))
        case let error as BoringSSLError:
            _ = stateMachine.errorCaught("\(error)")
            ldapError = LDAPError(.tlsFailed, detail: TLSErrorDescription.describe(error))
        case let error as NIOSSLExtraError:
            _ = stateMachine.errorCaught("\(error)")
            ldapError = LDAPError(.tlsFailed, detail: TLSErrorDescription.describe(error))
        default:
            _ = stateMachine.errorCaught("\(error)")
            ldapError = LDAPError(.connectionClosed, detail: "\(error)")
        }
        failAll(ldapError, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .active = stateMachine.state {
            do {
                try decoder.finishProcessing(seenEOF: true) { message in receive(message, context: context) }
            } catch {
                errorCaught(context: context, error: error)
            }
        }
        if case .failAllAndClose(let code, let detail) = stateMachine.channelInactive() {
            failAll(LDAPError(code, detail: detail), context: context)
        }
        context.fireChannelInactive()
    }

    // MARK: Actions

    /// Results are handed to the stream in one batch per socket read, not
    /// one by one: each hand-over may wake the consuming thread, and waking
    /// it per entry would cost more than decoding the entry.
    private func deliver(_ message: LDAPMessage, context: ChannelHandlerContext) {
        if batchID != message.messageID {
            flushBatch(context: context)
            batchID = message.messageID
        }
        switch message.operation {
        case .searchResultEntry(let entry): batch.append(.entry(entry, controls: message.controls))
        case .searchResultReference(let uris): batch.append(.reference(uris))
        case .intermediateResponse(let response): batch.append(.intermediate(response))
        default: break
        }
        if batch.count >= Self.batchTarget { flushBatch(context: context) }
    }

    private func flushBatch(context: ChannelHandlerContext) {
        batchTimer?.cancel()
        batchTimer = nil
        guard batchID != 0 else { return }
        let id = batchID
        batchID = 0
        defer { batch.removeAll(keepingCapacity: true) }
        // The operation may have been abandoned or failed since.
        guard var operation = operations[id] else { return }
        operation.lastActivity = context.eventLoop.now
        operations[id] = operation
        guard case .stream(let source) = operation.sink, !batch.isEmpty else { return }
        if case .stopProducing = source.yield(batch) {
            pausedStreams.insert(id)
        }
    }

    private func complete(_ message: LDAPMessage, context: ChannelHandlerContext) {
        if batchID == message.messageID { flushBatch(context: context) }
        guard let operation = operations.removeValue(forKey: message.messageID) else { return }
        switch operation.sink {
        case .none, .discard:
            break
        case .single(let promise):
            promise.succeed(message)
        case .stream(let source):
            pausedStreams.remove(message.messageID)
            let result = message.operation.result ?? LDAPResult(code: .other)
            if result.code == .success {
                _ = source.yield([.done(result, controls: message.controls)])
                source.finish()
            } else {
                source.finish(LDAPError(.serverResult, operation: operation.label, result: result, controls: message.controls))
            }
        }
        resumeReadingIfAllowed(context: context)
    }

    private func abandon(_ id: Int32, reason: LDAPError.Code, context: ChannelHandlerContext) {
        guard case .abandon(let code) = stateMachine.abandon(messageID: id, reason: reason),
              let operation = operations.removeValue(forKey: id)
        else { return }
        if batchID == id {
            batch.removeAll(keepingCapacity: true)
            batchID = 0
        }
        let detail = code == .timeout ? "no answer within \(Self.format(operation.timeout))" : "cancelled"
        Self.fail(operation.sink, with: LDAPError(code, operation: operation.label, detail: detail))
        // RFC 4511 §4.11: Abandon has no response; results still in flight are dropped.
        let abandonID = ids.next()
        _ = stateMachine.send(messageID: abandonID, expecting: nil)
        var buffer = context.channel.allocator.buffer(capacity: 16)
        LDAPMessage(messageID: abandonID, operation: .abandonRequest(messageID: id)).write(to: &buffer)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func failAll(_ error: LDAPError, context: ChannelHandlerContext) {
        logger.debug("LDAP connection failed", metadata: ["error": "\(error)", "pending": "\(operations.count)"])
        // What arrived before the failure is delivered first.
        flushBatch(context: context)
        let operations = self.operations
        self.operations = [:]
        pausedStreams = []
        for operation in operations.values {
            var specific = error
            specific.operation = operation.label
            Self.fail(operation.sink, with: specific)
        }
        tlsHandshakePromise?.fail(error)
        tlsHandshakePromise = nil
        timeoutCheck?.cancel()
        context.close(promise: nil)
    }

    private static func fail(_ sink: LDAPResponseSink, with error: LDAPError) {
        switch sink {
        case .none, .discard: break
        case .single(let promise): promise.fail(error)
        case .stream(let source): source.finish(error)
        }
    }

    private func resumeReadingIfAllowed(context: ChannelHandlerContext) {
        if pausedStreams.isEmpty, heldRead {
            heldRead = false
            context.read()
        }
    }

    // MARK: Timeouts

    /// One scheduled check serves every operation: rescheduling per received
    /// entry would cost more than the entry.
    private func scheduleTimeoutCheck(context: ChannelHandlerContext, after delay: TimeAmount?) {
        guard let delay, timeoutCheck == nil else { return }
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timeoutCheck = context.eventLoop.scheduleTask(in: delay) {
            loopBound.value.checkTimeouts()
        }
    }

    private func checkTimeouts() {
        timeoutCheck = nil
        guard let context else { return }
        let now = context.eventLoop.now
        var nextCheck: TimeAmount?
        for (id, operation) in operations {
            // A paused stream is waiting for its consumer, not for the server.
            guard let timeout = operation.timeout, !pausedStreams.contains(id) else { continue }
            let deadline = operation.lastActivity + timeout
            if deadline <= now {
                abandon(id, reason: .timeout, context: context)
            } else {
                let remaining = deadline - now
                nextCheck = min(nextCheck ?? remaining, remaining)
            }
        }
        if let nextCheck { scheduleTimeoutCheck(context: context, after: nextCheck) }
    }

    private static func format(_ timeout: TimeAmount?) -> String {
        guard let timeout else { return "the time limit" }
        let milliseconds = timeout.nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
