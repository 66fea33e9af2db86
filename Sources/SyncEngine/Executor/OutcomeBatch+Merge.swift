extension OutcomeBatch {
    /// Folds one action's outcome into the window's batch.
    mutating func merge(_ other: OutcomeBatch) {
        links.merge(other.links) { _, new in new }
        unlinked.formUnion(other.unlinked)
        for anchor in other.unlinked { links[anchor] = nil }
        membersAdded.merge(other.membersAdded) { $0.union($1) }
        membersRemoved.merge(other.membersRemoved) { $0.union($1) }
        results += other.results
        retry.merge(other.retry) { _, new in new }
        succeeded.formUnion(other.succeeded)
        completedIntents.formUnion(other.completedIntents)
        watermarks.merge(other.watermarks) { _, new in new }
        settled.merge(other.settled) { _, new in new }
    }

    /// A failure: the result with the target's answer, and a re-read next run.
    mutating func fail(_ anchor: Anchor, _ kind: ObjectKind, _ action: ActionName, _ error: TargetError, value: String? = nil) {
        results.append(ObjectResult(
            anchor: anchor, kind: kind, action: action, code: error.code, attribute: error.attribute, value: value,
            requestID: error.requestID, detail: error.detail, failed: true))
        retry[anchor] = kind
    }

    mutating func done(_ anchor: Anchor, _ kind: ObjectKind, _ action: ActionName, code: ConditionCode? = nil, detail: String? = nil) {
        results.append(ObjectResult(anchor: anchor, kind: kind, action: action, code: code, detail: detail))
        succeeded.insert(anchor)
    }
}
