import Dispatch

/// Frees a large value on a background thread. After planning, a run holds
/// the read's objects and the state's links: hundreds of thousands of small
/// allocations whose freeing took a tenth of a no-change run's time, on the
/// thread that had more to do. Nothing reads the value again; when it goes
/// makes no difference to any result.
public enum BackgroundRelease {
    private static let queue = DispatchQueue(label: "dsync.background-release", qos: .utility)

    /// `value` must be the last reference to what it holds (a consumed
    /// local), or the owner that drops its own reference last frees it.
    public static func release<Value: Sendable>(_ value: consuming Value) {
        let holder = Holder(consume value)
        queue.async { holder.drop() }
    }

    /// Owns the value until `drop()`, which runs once, on the queue.
    private final class Holder<Held: Sendable>: @unchecked Sendable {
        private var value: Held?

        init(_ value: consuming Held) { self.value = consume value }

        func drop() { value = nil }
    }
}
