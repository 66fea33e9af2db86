public import Foundation
public import SCIM

/// A group as the store keeps it. Members live in their own table (a group
/// of 100,000 members is normal), not in the document.
public struct StoredGroup: Sendable, Hashable {
    public var id: String
    public var organizationID: String
    public var displayName: String
    /// displayName is unique per organization ignoring case (`name-conflict`).
    public var displayNameKey: String
    public var externalID: String?
    /// The resource without `id`, `meta` and `members`.
    public var document: JSON
    public var version: Int
    public var created: Date
    public var lastModified: Date

    public init(
        id: String, organizationID: String, displayName: String, externalID: String?, document: JSON,
        version: Int = 1, created: Date, lastModified: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.displayName = displayName
        self.displayNameKey = SCIMCaseFolding.key(displayName)
        self.externalID = externalID
        self.document = document
        self.version = version
        self.created = created
        self.lastModified = lastModified
    }

    public var etag: String { Self.etag(version: version) }

    static func etag(version: Int) -> String { "W/\"\(version)\"" }
}

/// One member of a group: a user or a nested group of the same organization.
public struct GroupMember: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case user = "User"
        case group = "Group"
    }

    public var id: String
    public var kind: Kind
    /// The member's userName or displayName, for `display`.
    public var display: String?

    public init(id: String, kind: Kind, display: String? = nil) {
        self.id = id
        self.kind = kind
        self.display = display
    }
}

/// A change of a group's members, applied by the store in one transaction.
public enum MemberChange: Sendable, Hashable {
    case add([String])
    case remove([String])
    case removeAll
    case replace([String])
}

/// A PATCH of a group's members only (RFC 7644 §3.5.2): what a Bulk request
/// of many such PATCHes hands the store at once.
public struct MemberPatch: Sendable, Hashable {
    public var groupID: String
    public var changes: [MemberChange]
    /// The version an `If-Match` asks for (§3.14); nil for any.
    public var expectedVersion: Int?

    public init(groupID: String, changes: [MemberChange], expectedVersion: Int? = nil) {
        self.groupID = groupID
        self.changes = changes
        self.expectedVersion = expectedVersion
    }
}
