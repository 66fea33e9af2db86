import Synchronization

/// Group commit for single user creates: SQLite has one writer, so creates
/// that arrive together wait for it anyway. The first one starts a flush;
/// those that arrive meanwhile are written by the next flush in one
/// transaction, a savepoint each (each keeps its own outcome), instead of a
/// transaction and a thread hand-over each.
///
/// Flushes follow one another on the writer's own queue: `write` calls its
/// completion there once the transaction is committed, and the completion
/// starts the next flush, with no task in between.
final class GroupCommit<Item: Sendable>: Sendable {
    typealias Outcomes = Result<[(any Error)?], any Error>

    private struct Waiting {
        var items: [(item: Item, continuation: CheckedContinuation<Void, any Error>)] = []
        var flushing = false
    }

    private let waiting = Mutex(Waiting())
    /// Writes the items in one transaction, then calls the completion with
    /// each item's outcome, or the error that failed them all.
    private let write: @Sendable ([Item], @escaping @Sendable (Outcomes) -> Void) -> Void
    /// The most items one transaction takes.
    private let limit: Int

    init(limit: Int = 256, write: @escaping @Sendable ([Item], @escaping @Sendable (Outcomes) -> Void) -> Void) {
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
            if starts { flush() }
        }
    }

    /// Writes what is waiting; when done, again, until nothing waits.
    private func flush() {
        let batch = waiting.withLock { waiting in
            let batch = Array(waiting.items.prefix(limit))
            waiting.items.removeFirst(batch.count)
            if batch.isEmpty { waiting.flushing = false }
            return batch
        }
        guard !batch.isEmpty else { return }
        write(batch.map(\.item)) { outcomes in
            self.flush()
            switch outcomes {
            case .success(let errors):
                for (entry, error) in zip(batch, errors) {
                    if let error { entry.continuation.resume(throwing: error) } else { entry.continuation.resume() }
                }
            case .failure(let error):
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
    }
}
