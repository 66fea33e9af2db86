import AgentStore
import SyncEngine

extension RetentionConfiguration {
    /// The store's retention from `retention:`.
    var storeRetention: AgentStoreRetention {
        AgentStoreRetention(deletedLinks: Double(deletedLinkDays) * 86_400, runs: Double(runDays) * 86_400)
    }
}
