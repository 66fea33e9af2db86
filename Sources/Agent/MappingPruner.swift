import AgentStore
import Foundation
public import SyncEngine

/// `dsync mapping prune`: removes from the configuration file the mappings
/// to fields the target does not have (`MappingCheck`: `field-deleted` when
/// the agent wrote the field before, `field-unknown` otherwise), keeping the
/// rest of the file as written (`MappingPrune`).
public struct MappingPruner: Sendable {
    public let environment: AgentEnvironment
    /// The configuration file to edit.
    public let path: String

    public init(environment: AgentEnvironment, path: String) {
        self.environment = environment
        self.path = path
    }

    public struct Outcome: Sendable {
        /// The refused mappings, with their condition.
        public var refusals: [MappingCheck.Refusal]
        public var result: MappingPrune.Result
        /// Whether the file was rewritten (not on a dry run, nor when nothing changed).
        public var written: Bool
        /// Whether the target published its fields; if not, nothing could be checked.
        public var checked: Bool
    }

    public func prune(dryRun: Bool) async throws -> Outcome {
        let target: any Target = environment.target
        let schema = try await target.schema()
        let state = try await environment.store.loadState()
        let check = MappingCheck(mapping: environment.configuration.mapping, schema: schema, state: state)
        var fields: [ObjectKind: Set<String>] = [:]
        for refusal in check.refusals { fields[refusal.kind, default: []].insert(refusal.field) }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = try MappingPrune.remove(fields, from: text)
        let changed = result.text != text
        if changed && !dryRun {
            // What is written must still load.
            _ = try Configuration.parse(yaml: result.text)
            try result.text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return Outcome(
            refusals: check.refusals, result: result, written: changed && !dryRun,
            checked: schema.userFields != nil || schema.groupFields != nil)
    }
}
