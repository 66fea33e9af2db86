import NIOCore

/// The results of one search, as an `AsyncSequence` with back-pressure: the
/// connection stops reading from the socket while the consumer is behind, so
/// reading a million entries uses bounded memory.
///
/// Ends after `.done`; a non-success result is thrown as `LDAPError` (with the
/// result and the response controls) after the entries that came before it.
/// Leaving the loop early, or cancelling the task, abandons the search
/// (RFC 4511 §4.11).
public struct LDAPSearchStream: AsyncSequence, Sendable {
    public typealias Element = LDAPSearchEvent

    let base: LDAPSearchProducer
    /// The request's controls, to name a refused critical one in errors.
    let controls: [LDAPControl]

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: LDAPSearchProducer.AsyncIterator
        let controls: [LDAPControl]
        /// The batch being handed out, and the position in it.
        var batch: [LDAPSearchEvent] = []
        var index = 0

        public mutating func next() async throws -> LDAPSearchEvent? {
            guard try await fill() else { return nil }
            defer { index += 1 }
            return batch[index]
        }

        /// The events not handed out yet, as they arrived together (up to
        /// `LDAPConfiguration` batching): one suspension per batch instead of
        /// one per entry. nil at the end.
        public mutating func nextBatch() async throws -> ArraySlice<LDAPSearchEvent>? {
            guard try await fill() else { return nil }
            defer { index = batch.count }
            return batch[index...]
        }

        /// Waits for the next batch when this one is handed out; false at
        /// the end.
        private mutating func fill() async throws -> Bool {
            while index == batch.count {
                do {
                    guard let next = try await base.next() else { return false }
                    batch = next
                    index = 0
                } catch {
                    throw LDAPConnection.explainingCriticalControls(error, controls: controls)
                }
            }
            return true
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), controls: controls)
    }

    /// Collects every entry; the final result's controls are returned too.
    public func collect() async throws -> (entries: [LDAPEntry], controls: [LDAPControl]) {
        var entries: [LDAPEntry] = []
        var controls: [LDAPControl] = []
        for try await event in self {
            switch event {
            case .entry(let entry, _): entries.append(entry)
            case .done(_, let final): controls = final
            case .reference, .intermediate: break
            }
        }
        return (entries, controls)
    }
}
