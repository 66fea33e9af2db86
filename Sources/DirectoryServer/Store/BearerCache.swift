import Synchronization

/// Bearers (a token with its organization and rules) read in the last
/// second, so that a client's next requests need no read of them: on a
/// lookup that read was a tenth of the server's CPU.
///
/// What stays correct: a token's expiry is checked on every request (the
/// record holds it); a write through this process's store to a token, an
/// organization, its custom fields or its domains empties the cache when it
/// commits (`invalidate`), so a token revoked here fails on the next
/// request. A read that started before such a commit cannot put what it
/// read back: it carries the generation it started in. The bound is for
/// writes this process does not see (`directoryd admin` in another process,
/// another node on the same PostgreSQL): they take effect within
/// `lifetime`, one second.
final class BearerCache: Sendable {
    static let lifetime: Duration = .seconds(1)
    /// Entries kept at most; a full cache drops its expired entries, or
    /// all of them.
    static let capacity = 10_000

    private struct Entry {
        var bearer: Bearer
        var expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Counts invalidations, so that a read begun before one is not
        /// cached after it.
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    private let lifetime: Duration
    private let now: @Sendable () -> ContinuousClock.Instant

    /// `now` is the clock's, except in tests of the lifetime.
    init(lifetime: Duration = BearerCache.lifetime, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.lifetime = lifetime
        self.now = now
    }

    /// The bearer cached for `hash` if still fresh; otherwise nil and the
    /// generation to pass to `insert` after reading it.
    func lookup(_ hash: String) -> (bearer: Bearer?, generation: UInt64) {
        let now = now()
        return state.withLock { state in
            guard let entry = state.entries[hash] else { return (nil, state.generation) }
            if entry.expires > now { return (entry.bearer, state.generation) }
            state.entries[hash] = nil
            return (nil, state.generation)
        }
    }

    /// Keeps `bearer`, read in `generation`, unless the cache was
    /// invalidated since.
    func insert(_ bearer: Bearer, hash: String, generation: UInt64) {
        let now = now()
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity {
                state.entries = state.entries.filter { $0.value.expires > now }
                if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[hash] = Entry(bearer: bearer, expires: now.advanced(by: lifetime))
        }
    }

    /// Forgets every bearer: a token, organization, field or domain changed.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }
}
