/// Where the executor writes what happened, so the executor depends on no
/// database: `AgentStore` implements it over SQLite, tests may too.
///
/// Every call is one transaction. The executor calls `journal` before it
/// sends a window of requests and `record` once the window is answered, so
/// the cost is two commits per window, not one per object.
public protocol StateRecorder: Sendable {
    /// Stores a window's intents before its requests are sent: after a
    /// crash, an entry still here may or may not have reached the target.
    func journal(_ entry: JournalEntry) async throws
    /// The entries left by a run that did not finish (crash, kill).
    func pendingJournal() async throws -> [JournalEntry]
    /// Applies the outcomes of one window: links, members, results, the
    /// retry queue, completed journal entries and watermarks, all or nothing.
    func record(_ batch: OutcomeBatch) async throws
}

/// One window's intents, journaled together before its first request and
/// completed together once its outcomes are recorded: one row to write and
/// one to delete per window, not two per object.
public struct JournalEntry: Sendable, Hashable {
    /// Unique per window (a random UUID's text).
    public var id: String
    public var intents: [Intent]

    public init(id: String, intents: [Intent]) {
        self.id = id
        self.intents = intents
    }
}

/// One write the executor is about to send.
public struct Intent: Sendable, Hashable, Codable {
    public var operation: ActionName
    public var kind: ObjectKind
    public var anchor: Anchor
    /// The target object, when it already exists (not for a create).
    public var targetID: String?

    public init(operation: ActionName, kind: ObjectKind, anchor: Anchor, targetID: String? = nil) {
        self.operation = operation
        self.kind = kind
        self.anchor = anchor
        self.targetID = targetID
    }
}

/// The name of an action in results and counts (stable: stored in reports).
public enum ActionName: String, Sendable, Hashable, Codable, CaseIterable {
    case create, link, update, deactivate, delete, unlink
    case addMembers = "member-add", removeMembers = "member-remove"
    /// A condition met while planning; nothing was sent for the object.
    case none
}

/// What one window of the run changed in the agent's state.
public struct OutcomeBatch: Sendable, Hashable {
    public var runID: String?
    /// Links created or changed (created, linked, updated, deactivated).
    public var links: [Anchor: Link] = [:]
    /// Links to forget (the target object was deleted, or `unlink`).
    public var unlinked: Set<Anchor> = []
    /// Per group, members the agent added (tracked so only they are removed).
    public var membersAdded: [Anchor: Set<Anchor>] = [:]
    public var membersRemoved: [Anchor: Set<Anchor>] = [:]
    /// Objects with an action or a condition, for the run's report.
    public var results: [ObjectResult] = []
    /// Objects that failed: the source re-reads them next run.
    public var retry: [Anchor: ObjectKind] = [:]
    /// Objects written in full: out of the retry queue.
    public var succeeded: Set<Anchor> = []
    /// Journal entries whose outcomes are known (written, refused or
    /// reconciled), by id.
    public var completedJournal: Set<String> = []
    /// Source watermarks that may advance: every change before them is
    /// written or queued.
    public var watermarks: [String: String] = [:]
    /// Linked objects found unchanged by mapping them: their new
    /// `Link.sourceDigest`, so the next run need not map them.
    public var settled: [Anchor: String] = [:]

    public init(runID: String? = nil) { self.runID = runID }

    public var isEmpty: Bool {
        links.isEmpty && unlinked.isEmpty && membersAdded.isEmpty && membersRemoved.isEmpty && results.isEmpty
            && retry.isEmpty && succeeded.isEmpty && completedJournal.isEmpty && watermarks.isEmpty && settled.isEmpty
    }
}

/// One object's line in a run's report: what was done and what was met.
public struct ObjectResult: Sendable, Hashable, Codable {
    public var anchor: Anchor
    public var kind: ObjectKind?
    public var action: ActionName
    public var code: ConditionCode?
    public var attribute: String?
    public var value: String?
    /// The `X-Request-ID` of the request that failed, to find it in the
    /// target's log.
    public var requestID: String?
    /// The condition's detail, or the target's answer.
    public var detail: String?
    /// Whether the object was not (fully) written.
    public var failed: Bool
    /// What the administrator knows the object by (`ObjectName`, or the
    /// source entry's DN for a condition met while planning).
    public var name: String?

    public init(
        anchor: Anchor, kind: ObjectKind?, action: ActionName, code: ConditionCode? = nil, attribute: String? = nil,
        value: String? = nil, requestID: String? = nil, detail: String? = nil, failed: Bool = false, name: String? = nil
    ) {
        self.anchor = anchor
        self.kind = kind
        self.action = action
        self.code = code
        self.attribute = attribute
        self.value = value
        self.requestID = requestID
        self.detail = detail
        self.failed = failed
        self.name = name
    }
}
