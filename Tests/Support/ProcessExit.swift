public import Foundation

extension Process {
    /// Waits for a started process to end, without blocking a thread of
    /// the cooperative pool (`waitUntilExit` would): a child that talks to a
    /// server running in the test process needs those threads for the
    /// server's handlers, and a machine with two cores has two of them.
    public func exitStatus() async throws -> Int32 {
        while isRunning { try await Task.sleep(for: .milliseconds(10)) }
        return terminationStatus
    }
}
