extension OutcomeBatch {
    /// Folds one action's outcome into the window's batch. An action's
    /// outcome fills two or three of the collections; the others are
    /// passed over (a window folds hundreds of outcomes).
    mutating func merge(_ other: OutcomeBatch) {
        if isEmpty {
            // The window's first outcome (a whole Bulk request's, often):
            // taken as it is, not entry by entry.
            let runID = runID
            self = other
            self.runID = runID
            for anchor in unlinked { links[anchor] = nil }
            return
        }
        if !other.links.isEmpty { links.merge(other.links) { _, new in new } }
        if !other.unlinked.isEmpty {
            unlinked.formUnion(other.unlinked)
            for anchor in other.unlinked { links[anchor] = nil }
        }
        if !other.membersAdded.isEmpty { membersAdded.merge(other.membersAdded) { $0.union($1) } }
        if !other.membersRemoved.isEmpty { membersRemoved.merge(other.membersRemoved) { $0.union($1) } }
        results += other.results
        if !other.retry.isEmpty { retry.merge(other.retry) { _, new in new } }
        if !other.succeeded.isEmpty { succeeded.formUnion(other.succeeded) }
        if !other.completedJournal.isEmpty { completedJournal.formUnion(other.completedJournal) }
        if !other.watermarks.isEmpty { watermarks.merge(other.watermarks) { _, new in new } }
        if !other.settled.isEmpty { settled.merge(other.settled) { _, new in new } }
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
