import Foundation
import Synchronization

/// `dsync sync`'s progress: a bar redrawn in place on a terminal, a plain
/// line at each tenth otherwise (logs, CI), on standard error so that
/// standard output stays the summary.
final class ProgressDisplay: Sendable {
    private let terminal: Bool
    private let lastTenth = Mutex(-1)

    init(terminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.terminal = terminal
    }

    func update(done: Int, total: Int) {
        guard total > 0 else { return }
        if terminal {
            let width = 30
            let filled = done * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            write("\r[\(bar)] \(done)/\(total) actions" + (done >= total ? "\n" : ""))
        } else {
            let tenth = done * 10 / total
            let report = lastTenth.withLock { last -> Bool in
                guard tenth > last else { return false }
                last = tenth
                return true
            }
            if report { write("progress: \(tenth * 10)% (\(done) of \(total) actions)\n") }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
