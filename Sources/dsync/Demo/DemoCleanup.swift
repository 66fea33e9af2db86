import Foundation

/// What the demo started, stopped on the way out: normally by `defer`, and
/// on Ctrl-C or SIGTERM by a signal handler (slapd runs in a session of its
/// own, so the terminal's SIGINT does not reach it).
final class DemoCleanup: @unchecked Sendable {
    private let lock = NSLock()
    /// Held while stops run, so a signal during the normal cleanup waits
    /// for it before the process exits.
    private let running = NSLock()
    private var steps: [() -> Void] = []
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                run()
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Registers a stop, run last-registered first.
    func add(_ step: @escaping () -> Void) {
        lock.withLock { steps.append(step) }
    }

    /// Runs every registered stop once.
    func run() {
        running.withLock {
            let pending = lock.withLock {
                let pending = steps
                steps = []
                return pending
            }
            for step in pending.reversed() { step() }
        }
    }
}
