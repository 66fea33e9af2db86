/// What a run would do: the actions in the order they run, the conditions
/// met while planning, and whether the plan may run at all. Codable so a
/// plan can be saved, reviewed and applied later.
public struct Plan: Sendable, Hashable, Codable {
    public var actions: [PlannedAction]
    /// Per-object and run-wide conditions found before sending anything.
    public var conditions: [ConditionRecord]
    /// Set when the plan must not run (`deletion-limit`): nothing of it is
    /// written, not even its creates, so the administrator reviews it whole.
    public var blockedBy: ConditionRecord?
    /// The read could not be trusted; deletions, deactivations and member
    /// removals were left out.
    public var sourceReadIncomplete: Bool
    /// Removals left out because the read was incomplete.
    public var suppressedRemovals: Int
    /// Per group, members skipped because they are outside the synced scope.
    public var membersOutOfScope: [Anchor: Int]
    /// Per group, members in scope left out until their user is written.
    public var membersPending: [Anchor: Int]
    /// The mapping version the hashes were computed with.
    public var mappingVersion: String
    /// Objects per base DN of a complete, trusted read, to store for the
    /// next run's checks; `nil` when the read was incremental or incomplete.
    public var baseDNCounts: [String: Int]?
    /// Per mapped object, its `PlanBuilder.settledDigest`: kept with its
    /// link once it is written, or at once when it needs nothing. Not saved
    /// with a plan (`dsync plan --out`): objects a saved plan writes are
    /// mapped once more by the next run.
    public var digests: [Anchor: String] = [:]
    /// The names (`ObjectName`) of objects the plan changes but does not
    /// name in its own fields: updates without a rename, deactivations,
    /// deletions and member changes of objects written by earlier runs.
    public var names: [Anchor: String] = [:]

    enum CodingKeys: String, CodingKey {
        case actions, conditions, blockedBy, sourceReadIncomplete, suppressedRemovals, membersOutOfScope, membersPending
        case mappingVersion, baseDNCounts, names
    }

    public init(
        actions: [PlannedAction] = [], conditions: [ConditionRecord] = [], blockedBy: ConditionRecord? = nil,
        sourceReadIncomplete: Bool = false, suppressedRemovals: Int = 0,
        membersOutOfScope: [Anchor: Int] = [:], membersPending: [Anchor: Int] = [:],
        mappingVersion: String = "", baseDNCounts: [String: Int]? = nil
    ) {
        self.actions = actions
        self.conditions = conditions
        self.blockedBy = blockedBy
        self.sourceReadIncomplete = sourceReadIncomplete
        self.suppressedRemovals = suppressedRemovals
        self.membersOutOfScope = membersOutOfScope
        self.membersPending = membersPending
        self.mappingVersion = mappingVersion
        self.baseDNCounts = baseDNCounts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            actions: try container.decode([PlannedAction].self, forKey: .actions),
            conditions: try container.decode([ConditionRecord].self, forKey: .conditions),
            blockedBy: try container.decodeIfPresent(ConditionRecord.self, forKey: .blockedBy),
            sourceReadIncomplete: try container.decode(Bool.self, forKey: .sourceReadIncomplete),
            suppressedRemovals: try container.decode(Int.self, forKey: .suppressedRemovals),
            membersOutOfScope: try container.decode([Anchor: Int].self, forKey: .membersOutOfScope),
            membersPending: try container.decode([Anchor: Int].self, forKey: .membersPending),
            mappingVersion: try container.decode(String.self, forKey: .mappingVersion),
            baseDNCounts: try container.decodeIfPresent([String: Int].self, forKey: .baseDNCounts))
        // Absent from plans saved before names were kept.
        names = try container.decodeIfPresent([Anchor: String].self, forKey: .names) ?? [:]
    }

    /// The name of the object `action` is about: the one its fields write,
    /// else the one in `names`; nil when neither is known.
    public func name(of action: PlannedAction) -> String? {
        switch action {
        case .create(let kind, _, let fields, _), .link(let kind, _, _, let fields, _), .update(let kind, _, _, let fields, _, _):
            ObjectName.of(kind, in: fields) ?? names[action.anchor]
        default:
            names[action.anchor]
        }
    }

    public var isBlocked: Bool { blockedBy != nil }

    /// The plan with its actions' values left out (`withoutValues`).
    public var withoutValues: Plan {
        var plan = self
        plan.actions = actions.map(\.withoutValues)
        plan.digests = [:]
        return plan
    }

    /// The conditions recorded against one object.
    public func conditions(for anchor: Anchor) -> [ConditionRecord] {
        conditions.filter { $0.anchor == anchor }
    }
}
