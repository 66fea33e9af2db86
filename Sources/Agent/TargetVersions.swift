import Foundation
import SCIMClient
import SyncEngine

/// The directory's `meta.version` (ETag, RFC 7644 §3.14) of every linked
/// object a plan writes: one `GET …?attributes=meta` each, at most
/// `concurrency` at once. Creates need none; an object already gone (404)
/// gets none, and its write meets `target-missing` as in any run.
enum TargetVersions {
    static func read(_ plan: Plan, links: [Anchor: Link], client: SCIMClient, concurrency: Int) async throws -> [Anchor: String] {
        var wanted: [Anchor: (kind: ObjectKind, id: String)] = [:]
        for action in plan.actions where wanted[action.anchor] == nil {
            switch action {
            case .link(let kind, let anchor, let id, _, _), .update(let kind, let anchor, let id, _, _, _), .delete(let kind, let anchor, let id):
                wanted[anchor] = (kind, id)
            case .deactivate(let anchor, let id):
                wanted[anchor] = (.user, id)
            case .addMembers(let group, _), .removeMembers(let group, _):
                if let link = links[group], !link.missingInTarget { wanted[group] = (.group, link.targetID) }
            case .create, .unlink:
                break
            }
        }
        let jobs = wanted.sorted { $0.key < $1.key }
        return try await withThrowingTaskGroup(of: (Anchor, String?).self) { group in
            var versions: [Anchor: String] = [:]
            var next = 0
            func start() {
                let (anchor, object) = jobs[next]
                next += 1
                group.addTask {
                    let type: SCIMResourceType = object.kind == .user ? .users : .groups
                    do {
                        return (anchor, try await client.get(type, id: object.id, query: "?attributes=meta")?.version)
                    } catch {
                        throw TargetVersionError(kind: object.kind, id: object.id, anchor: anchor, underlying: "\(error)")
                    }
                }
            }
            while next < min(max(concurrency, 1), jobs.count) { start() }
            for try await (anchor, version) in group {
                if let version { versions[anchor] = version }
                if next < jobs.count { start() }
            }
            return versions
        }
    }
}

/// The directory's version of an object could not be read for a saved plan.
struct TargetVersionError: Error, CustomStringConvertible {
    let kind: ObjectKind
    let id: String
    let anchor: Anchor
    let underlying: String

    var description: String {
        "cannot read the directory's version of the \(kind) \(id) (anchor \(anchor)) for the saved plan: \(underlying)"
    }
}
