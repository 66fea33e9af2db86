/// The pure planner: change events, the agent's state and the settings in,
/// a plan out. No I/O, no clock, no randomness: the same input gives the
/// same plan, which is what makes a saved plan reviewable and every rule
/// testable without servers.
///
/// With `early`, and only from a state with no links (an initial sync),
/// the users' creates and links that nothing later in planning can change
/// go to `early` as they are planned, `earlyBatch` at a time, and are left
/// out of the plan (`EarlyAction`); the plan and the streamed actions
/// together are the plan made without `early`.
public enum Planner {
    public static func plan(
        events: consuming [ChangeEvent],
        state: SyncState,
        settings: PlannerSettings,
        schema: TargetSchema = .standard,
        target: TargetDirectory? = nil,
        early: EarlyActionSink? = nil,
        earlyBatch: Int = EarlyFlow().batch
    ) -> Plan {
        var builder = PlanBuilder(read: SourceRead(events), state: state, settings: settings, schema: schema, target: target)
        if let early, state.links.isEmpty { builder.early = EarlyActionBuffer(sink: early, batch: max(earlyBatch, 1)) }
        // The events are folded into the builder's read; their array goes now.
        events = []
        builder.checkRead()
        builder.addSyntheticGroups()
        builder.checkMapping()
        builder.checkSourceAttributes()
        builder.planObjects()
        builder.planRemovals()
        builder.planMembers()
        builder.suppressRemovalsIfIncomplete()
        builder.applySafety()
        builder.nameConditions()
        builder.nameActions()
        let plan = builder.finish()
        BackgroundRelease.release(builder.takeRead())
        return plan
    }
}

/// One planning pass; its steps live in the `PlanBuilder+…` files.
struct PlanBuilder {
    /// The read; `addSyntheticGroups` adds the agent's own groups to it.
    var read: SourceRead
    let state: SyncState
    let settings: PlannerSettings
    let schema: TargetSchema
    let target: TargetDirectory?
    var plan: Plan

    /// Objects in the synced scope (read, not excluded).
    var inScope: Set<Anchor> = []
    /// In-scope objects that will exist in the target after the plan: linked
    /// and kept, or created or linked by it. Only these become members.
    var present: Set<Anchor> = []
    /// Unlinked target objects by key, for matching.
    let targetIndex: TargetIndex?
    /// The mapped fields the target has, and those it does not.
    let mappingCheck: MappingCheck
    /// Where final user creates go while planning (`EarlyAction`), if anywhere.
    var early: EarlyActionBuffer?

    init(read: SourceRead, state: SyncState, settings: PlannerSettings, schema: TargetSchema, target: TargetDirectory?) {
        self.read = read
        self.state = state
        self.settings = settings
        self.schema = schema
        self.target = target
        self.plan = Plan(mappingVersion: settings.mapping.version)
        self.targetIndex = target.map { TargetIndex($0, linkedIDs: Set(state.links.values.map(\.targetID))) }
        self.mappingCheck = MappingCheck(mapping: settings.mapping, schema: schema, state: state)
    }

    /// Whether removals are allowed: not after a read that failed or looks wrong.
    var removalsAllowed: Bool { !plan.sourceReadIncomplete }

    /// A read error, or a complete read in which a base DN returned nothing
    /// or far fewer objects than last time, makes the read untrustworthy.
    mutating func checkRead() {
        for problem in read.problems {
            if let anchor = problem.anchor {
                // One object's problem: that object is held, the read stands.
                plan.conditions.append(ConditionRecord(problem.code, anchor: anchor, attribute: problem.baseDN, detail: problem.detail))
                continue
            }
            plan.sourceReadIncomplete = true
            plan.conditions.append(ConditionRecord(problem.code, attribute: problem.baseDN, detail: problem.detail))
            if problem.code != .sourceReadIncomplete {
                plan.conditions.append(ConditionRecord(
                    .sourceReadIncomplete, attribute: problem.baseDN,
                    detail: "the read was cut short (\(problem.code)); nothing is deleted or deactivated"))
            }
        }
        guard read.snapshotComplete else { return }
        let counts = read.counts(baseDNs: settings.baseDNs)
        var suspicious = false
        for baseDN in settings.baseDNs {
            let before = state.baseDNCounts[baseDN] ?? 0
            let now = counts[baseDN] ?? 0
            guard before > 0, !settings.allowDeletes else { continue }
            if now == 0 {
                suspicious = true
                plan.conditions.append(ConditionRecord(
                    .sourceReadIncomplete, attribute: baseDN,
                    detail: "\(baseDN) returned no objects; it had \(before) at the last complete read"))
            } else if (before - now) * 100 > before * settings.safety.sourceDropPercentage {
                suspicious = true
                plan.conditions.append(ConditionRecord(
                    .sourceReadIncomplete, attribute: baseDN,
                    detail: "\(baseDN) returned \(now) objects, down from \(before) (more than \(settings.safety.sourceDropPercentage)% fewer)"))
            }
        }
        if suspicious { plan.sourceReadIncomplete = true }
        if !plan.sourceReadIncomplete { plan.baseDNCounts = counts }
    }

