import Dispatch
public import LDAP
import Synchronization

/// A `DirectoryObjectBuilder` run on a thread of its own while the reader
/// goes on decoding: building objects (filters, DNs, attribute buffers,
/// digests, member lookups) is more than half of a read's CPU, and done on
/// the thread that decodes the server's answers it left the server waiting
/// for the next page request. The reader hands over entries as they
/// arrive and waits only while more than `backlog` entries are still to be
/// built, so the entries held meanwhile stay bounded.
///
/// The builder is touched only on `queue` (one serial queue: the entries
/// are added in the order read, as the builder requires).
public final class ObjectBuilderThread: @unchecked Sendable {
    private var builder: DirectoryObjectBuilder
    private let queue = DispatchQueue(label: "dsync.object-builder")
    private let backlog: Int
    private let state = Mutex(State())

    private struct State {
        /// Entries handed over and not yet added.
        var waiting = 0
        var reader: CheckedContinuation<Void, Never>?
    }

    public init(scope: DirectoryScope, backlog: Int = 4_000) {
        builder = DirectoryObjectBuilder(scope: scope)
        self.backlog = max(backlog, 1)
    }

    /// Queues `entries` to be added in order; returns at once unless more
    /// than `backlog` entries wait, then once enough of them are built.
    public func add(_ entries: [LDAPEntry]) async {
        guard !entries.isEmpty else { return }
        let full = state.withLock { state in
            state.waiting += entries.count
            return state.waiting > backlog
        }
        queue.async { [self] in
            for entry in entries { builder.add(entry) }
            let reader = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.waiting -= entries.count
                guard state.waiting <= backlog, let reader = state.reader else { return nil }
                state.reader = nil
                return reader
            }
            reader?.resume()
        }
        guard full else { return }
        await withCheckedContinuation { (reader: CheckedContinuation<Void, Never>) in
            let room = state.withLock { state in
                guard state.waiting > backlog else { return true }
                state.reader = reader
                return false
            }
            if room { reader.resume() }
        }
    }

    /// The read, once every queued entry is added.
    public func finish() async -> DirectoryRead {
        await withCheckedContinuation { continuation in
            queue.async { [self] in continuation.resume(returning: builder.finish()) }
        }
    }
}
