import SCIM

/// Creates, links and updates for the objects in scope.
extension PlanBuilder {
    /// The state an object should have in the target.
    struct Desired {
        var fields: [FieldAssignment]
        var active: Bool
        var hash: String
    }

    func isExcluded(_ object: SourceObject) -> Bool {
        (settings.exclusions[object.source] ?? []).contains { $0.matches(object) }
    }

    func isDisabled(_ object: SourceObject) -> Bool {
        object.kind == .user && (settings.disabledRules[object.source]?.matches(object) ?? false)
    }

    mutating func planObjects() {
        func makeMapper(_ kind: ObjectKind) -> ObjectMapper {
            let refused = mappingCheck.refused(kind)
            return ObjectMapper(
                fields: (kind == .user ? settings.mapping.users : settings.mapping.groups).filter { !refused.contains($0.target) },
                rules: schema.rules(for: kind), dnIndex: [:], names: mappingCheck.resolved[kind] ?? [:],
                verifiedDomains: kind == .user ? schema.verifiedDomains : nil)
        }
        let userMapper = makeMapper(.user)
        let groupMapper = makeMapper(.group)
        func mapper(_ kind: ObjectKind) -> ObjectMapper { kind == .user ? userMapper : groupMapper }
        // The users' DN index, built when the first object has a reference
        // value to resolve (a directory without managers never needs it).
        var indexed = false
        func indexDNs(for references: [[String]]) {
            guard !indexed, references.contains(where: { !$0.isEmpty }) else { return }
            indexed = true
            let index = userDNIndex()
            userMapper.dnIndex = index
            groupMapper.dnIndex = index
        }
        // One pass over the read, in any order: only the objects mapped
        // below are sorted, so their conditions come out in the same order
        // every time. Unchanged objects (most, most runs) cost a digest and
        // a lookup or two here.
        inScope.reserveCapacity(read.objects.count)
        present.reserveCapacity(read.objects.count)
        var contexts = MappingContexts()
        func digestOf(_ object: SourceObject, references: [[String]]) -> String? {
            guard object.digest != nil else { return nil }
            let mapper = mapper(object.kind)
            let context = contexts.context(kind: object.kind, source: object.source) {
                Self.mappingContext(kind: object.kind, source: object.source, mapper: mapper, settings: settings, version: plan.mappingVersion)
            }
            return Self.settledDigest(object, context: context, references: mapper.referenceAnchors(references))
        }
        // An unlinked object's digest is only stored: it is made when the
        // object is mapped (an initial sync's first creates go out sooner),
        // from the references read here.
        var toMap: [(anchor: Anchor, digest: String?, references: [[String]]?)] = []
        // Unchanged users, by the keys last written for them.
        var settledUsers: [(anchor: Anchor, keys: [String])] = []
        for (anchor, object) in read.objects where !isExcluded(object) && !read.held.contains(anchor) {
            inScope.insert(anchor)
            // Its reference values (a manager's DN), read once for the
            // index and for the settled digest.
            let references = mapper(object.kind).referenceValues(object)
            indexDNs(for: references)
            guard let link = state.links[anchor] else {
                toMap.append((anchor, nil, references))
                continue
            }
            // A linked object stays in the target while a condition keeps it
            // from being updated, so it keeps its memberships meanwhile.
            if !link.missingInTarget { present.insert(anchor) }
            let digest = digestOf(object, references: references)
            if let digest, isSettled(object, link: link, digest: digest) {
                if object.kind == .user { settledUsers.append((anchor, link.uniqueKeys)) }
            } else {
                toMap.append((anchor, digest, nil))
            }
        }
        toMap.sort { $0.anchor < $1.anchor }
        // A user none of whose keys another user has cannot be a
        // `duplicate-in-source`: it is planned as soon as it is mapped (and
        // its create may go out at once, `EarlyAction`). The others wait
        // for the duplicate check, with the groups.
        let contested = contestedUsers(toMap.lazy.map(\.anchor), settled: settledUsers, mapper: userMapper)
        var mappingProblems: [ConditionRecord] = []
        var waiting: [(object: SourceObject, fields: [FieldAssignment], digest: String?, disabled: Bool)] = []
        let firstObjectCondition = plan.conditions.count
        for (anchor, settledDigest, references) in toMap {
            guard var object = read.objects[anchor] else { continue }
            let digest = if let references { digestOf(object, references: references) } else { settledDigest }
            let (fields, problems) = mapper(object.kind).map(object)
            // (Every object's references were offered to `indexDNs` above.)
            mappingProblems += problems
            let disabled = isDisabled(object)
            // Mapped: nothing reads the attributes again, so they go now
            // (an initial sync's memory peaks while its objects are mapped).
            object.releaseAttributes()
            read.objects[anchor]?.releaseAttributes()
            guard problems.isEmpty else { continue }
            if object.kind == .user && !contested.contains(anchor) {
                planObject(object, fields: fields, digest: digest, disabled: disabled)
                streamPlanned(anchor)
            } else {
                waiting.append((object, fields, digest, disabled))
            }
        }
        early?.flush()
        // The conditions of planning objects follow those of mapping and
        // the duplicate check, in anchor order, as when every object was
        // planned after the check.
        var objectConditions = Array(plan.conditions[firstObjectCondition...])
        plan.conditions.removeSubrange(firstObjectCondition...)
        plan.conditions += mappingProblems
        let duplicates = findDuplicates(
            waiting.filter { $0.object.kind == .user }.map { ($0.object, $0.fields) },
            settled: settledUsers)
        let laterConditions = plan.conditions.count
        for (object, fields, digest, disabled) in waiting where !duplicates.contains(object.anchor) {
            planObject(object, fields: fields, digest: digest, disabled: disabled)
        }
        if !objectConditions.isEmpty {
            objectConditions += plan.conditions[laterConditions...]
            // Stable: an object's own conditions keep their order.
            objectConditions.sort { ($0.anchor ?? Anchor("")) < ($1.anchor ?? Anchor("")) }
            plan.conditions.replaceSubrange(laterConditions..., with: objectConditions)
        }
    }

