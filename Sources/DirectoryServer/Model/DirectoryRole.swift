/// What a user may do in the directory itself: owners and admins administer
/// the organization (and approve the agent's sign-in); members are people
/// the organization manages. Shown to SCIM clients as a read-only `roles`
/// value, so a client can tell a privileged account.
public enum DirectoryRole: String, Sendable, Hashable, Codable, CaseIterable {
    case owner
    case admin
    case member

    public var isPrivileged: Bool { self != .member }
}
