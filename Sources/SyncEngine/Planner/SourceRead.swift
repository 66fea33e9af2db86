/// The change events of one run folded into what the planner decides on:
/// the latest version of each object, deletions, member deltas, and whether
/// the read was complete. Later events win, so an object deleted and then
/// restored in one batch is an upsert.
struct SourceRead: Sendable {
    var objects: [Anchor: SourceObject] = [:]
    var deleted: Set<Anchor> = []
    var memberDeltas: [Anchor: (added: Set<Anchor>, removed: Set<Anchor>)] = [:]
    var snapshotComplete = false
    var problems: [SourceReadProblem] = []
    /// Objects a problem is about (a CSV row that cannot be read): neither
    /// written nor removed this run.
    var held: Set<Anchor> = []
    /// The attribute names sources said they have (`ChangeEvent.attributes`).
    var attributeNames: [SourceAttributeNames] = []

    init(_ events: [ChangeEvent]) {
        // Sized once: growing it would hold the old table and the new one
        // at once, on a read of 100,000 objects.
        objects.reserveCapacity(events.count)
        for event in events {
            switch event {
            case .upsert(let object):
                objects[object.anchor] = object
                deleted.remove(object.anchor)
            case .delete(let anchor):
                objects[anchor] = nil
                deleted.insert(anchor)
            case .memberDelta(let group, let added, let removed):
                var delta = memberDeltas[group] ?? ([], [])
                delta.added.subtract(removed)
                delta.removed.subtract(added)
                delta.added.formUnion(added)
                delta.removed.formUnion(removed)
                memberDeltas[group] = delta
            case .snapshotComplete:
                snapshotComplete = true
            case .readIncomplete(let problem):
                problems.append(problem)
                if let anchor = problem.anchor { held.insert(anchor) }
            case .attributes(let names):
                attributeNames.append(names)
            }
        }
    }

    /// Objects per configured base DN.
    func counts(baseDNs: [String]) -> [String: Int] {
        var counts = Dictionary(baseDNs.map { ($0, 0) }, uniquingKeysWith: { first, _ in first })
        // A read has a few base DNs, mostly one string each: tallied in a
        // short list, then hashed once each.
        var tally: [(baseDN: String, count: Int)] = []
        for object in objects.values {
            guard let baseDN = object.baseDN else { continue }
            if let index = tally.firstIndex(where: { $0.baseDN == baseDN }) {
                tally[index].count += 1
            } else {
                tally.append((baseDN, 1))
            }
        }
        for (baseDN, count) in tally where counts[baseDN] != nil { counts[baseDN, default: 0] += count }
        return counts
    }
}
