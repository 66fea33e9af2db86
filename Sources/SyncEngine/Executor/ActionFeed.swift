import Dispatch
import Synchronization

/// Where a phase's windows come from (`Executor.Run.applyPhase`): a planned
/// phase's actions, or the early actions of an initial sync's planner.
protocol ActionFeed {
    /// The next window, at most `size` actions; nil once there are no more.
    mutating func next(_ size: Int) async -> ActionWindow?
    /// The oldest `count` actions handed out were recorded: their values
    /// (fields, members) can go.
    mutating func recorded(_ count: Int)
}

struct ActionWindow {
    var actions: [PlannedAction]
    /// The digests of early actions (`EarlyAction.digest`), by anchor.
    var digests: [Anchor: String] = [:]
}

/// A planned phase's actions, a window at a time.
struct PlannedActions: ActionFeed {
    private var actions: [PlannedAction]
    private var start = 0
    private var released = 0

    init(_ actions: [PlannedAction]) {
        self.actions = actions
    }

    mutating func next(_ size: Int) async -> ActionWindow? {
        guard start < actions.count else { return nil }
        let window = Array(actions[start..<min(start + size, actions.count)])
        start += window.count
        return ActionWindow(actions: window)
    }

    mutating func recorded(_ count: Int) {
        for index in released..<(released + count) { actions[index] = actions[index].withoutValues }
        released += count
    }
}

/// The early actions as the planner streams them: a window waits until it
/// is full or the planner is done. `gate` is told of each batch taken from
/// the stream (the planner may plan another), and closed once the executor
/// takes no more.
struct StreamedActions: ActionFeed {
    private var iterator: AsyncStream<[EarlyAction]>.Iterator
    private let gate: EarlyGate
    private var buffered: [EarlyAction] = []
    /// Where the next window starts in `buffered`.
    private var start = 0
    private var ended = false

    init(_ iterator: AsyncStream<[EarlyAction]>.Iterator, gate: EarlyGate) {
        self.iterator = iterator
        self.gate = gate
    }

    /// Takes what is left, unsent, and closes the gate, so a planner waiting
    /// for room finishes (also when the stream ended early because the task
    /// was cancelled).
    mutating func drain() async {
        buffered = []
        start = 0
        while !ended {
            guard await iterator.next() != nil else { break }
            gate.taken()
        }
        ended = true
        gate.close()
    }

    mutating func next(_ size: Int) async -> ActionWindow? {
        while buffered.count - start < size, !ended {
            guard let batch = await iterator.next() else {
                ended = true
                break
            }
            gate.taken()
            if start > 0 {
                buffered.removeFirst(start)
                start = 0
            }
            buffered += batch
        }
        guard start < buffered.count else { return nil }
        let taken = buffered[start..<min(start + size, buffered.count)]
        start = taken.endIndex
        var window = ActionWindow(actions: taken.map(\.action))
        for early in taken { if let digest = early.digest { window.digests[early.action.anchor] = digest } }
        return window
    }

    /// A window's actions are its own (nothing else holds them).
    mutating func recorded(_ count: Int) {}
}

/// How far the planner may run ahead of the executor (`EarlyFlow.batchesAhead`):
/// the planner enters before handing over each batch and waits while that
/// many are planned and not taken. Once the executor takes no more
/// (`close`), the planner no longer waits and hands nothing over.
final class EarlyGate: Sendable {
    private let room: DispatchSemaphore
    private let closed = Atomic(false)

    init(batchesAhead: Int) {
        room = DispatchSemaphore(value: max(batchesAhead, 1))
    }

    /// The planner, before handing over a batch: false once closed.
    func enter() -> Bool {
        room.wait()
        guard !closed.load(ordering: .acquiring) else {
            // The room passes on to the next wait, which returns at once.
            room.signal()
            return false
        }
        return true
    }

    /// The executor took a batch.
    func taken() { room.signal() }

    func close() {
        closed.store(true, ordering: .releasing)
        room.signal()
    }
}
