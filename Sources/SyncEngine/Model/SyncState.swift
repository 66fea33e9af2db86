/// The agent's memory of what it wrote, as the planner needs it. The
/// `AgentStore` keeps it in SQLite; the planner only reads it.
public struct SyncState: Sendable, Hashable, Codable {
    /// Anchor → target object, for every object the agent created or linked.
    public var links: [Anchor: Link]
    /// Per group anchor, the members the agent itself added. Only these are
    /// ever removed, so members added by hand to a linked group stay.
    public var membersWritten: [Anchor: Set<Anchor>]
    /// Objects per base DN at the last complete read, to notice a read that
    /// suddenly returns nothing or far fewer.
    public var baseDNCounts: [String: Int]

    public init(links: [Anchor: Link] = [:], membersWritten: [Anchor: Set<Anchor>] = [:], baseDNCounts: [String: Int] = [:]) {
        self.links = links
        self.membersWritten = membersWritten
        self.baseDNCounts = baseDNCounts
    }
}
