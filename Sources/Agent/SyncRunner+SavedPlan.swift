import AgentStore
import Foundation
public import SyncEngine

/// Saved plans (docs/saved-plans.md): `dsync plan --out` stamps each object
/// with the directory's version; `dsync sync --plan` checks the file belongs
/// here and runs it (`run(apply:allowDeletes:saved:)`).
extension SyncRunner {
    /// The plan of a dry run as a file's contents: the directory's version
    /// of every linked object it writes is read now.
    public func savedPlan(_ outcome: Outcome, dataFolder: String) async throws -> SavedPlan {
        let state = try await environment.store.loadState()
        let versions = try await TargetVersions.read(
            outcome.plan, links: state.links, client: environment.client, concurrency: environment.configuration.target.concurrency)
        return SavedPlan(
            plan: outcome.plan, runID: outcome.runID, createdAt: Date(), targetURL: environment.configuration.target.url,
            dataFolder: Self.absolute(dataFolder), instanceID: try AgentEnvironment.instanceID(dataFolder), targetVersions: versions)
    }

    /// Refuses a plan made for another directory or data folder.
    public func check(_ saved: SavedPlan, dataFolder: String) throws {
        try saved.check(
            targetURL: environment.configuration.target.url, instanceID: try AgentEnvironment.instanceID(dataFolder),
            dataFolder: Self.absolute(dataFolder))
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
