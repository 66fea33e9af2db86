/// Requests sent since the client was made, retries included: reads (GET)
/// and writes (everything else), for run summaries and the benchmark.
public struct RequestCounts: Sendable, Hashable, Codable {
    public var reads = 0
    public var writes = 0
    /// Attempts after the first (429, 5xx, timeouts), included above.
    public var retries = 0

    public init(reads: Int = 0, writes: Int = 0, retries: Int = 0) {
        self.reads = reads
        self.writes = writes
        self.retries = retries
    }

    public var total: Int { reads + writes }
}
