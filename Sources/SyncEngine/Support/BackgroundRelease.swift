import Dispatch
import Synchronization

/// Frees a large value on a background thread. After planning, a run holds
/// the read's objects and the state's links: hundreds of thousands of small
/// allocations whose freeing took a tenth of a no-change run's time, on the
/// thread that had more to do. Nothing reads the value again; when it goes
/// makes no difference to any result.
///
/// The memory freed stays with the C library's allocator until it is given
/// back: with a malloc arena per thread (dsync's `CMallocTuning`), memory one
/// thread freed is not reused by another's allocations, so a run's peak
/// would add what every arena ever held. A program installs how to give it
/// back (`install(returningFreedMemory:)`); it is called after each release
/// and, through `returnFreedMemory()`, after every fourth window a run records.
public enum BackgroundRelease {
    private static let queue = DispatchQueue(label: "dsync.background-release", qos: .utility)
    private static let returner = Mutex<(@Sendable () -> Void)?>(nil)
    private static let returnPending = Mutex(false)

    /// Installs what gives freed memory back to the system (dsync: glibc's
    /// `malloc_trim`). Without one, nothing is given back explicitly.
    public static func install(returningFreedMemory returner: @escaping @Sendable () -> Void) {
        self.returner.withLock { $0 = returner }
    }

    /// `value` must be the last reference to what it holds (a consumed
    /// local), or the owner that drops its own reference last frees it.
    public static func release<Value: Sendable>(_ value: consuming Value) {
        let holder = Holder(consume value)
        queue.async { holder.drop() }
        returnFreedMemory()
    }

    /// Gives the memory freed so far back to the system, on the background
    /// queue; at most one such request waits there at a time.
    public static func returnFreedMemory() {
        guard let returner = returner.withLock({ $0 }) else { return }
        let alreadyPending = returnPending.withLock { pending in
            defer { pending = true }
            return pending
        }
        guard !alreadyPending else { return }
        queue.async {
            returnPending.withLock { $0 = false }
            returner()
        }
    }

    /// Owns the value until `drop()`, which runs once, on the queue.
    private final class Holder<Held: Sendable>: @unchecked Sendable {
        private var value: Held?

        init(_ value: consuming Held) { self.value = consume value }

        func drop() { value = nil }
    }
}
