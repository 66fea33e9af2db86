import Synchronization

/// The links as a run grows them (creates in one window are references and
/// members in a later one), shared by the requests in flight, which read
/// them, and the recording of each window's outcomes, which adds to them.
///
/// A reference, not a dictionary copied into every request's task: a merge
/// while some request still held a copy would copy all 100,000 links, and
/// windows overlap (`Executor.execute`).
final class LinkTable: Sendable {
    private let links: Mutex<[Anchor: Link]>

    /// `adding`: about how many links the run will add (its creates and
    /// links), room made at once rather than by rehashing as it grows
    /// (only then: reserving copies a dictionary the state still shares).
    init(_ links: [Anchor: Link], adding: Int = 0) {
        var links = links
        if adding > 0, links.capacity < links.count + adding { links.reserveCapacity(links.count + adding) }
        self.links = Mutex(links)
    }

    subscript(anchor: Anchor) -> Link? {
        links.withLock { $0[anchor] }
    }

    /// Adds or replaces `changed` and drops `removed`.
    func apply(_ changed: [Anchor: Link], removing removed: Set<Anchor>) {
        links.withLock { links in
            links.merge(changed) { _, new in new }
            for anchor in removed { links[anchor] = nil }
        }
    }

    /// The target ids of the members linked to an object still in the
    /// target, in order; the others are counted as waiting. One lock for
    /// the whole list (a group of the initial sync lists thousands).
    func targets(of members: some Collection<Anchor>) -> (ids: [(anchor: Anchor, id: String)], waiting: Int) {
        links.withLock { links in
            var ids: [(anchor: Anchor, id: String)] = []
            ids.reserveCapacity(members.count)
            var waiting = 0
            for member in members {
                if let link = links[member], !link.missingInTarget { ids.append((member, link.targetID)) } else { waiting += 1 }
            }
            return (ids, waiting)
        }
    }

    /// The target ids of the first `limit` members linked to an object
    /// still in the target, in order; `consumed`: how many members that
    /// took, `skipped`: those among them without such a link.
    func firstTargets(of members: [Anchor], limit: Int) -> (ids: [(anchor: Anchor, id: String)], consumed: Int, skipped: [Anchor]) {
        links.withLock { links in
            var ids: [(anchor: Anchor, id: String)] = []
            ids.reserveCapacity(min(limit, members.count))
            var skipped: [Anchor] = []
            var consumed = 0
            while consumed < members.count, ids.count < limit {
                let member = members[consumed]
                if let link = links[member], !link.missingInTarget { ids.append((member, link.targetID)) } else { skipped.append(member) }
                consumed += 1
            }
            return (ids, consumed, skipped)
        }
    }

    /// Another anchor linked to the target object `id`, if any.
    func anchor(linkedTo id: String, except anchor: Anchor) -> Anchor? {
        links.withLock { links in links.first { $0.key != anchor && $0.value.targetID == id }?.key }
    }
}
