import SCIM

@testable import SyncEngine

/// Source objects, settings and a simulated executor for planner tests.
enum Fixture {
    static let people = "ou=People,dc=example,dc=com"
    static let groups = "ou=Groups,dc=example,dc=com"

    static func user(_ id: String, mail: String? = nil, cn: String? = nil, extra: [String: [String]] = [:], baseDN: String = people) -> SourceObject {
        var attributes: [String: [String]] = ["uid": [id], "cn": [cn ?? "User \(id)"], "sn": ["Family-\(id)"]]
        attributes["mail"] = [mail ?? "\(id)@example.com"]
        if mail == "" { attributes["mail"] = nil }
        attributes.merge(extra) { _, new in new }
        return SourceObject(
            kind: .user, anchor: Anchor("a-\(id)"), dn: "uid=\(id),\(baseDN)", baseDN: baseDN, attributes: attributes)
    }

    static func group(_ name: String, members: [String] = [], unresolved: [String] = []) -> SourceObject {
        SourceObject(
            kind: .group, anchor: Anchor("g-\(name)"), dn: "cn=\(name),\(groups)", baseDN: groups,
            attributes: ["cn": [name]], members: members.map { Anchor($0) }, unresolvedMembers: unresolved)
    }

    static func settings(_ change: (inout PlannerSettings) -> Void = { _ in }) -> PlannerSettings {
        var settings = PlannerSettings(
            baseDNs: [people, groups],
            disabledRules: ["ldap": AttributeRule(attribute: "pwdAccountLockedTime", operator: .present)])
        settings.safety.deletionLimitCount = 1000
        settings.safety.deletionLimitPercentage = 100
        change(&settings)
        return settings
    }

    static func snapshot(_ objects: [SourceObject]) -> [ChangeEvent] {
        objects.map(ChangeEvent.upsert) + [.snapshotComplete]
    }

    /// What an executor that succeeds at everything would leave in the state.
    static func apply(_ plan: Plan, to state: SyncState) -> SyncState {
        var state = state
        if plan.isBlocked { return state }
        for action in plan.actions {
            switch action {
            case .create(let kind, let anchor, let fields, let hash):
                state.links[anchor] = Link(
                    kind: kind, targetID: "t-\(anchor)", origin: .created, hash: hash, mappingVersion: plan.mappingVersion,
                    fieldHashes: FieldHashes(hashes(fields)), uniqueKeys: PlanBuilder.uniqueKeys(fields).map(\.key),
                    name: ObjectName.of(kind, in: fields) ?? "")
            case .link(let kind, let anchor, let targetID, let fields, let hash):
                state.links[anchor] = Link(
                    kind: kind, targetID: targetID, origin: .linked, hash: hash, mappingVersion: plan.mappingVersion,
                    fieldHashes: FieldHashes(hashes(fields)), uniqueKeys: PlanBuilder.uniqueKeys(fields).map(\.key),
                    name: ObjectName.of(kind, in: fields) ?? "")
            case .update(let kind, let anchor, _, let set, let remove, let hash):
                guard var link = state.links[anchor] else { continue }
                if let name = ObjectName.of(kind, in: set) { link.name = name }
                for assignment in set where assignment.field != "active" {
                    link.fieldHashes[assignment.field] = ObjectHash.field(assignment.value)
                }
                if set.contains(where: { $0.field == "active" }) { link.active = true }
                for field in remove { link.fieldHashes[field] = nil }
                link.hash = hash
                link.mappingVersion = plan.mappingVersion
                state.links[anchor] = link
            case .deactivate(let anchor, _):
                state.links[anchor]?.active = false
            case .delete(_, let anchor, _), .unlink(let anchor):
                state.links[anchor] = nil
                state.membersWritten[anchor] = nil
            case .addMembers(let group, let members):
                state.membersWritten[group, default: []].formUnion(members)
            case .removeMembers(let group, let members):
                state.membersWritten[group, default: []].subtract(members)
            }
        }
        if let counts = plan.baseDNCounts { state.baseDNCounts = counts }
        return state
    }

    static func hashes(_ fields: [FieldAssignment]) -> [String: String] {
        Dictionary(fields.map { ($0.field, ObjectHash.field($0.value)) }, uniquingKeysWith: { _, last in last })
    }

    /// Plans a snapshot and applies it: the state after a successful first run.
    static func synced(_ objects: [SourceObject], settings: PlannerSettings = settings()) -> SyncState {
        apply(Planner.plan(events: snapshot(objects), state: SyncState(), settings: settings), to: SyncState())
    }
}

extension Plan {
    /// Actions as short strings, for readable expectations.
    var summary: [String] {
        actions.map { action in
            switch action {
            case .create(let kind, let anchor, _, _): "create \(kind) \(anchor)"
            case .link(_, let anchor, let id, _, _): "link \(anchor) \(id)"
            case .update(_, let anchor, _, let set, let remove, _):
                "update \(anchor) set \(set.map(\.field).joined(separator: ",")) remove \(remove.joined(separator: ","))"
            case .deactivate(let anchor, _): "deactivate \(anchor)"
            case .delete(_, let anchor, _): "delete \(anchor)"
            case .unlink(let anchor): "unlink \(anchor)"
            case .addMembers(let group, let members): "add \(group) \(members.map(\.rawValue).joined(separator: ","))"
            case .removeMembers(let group, let members): "remove \(group) \(members.map(\.rawValue).joined(separator: ","))"
            }
        }
    }

    var codes: [ConditionCode] { conditions.map(\.code) }
}
