import Foundation
import Logging

/// The agent's memory as Linux tells it (`/proc/self/status`, proc(5)):
/// resident now and at its peak. The run log notes it at each step of a
/// run, so a large directory's memory needs show where they arise.
struct ProcessMemory: Sendable {
    var residentKiB: Int
    var peakKiB: Int

    /// nil where there is no `/proc` (macOS).
    static func current() -> ProcessMemory? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var resident: Int?
        var peak: Int?
        for line in status.split(separator: "\n") {
            // "VmRSS:	  123456 kB"
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let value = Int(fields[1]) else { continue }
            if fields[0] == "VmRSS:" { resident = value } else if fields[0] == "VmHWM:" { peak = value }
        }
        guard let resident, let peak else { return nil }
        return ProcessMemory(residentKiB: resident, peakKiB: peak)
    }

    /// "212 MB (peak 240 MB)".
    var text: String { "\(residentKiB / 1024) MB (peak \(peakKiB / 1024) MB)" }
}

/// Elapsed time and memory, as log metadata for the steps of a run.
struct RunStepMetrics {
    let started: ContinuousClock.Instant

    func metadata(_ extra: Logger.Metadata = [:]) -> Logger.Metadata {
        var metadata = extra
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metadata["elapsed"] = "\(String(format: "%.2f", seconds)) s"
        if let memory = ProcessMemory.current() { metadata["memory"] = "\(memory.text)" }
        return metadata
    }
}