    /// Hands the user's create or link, just planned, to `early` (when
    /// streaming): out of the plan, with its digest.
    mutating func streamPlanned(_ anchor: Anchor) {
        guard early != nil, let last = plan.actions.last, last.anchor == anchor, last.phase == 0 else { return }
        plan.actions.removeLast()
        early?.add(EarlyAction(last, digest: plan.digests.removeValue(forKey: anchor)))
    }

    /// Normalized DN → anchor of the users in scope.
    func userDNIndex() -> [String: Anchor] {
        var index: [String: Anchor] = [:]
        for (anchor, object) in read.objects where object.kind == .user && !isExcluded(object) && !read.held.contains(anchor) {
            if let dn = object.dn { index[ObjectMapper.normalizedDN(dn)] = anchor }
        }
        return index
    }

    /// `disabled`: whether the source disables the object (`isDisabled`,
    /// taken before its attributes were let go of).
    mutating func planObject(_ object: SourceObject, fields: [FieldAssignment], digest: String? = nil, disabled: Bool) {
        // Stored with the link once its fields are written or found
        // unchanged (`isSettled`); never for a disabled user.
        if !disabled, let digest { plan.digests[object.anchor] = digest }
        let version = plan.mappingVersion
        let active = !(disabled && settings.policies.userDisabled == .deactivate)
        let hash = ObjectHash.object(fields, active: active, mappingVersion: version)
        guard var link = state.links[object.anchor] else {
            // A disabled user the agent never wrote is not created.
            guard !disabled else { return }
            planNew(object, fields: fields, hash: hash)
            return
        }
        if link.missingInTarget {
            plan.conditions.append(ConditionRecord(
                .targetMissing, anchor: object.anchor, kind: object.kind,
                detail: "\(object.kind) \(link.targetID) was deleted in the target; policy: \(settings.policies.targetMissing.rawValue)"))
            switch settings.policies.targetMissing {
            case .forget:
                plan.actions.append(.unlink(object.anchor))
            case .recreate:
                if !disabled {
                    plan.actions.append(.create(object.kind, object.anchor, fields: fields, hash: hash))
                    present.insert(object.anchor)
                }
            }
            return
        }
        if disabled {
            switch settings.policies.userDisabled {
            case .nothing: break
            case .deactivate:
                if link.active { plan.actions.append(.deactivate(object.anchor, targetID: link.targetID)) }
                link.active = false  // what the update below compares against
            case .delete:
                plan.actions.append(.delete(object.kind, object.anchor, targetID: link.targetID))
                present.remove(object.anchor)
                return
            }
        }
        present.insert(object.anchor)
        // The hash settles unchanged objects, except one to switch back on
        // (a deactivation does not rewrite the stored hash).
        guard hash != link.hash || link.active != active else { return }
        planUpdate(object, link: link, fields: fields, active: active, hash: hash)
    }

