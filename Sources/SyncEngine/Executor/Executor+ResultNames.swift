extension Executor.Run {
    /// Gives each of a window's results that has no name the object's
    /// `ObjectName`: from the link the window writes, else the run's link
    /// (an update, a deactivation, a group's members), else the window's
    /// own fields (a create refused, which has no link).
    func nameResults(of batch: inout OutcomeBatch, window: [PlannedAction]) {
        var written: [Anchor: String]?
        for index in batch.results.indices where batch.results[index].name == nil {
            let anchor = batch.results[index].anchor
            if let name = batch.links[anchor]?.knownName ?? links[anchor]?.knownName {
                batch.results[index].name = name
                continue
            }
            if written == nil { written = Self.names(in: window) }
            batch.results[index].name = written?[anchor]
        }
    }

    /// The names the window's creates, links and renames write.
    static func names(in window: [PlannedAction]) -> [Anchor: String] {
        var names: [Anchor: String] = [:]
        for action in window {
            switch action {
            case .create(let kind, let anchor, let fields, _), .link(let kind, let anchor, _, let fields, _),
                .update(let kind, let anchor, _, let fields, _, _):
                names[anchor] = ObjectName.of(kind, in: fields)
            default:
                continue
            }
        }
        return names
    }
}
