import Synchronization

/// Group commit for single user creates: SQLite has one writer, so creates
/// that arrive together wait for it anyway. The first one starts a flush;
/// those that arrive meanwhile are written by the next flush in one
/// transaction, a savepoint each (each keeps its own outcome), instead of a
/// transaction and a thread hand-over each.
final class GroupCommit<Item: Sendable>: Sendable {
    private struct Waiting {
        var items: [(item: Item, continuation: CheckedContinuation<Void, any Error>)] = []
        var flushing = false
    }

    private let waiting = Mutex(Waiting())
    private let write: @Sendable ([Item]) async throws -> [(any Error)?]
    /// The most items one transaction takes.
    private let limit: Int

    init(limit: Int = 256, write: @escaping @Sendable ([Item]) async throws -> [(any Error)?]) {
        self.limit = limit
        self.write = write
    }

    func submit(_ item: Item) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let starts = waiting.withLock { waiting in
                waiting.items.append((item, continuation))
                defer { waiting.flushing = true }
                return !waiting.flushing
            }
            if starts { Task { await flush() } }
        }
    }

    private func flush() async {
        while true {
            let batch = waiting.withLock { waiting in
                let batch = Array(waiting.items.prefix(limit))
                waiting.items.removeFirst(batch.count)
                if batch.isEmpty { waiting.flushing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let outcomes = try await write(batch.map(\.item))
                for (entry, error) in zip(batch, outcomes) {
                    if let error { entry.continuation.resume(throwing: error) } else { entry.continuation.resume() }
                }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
    }
}