    /// A changed object: a PATCH of the fields whose value changed, removal
    /// of fields no longer mapped, and `active` when it is switched back on.
    /// After a mapping change with no value changed, every mapped field is
    /// written once: the target may hold values shaped by the old mapping.
    mutating func planUpdate(_ object: SourceObject, link: Link, fields: [FieldAssignment], active: Bool, hash: String) {
        var set = fields.filter { link.fieldHashes[$0.field] != ObjectHash.field($0.value) }
        let mapped = Set(fields.map(\.field))
        // A field the target no longer has keeps what was written there: its
        // mapping is refused this run, not removed (`MappingCheck`).
        let kept = Set(mappingCheck.refusals.filter { $0.kind == object.kind }.flatMap(\.writtenAs))
        let remove = link.fieldHashes.keys.filter { !mapped.contains($0) && !kept.contains($0) }.sorted()
        if active && !link.active { set.append(FieldAssignment("active", .json(.bool(true)))) }
        if set.isEmpty && remove.isEmpty && link.mappingVersion != plan.mappingVersion { set = fields }
        if set.isEmpty && remove.isEmpty && link.active == active { return }
        plan.actions.append(.update(object.kind, object.anchor, targetID: link.targetID, set: set, remove: remove, hash: hash))
    }

    /// An object the agent does not track: link it to a matching target
    /// object, or create it.
    mutating func planNew(_ object: SourceObject, fields: [FieldAssignment], hash: String) {
        if let match = findMatch(object, fields: fields) {
            if match.isPrivileged == true {
                plan.conditions.append(ConditionRecord(
                    .linkRefusedPrivileged, anchor: object.anchor, kind: object.kind, value: match.id,
                    detail: "the matching target account \(match.id) holds an administrator role; it is not linked"))
                return
            }
            plan.actions.append(.link(object.kind, object.anchor, targetID: match.id, fields: fields, hash: hash))
            plan.conditions.append(ConditionRecord(
                .alreadyExists, anchor: object.anchor, kind: object.kind, value: match.id,
                detail: "linked to the existing \(object.kind) \(match.id) (matched by \(settings.match.by.rawValue))"))
        } else {
            plan.actions.append(.create(object.kind, object.anchor, fields: fields, hash: hash))
        }
        present.insert(object.anchor)
    }

    /// A group's case-folded displayName, the key groups match by.
    static func displayNameKey(_ fields: [FieldAssignment]) -> String? {
        guard case .json(let json)? = fields.first(where: { $0.field == "displayName" })?.value,
              let name = json.stringValue
        else { return nil }
        return "d:" + SCIMCaseFolding.key(name)
    }

    /// The unlinked target object with the same key, when matching is on.
    /// By userName or email only where the target says who is privileged,
    /// unless the administrator allowed it.
    func findMatch(_ object: SourceObject, fields: [FieldAssignment]) -> TargetDirectory.Entry? {
        guard let targetIndex, settings.match.by != .none else { return nil }
        let found: TargetDirectory.Entry?
        if settings.match.by == .externalId {
            found = targetIndex[TargetIndex.key(object.kind, "x:" + object.anchor.rawValue)]
        } else if object.kind == .group {
            // Groups have no userName or email: by name (RFC 7643 §4.2 displayName).
            found = Self.displayNameKey(fields).flatMap { targetIndex[TargetIndex.key(.group, $0)] }
        } else {
            let prefix = settings.match.by == .userName ? "u:" : "e:"
            found = Self.uniqueKeys(fields).lazy.filter { $0.key.hasPrefix(prefix) }
                .compactMap { targetIndex[TargetIndex.key(object.kind, $0.key)] }.first
        }
        guard let found else { return nil }
        if settings.match.by != .externalId, found.isPrivileged == nil, !settings.match.linkWithoutRoleInformation {
            return nil
        }
        return found
    }
}

/// The unlinked target objects by externalId, userName and email, built
/// once per plan so matching costs a lookup per object.
struct TargetIndex {
    private var entries: [String: TargetDirectory.Entry] = [:]

    init(_ target: TargetDirectory, linkedIDs: Set<String>) {
        for entry in target.entries where !linkedIDs.contains(entry.id) {
            var keys: [String] = []
            if let externalId = entry.externalId { keys.append("x:" + externalId) }
            if let userName = entry.userName { keys.append("u:" + SCIMCaseFolding.key(userName)) }
            keys += entry.emails.map { "e:" + SCIMCaseFolding.key($0) }
            if let displayName = entry.displayName, entry.kind == .group { keys.append("d:" + SCIMCaseFolding.key(displayName)) }
            for key in keys where entries[Self.key(entry.kind, key)] == nil {
                entries[Self.key(entry.kind, key)] = entry
            }
        }
    }

    static func key(_ kind: ObjectKind, _ key: String) -> String { kind.rawValue + "/" + key }

    subscript(key: String) -> TargetDirectory.Entry? { entries[key] }
}
