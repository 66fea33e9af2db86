import CoreMetrics
import Foundation
import SCIMClient

/// The service's metrics, through swift-metrics (exported in the Prometheus
/// text format by `MetricsEndpoint`): runs by outcome, objects by action and
/// by condition, run durations, requests and retries, the last success.
public struct ServiceMetrics: Sendable {
    public init() {}

    public func record(_ summary: ServiceStatus.RunSummary, _ outcome: SyncRunner.Outcome?) {
        Counter(label: "dsync_runs_total", dimensions: [("outcome", summary.outcome)]).increment()
        for (action, count) in summary.countsByAction {
            Counter(label: "dsync_objects_total", dimensions: [("action", action)]).increment(by: count)
        }
        for (code, count) in summary.countsByCondition {
            Counter(label: "dsync_conditions_total", dimensions: [("condition", code)]).increment(by: count)
        }
        Gauge(label: "dsync_failed_objects").record(summary.failed)
        if let outcome {
            Timer(label: "dsync_run_duration_seconds").recordNanoseconds(Int64(outcome.duration * 1e9))
            Counter(label: "dsync_requests_total", dimensions: [("kind", "read")]).increment(by: outcome.requests.reads)
            Counter(label: "dsync_requests_total", dimensions: [("kind", "write")]).increment(by: outcome.requests.writes)
            Counter(label: "dsync_retries_total").increment(by: outcome.requests.retries)
        }
        if summary.outcome == "done", let ended = summary.endedAt {
            Gauge(label: "dsync_last_success_timestamp_seconds").record(ended.timeIntervalSince1970)
        }
    }
}
