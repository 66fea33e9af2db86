public import SyncEngine

/// What a run reads from the target before planning: its rules
/// (`Target.schema()`: field rules, the fields it has, verified domains)
/// and, only when new objects are matched by `userName` or `email`, its
/// users and groups (`Target.directory()`). Matching by `externalId` or not
/// at all costs no read: a create answered "already exists" is linked by the
/// executor.
public struct TargetRules: Sendable {
    public var schema: TargetSchema
    public var directory: TargetDirectory?

    public static func read(_ target: any Target, match: MatchConfiguration) async throws -> TargetRules {
        let schema = try await target.schema()
        switch match.by {
        case .userName, .email: return TargetRules(schema: schema, directory: try await target.directory())
        case .externalId, .none: return TargetRules(schema: schema, directory: nil)
        }
    }
}
