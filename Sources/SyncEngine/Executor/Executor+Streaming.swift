import Dispatch
import Foundation
import Synchronization

/// An initial sync writes users while it plans: the planner runs on a
/// thread of its own and streams the users' creates (`EarlyAction`), which
/// the executor sends as they come; the rest of the plan (groups,
/// memberships, users sharing a key) follows when planning ends. Planning
/// kept one core busy for a second of a 100,000-user sync while the target
/// waited; the target now writes meanwhile.
extension Executor {
    /// Plans `events` against `state` and applies the plan as it is made.
    /// Only a state with no links streams anything; with links this is
    /// planning, then `execute`. `planned` is told the whole plan (without
    /// values) once it is known, before its conditions are recorded.
    /// Returns that plan and the report.
    public func planAndExecute(
        events: consuming [ChangeEvent], state: SyncState, settings plannerSettings: PlannerSettings,
        schema: TargetSchema = .standard, target directory: TargetDirectory? = nil, watermarks: [String: String] = [:],
        flow: EarlyFlow = EarlyFlow(), planned: (Plan) -> Void = { _ in }
    ) async throws -> (plan: Plan, report: ExecutionReport) {
        let expected = events.count
        let input = PlannerInput(consume events)
        let streamed = StreamedSummaries()
        let (stream, continuation) = AsyncStream.makeStream(of: [EarlyAction].self)
        let gate = EarlyGate(batchesAhead: flow.batchesAhead)
        let planning = Task {
            await Self.onThread {
                let plan = Planner.plan(
                    events: input.take(), state: state, settings: plannerSettings, schema: schema, target: directory,
                    early: { batch in
                        guard gate.enter() else { return }
                        streamed.add(batch)
                        continuation.yield(batch)
                    }, earlyBatch: flow.batch)
                continuation.finish()
                return plan
            }
        }
        var whole = Plan()
        do {
            let report = try await execute(
                early: StreamedActions(stream.makeAsyncIterator(), gate: gate), expected: expected,
                mappingVersion: plannerSettings.mapping.version,
                plan: {
                    let rest = await planning.value
                    whole = rest.withoutValues.including(streamed: streamed.take())
                    planned(whole)
                    return rest
                }, state: state, watermarks: watermarks)
            return (whole, report)
        } catch {
            // A failed run leaves no planner behind: it finishes (`execute`
            // took what it had planned) before the error goes up.
            _ = await planning.value
            throw error
        }
    }

    /// Runs `work` on a thread of its own: a run's tasks may share one
    /// event loop thread, which has the requests to send meanwhile. A new
    /// thread also allocates from a malloc arena of its own where the C
    /// library has several (dsync: `CMallocTuning`), not from the event
    /// loop's.
    static func onThread<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "dsync-planner"
            thread.start()
        }
    }
}

/// The read's events, handed to the planner's thread without a copy.
private final class PlannerInput: @unchecked Sendable {
    private var events: [ChangeEvent]?

    init(_ events: consuming [ChangeEvent]) { self.events = consume events }

    /// Called once, by the planner's thread.
    func take() -> [ChangeEvent] {
        defer { events = nil }
        return events ?? []
    }
}

/// The streamed actions' summaries, for the whole plan's.
private final class StreamedSummaries: Sendable {
    private let actions = Mutex<[PlannedAction]>([])

    func add(_ batch: [EarlyAction]) {
        actions.withLock { $0 += batch.map(\.action.withoutValues) }
    }

    func take() -> [PlannedAction] {
        actions.withLock { actions in
            defer { actions = [] }
            return actions
        }
    }
}
