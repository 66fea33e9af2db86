import Synchronization

/// A request to stop a run at the next window boundary: the service sets it
/// on SIGTERM or `dsync stop`, so that the window in flight is written and
/// recorded, and the rest waits for the next run (nothing half-done: the
/// journal and the links agree at every window's end).
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    public func request() { requested.store(true, ordering: .relaxed) }

    public var isRequested: Bool { requested.load(ordering: .relaxed) }
}
