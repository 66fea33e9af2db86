/// What the planner knows of objects already in the target that the agent
/// has not linked, for matching (`match.by`). Optional: without it new
/// objects are created, and the executor links on "already exists".
public struct TargetDirectory: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var kind: ObjectKind
        public var id: String
        public var externalId: String?
        public var userName: String?
        public var emails: [String]
        /// A group's name, for matching groups when users match by
        /// `userName` or `email`.
        public var displayName: String?
        /// Whether the account holds an administrator role; `nil` when the
        /// target does not say (any SCIM service provider but directoryd).
        public var isPrivileged: Bool?

        public init(
            kind: ObjectKind = .user, id: String, externalId: String? = nil, userName: String? = nil,
            emails: [String] = [], displayName: String? = nil, isPrivileged: Bool? = false
        ) {
            self.kind = kind
            self.id = id
            self.externalId = externalId
            self.userName = userName
            self.emails = emails
            self.displayName = displayName
            self.isPrivileged = isPrivileged
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }
}
