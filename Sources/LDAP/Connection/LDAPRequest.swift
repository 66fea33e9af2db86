import NIOCore

/// What a search yields, in the order the server sent it (RFC 4511 §4.5.2).
public enum LDAPSearchEvent: Sendable, Hashable {
    /// An entry with the controls attached to it (RFC 4533 syncState, for one).
    case entry(LDAPEntry, controls: [LDAPControl])
    /// A continuation reference (RFC 4511 §4.5.3), such as the
    /// DomainDnsZones referrals of Active Directory. Not an error.
    case reference([String])
    /// An IntermediateResponse (RFC 4533 syncInfo, for one).
    case intermediate(IntermediateResponse)
    /// The SearchResultDone of a successful search, with its controls
    /// (paging and sync cookies). Always the last event.
    case done(LDAPResult, controls: [LDAPControl])
}

/// Results travel in batches (one per socket read): the consumer then pays the
/// hand-over cost once per batch instead of once per entry.
typealias LDAPSearchProducer = NIOThrowingAsyncSequenceProducer<
    [LDAPSearchEvent], any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, LDAPSearchStreamDelegate
>

/// Where the answer to a request goes.
enum LDAPResponseSink: Sendable {
    /// Abandon and Unbind: the server sends nothing back (RFC 4511 §4.3, §4.11).
    case none
    /// An answer will come but nobody waits for it (releasing a paged search).
    case discard
    /// The one final response.
    case single(EventLoopPromise<LDAPMessage>)
    /// Search results, streamed with back-pressure.
    case stream(LDAPSearchProducer.Source)
}

/// A request travelling down the pipeline to `LDAPChannelHandler`.
struct LDAPRequest: Sendable {
    var messageID: Int32
    var operation: LDAPOperation
    var controls: [LDAPControl]
    var sink: LDAPResponseSink
    /// For a search: the longest silence between two results; otherwise the
    /// longest wait for the response.
    var timeout: TimeAmount?
    /// What the request does, for errors: "search of ou=people,dc=example,dc=test".
    var label: String

    var expectation: LDAPConnectionStateMachine.Expectation? {
        switch operation {
        case .searchRequest: .searchResults
        case .bindRequest: .response("BindResponse")
        case .modifyRequest: .response("ModifyResponse")
        case .addRequest: .response("AddResponse")
        case .deleteRequest: .response("DelResponse")
        case .modifyDNRequest: .response("ModifyDNResponse")
        case .compareRequest: .response("CompareResponse")
        case .extendedRequest: .extendedResponse
        default: nil
        }
    }
}

/// Events the connection sends down the pipeline besides requests.
enum LDAPChannelEvent: Sendable {
    /// The consumer of a search wants more results.
    case produceMore(messageID: Int32)
    /// The consumer of a search stopped (finished, dropped or cancelled).
    case streamTerminated(messageID: Int32)
    /// Completed when the TLS handshake finishes (or fails).
    case awaitTLSHandshake(EventLoopPromise<Void>)
}

/// Turns the search stream's demand into pipeline events, from any thread.
struct LDAPSearchStreamDelegate: NIOAsyncSequenceProducerDelegate {
    let messageID: Int32
    let channel: any Channel

    func produceMore() {
        channel.triggerUserOutboundEvent(LDAPChannelEvent.produceMore(messageID: messageID), promise: nil)
    }

    func didTerminate() {
        channel.triggerUserOutboundEvent(LDAPChannelEvent.streamTerminated(messageID: messageID), promise: nil)
    }
}
