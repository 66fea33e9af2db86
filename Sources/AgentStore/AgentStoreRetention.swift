public import Foundation

/// How long the agent keeps what it no longer needs every run.
public struct AgentStoreRetention: Sendable, Hashable {
    /// A link of an object deleted in the source is kept this long, so an
    /// object restored from AD's recycle bin comes back as the same target
    /// object instead of a new one. Default 180 days (AD's tombstone
    /// lifetime is 180 days since Windows Server 2003 SP1).
    public var deletedLinks: TimeInterval
    /// Runs and their per-object results are kept this long.
    public var runs: TimeInterval

    public init(deletedLinks: TimeInterval = 180 * 86_400, runs: TimeInterval = 90 * 86_400) {
        self.deletedLinks = deletedLinks
        self.runs = runs
    }
}
