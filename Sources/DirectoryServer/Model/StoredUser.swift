public import Foundation
public import SCIM

/// A user as the store keeps it: the indexed attributes in columns, the
/// whole SCIM resource (without `id` and `meta`, which the store owns) as
/// one JSON document.
public struct StoredUser: Sendable, Hashable {
    public var id: String
    public var organizationID: String
    public var userName: String
    /// `SCIMCaseFolding.key(userName)`: userName is case-insensitive
    /// (RFC 7643 §4.1.1), and uniqueness is enforced on this key by a unique
    /// index, the same on every store.
    public var userNameKey: String
    public var externalID: String?
    public var active: Bool
    /// The user's role in the directory; SCIM cannot change it.
    public var role: DirectoryRole
    public var document: JSON
    /// Incremented on every change; `meta.version` is `W/"<version>"`.
    public var version: Int
    public var created: Date
    public var lastModified: Date

    public init(
        id: String, organizationID: String, userName: String, externalID: String?, active: Bool,
        role: DirectoryRole = .member, document: JSON, version: Int = 1, created: Date, lastModified: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.userName = userName
        self.userNameKey = SCIMCaseFolding.key(userName)
        self.externalID = externalID
        self.active = active
        self.role = role
        self.document = document
        self.version = version
        self.created = created
        self.lastModified = lastModified
    }

    /// The ETag of this version (RFC 7644 §3.14).
    public var etag: String { UserResource.etag(version) }

    /// The addresses that identify this account, as case-folded keys: every
    /// `emails` value, and the userName when it is an address. An address
    /// identifies one account in the whole deployment (and, with peers, in
    /// every deployment).
    public var emailKeys: [String] {
        var values: [String] = []
        if FieldValidator.isValidEmail(userName) { values.append(userName) }
        if case .array(let emails)? = document["emails"] {
            for email in emails {
                if let value = email["value"]?.stringValue, !value.isEmpty { values.append(value) }
            }
        }
        var seen = Set<String>()
        return values.map(SCIMCaseFolding.key).filter { seen.insert($0).inserted }
    }
}