    /// The groups of the `groups` section, from the users in scope. Only
    /// after a full read (complete, or cut short, when removals are off):
    /// an incremental read does not hold every user.
    mutating func addSyntheticGroups() {
        guard read.snapshotComplete || !read.problems.isEmpty else { return }
        let options = settings.syntheticGroups.options
        guard options.allUsers != nil || options.perBaseDN != nil else { return }
        let users = read.objects.values.filter { $0.kind == .user && !isExcluded($0) && !read.held.contains($0.anchor) }
            .map { (anchor: $0.anchor, baseDN: $0.baseDN) }
        for group in SyntheticGroups.make(users: users, settings: settings.syntheticGroups) {
            read.objects[group.anchor] = group
        }
    }

    /// Mapped fields the target does not have are refused for the whole run
    /// (`field-deleted`, `field-unknown`), each reported once.
    mutating func checkMapping() {
        plan.conditions += mappingCheck.refusals.map(\.record)
    }

    /// Stops the plan when it would remove more than the limits allow.
    mutating func applySafety() {
        let removals = plan.actions.filter(\.isRemoval)
        guard !removals.isEmpty, !settings.allowDeletes else { return }
        let tracked = state.links.count
        let limit = settings.safety
        let overCount = removals.count > limit.deletionLimitCount
        let overShare = tracked > 0 && removals.count * 100 > tracked * limit.deletionLimitPercentage
        guard overCount || overShare else { return }
        let deletes = removals.filter { if case .delete = $0 { true } else { false } }.count
        let percent = tracked > 0 ? removals.count * 100 / tracked : 100
        plan.blockedBy = ConditionRecord(
            .deletionLimit,
            detail: "the run would delete \(deletes) and deactivate \(removals.count - deletes) of \(tracked) synced objects (\(percent)%); the limits are \(limit.deletionLimitCount) objects and \(limit.deletionLimitPercentage)%")
    }

    /// The read and the sets made of it, leaving empty ones: what remains
    /// once the plan is made.
    mutating func takeRead() -> (read: SourceRead, inScope: Set<Anchor>, present: Set<Anchor>) {
        defer {
            read = SourceRead([])
            inScope = []
            present = []
        }
        return (read, inScope, present)
    }

    /// The plan with its actions in execution order, deterministic within
    /// each phase.
    /// Names each object's condition: by the entry's DN, where the
    /// administrator fixes it, else by the name last written.
    mutating func nameConditions() {
        for index in plan.conditions.indices where plan.conditions[index].name == nil {
            guard let anchor = plan.conditions[index].anchor else { continue }
            plan.conditions[index].name = read.objects[anchor]?.dn ?? state.links[anchor]?.knownName
        }
    }

    /// `Plan.names`: for each action on an object written before (its
    /// fields do not name it), the name last written, else the entry's DN.
    /// An object the plan creates is named by its create.
    mutating func nameActions() {
        for action in plan.actions where plan.name(of: action) == nil {
            guard let link = state.links[action.anchor] else { continue }
            if let name = link.knownName ?? read.objects[action.anchor]?.dn { plan.names[action.anchor] = name }
        }
    }

    func finish() -> Plan {
        var result = plan
        result.actions.sort { ($0.phase, $0.anchor) < ($1.phase, $1.anchor) }
        return result
    }
}
