/// What ends the service's wait between runs.
enum ServiceTrigger: Sendable, Hashable {
    case timer
    case runNow(full: Bool)
    case reload
    case stop
}

/// The service's wait between runs: the next scheduled time, or a trigger
/// (control socket, SIGHUP, SIGTERM), whichever comes first. A trigger
/// posted while nobody waits is kept for the next wait.
actor Wakeup {
    private var pending: [ServiceTrigger] = []
    private var waiter: CheckedContinuation<ServiceTrigger, Never>?
    private var generation = 0

    func post(_ trigger: ServiceTrigger) {
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: trigger)
        } else if trigger != .timer {
            pending.append(trigger)
        }
    }

    /// A trigger posted meanwhile, if any, without waiting.
    func take() -> ServiceTrigger? {
        pending.isEmpty ? nil : pending.removeFirst()
    }

    func wait(for duration: Duration) async -> ServiceTrigger {
        if !pending.isEmpty { return pending.removeFirst() }
        generation += 1
        let mine = generation
        let timer = Task { [weak self] in
            try? await Task.sleep(for: duration)
            await self?.fire(generation: mine)
        }
        let trigger = await withCheckedContinuation { waiter = $0 }
        timer.cancel()
        return trigger
    }

    private func fire(generation: Int) {
        guard generation == self.generation else { return }
        post(.timer)
    }
}
