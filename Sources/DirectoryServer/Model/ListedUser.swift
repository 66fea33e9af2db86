public import Foundation
import SCIM

/// A user as a list answer writes it: the indexed attributes and the
/// document's stored text, not parsed. A lookup by userName answers with
/// one of these: parsing the document only to serialize it again was most
/// of what directoryd's own code spent on a lookup.
///
/// The text holds only what clients see of the document: never `id`,
/// `meta` or `roles` (`UserResource.stored(from:)` removes them before any
/// write) nor an empty extension object (removed there too; a row written
/// before that shows its empty object in lists), so that
/// `UserResource.write` gives the very bytes `UserResource.json` serializes
/// to.
public struct ListedUser: Sendable, Hashable {
    public var id: String
    public var organizationID: String
    public var userName: String
    public var externalID: String?
    public var active: Bool
    public var role: DirectoryRole
    public var version: Int
    public var created: Date
    public var lastModified: Date
    /// The document as compact JSON text, an object.
    public var text: [UInt8]

    public init(
        id: String, organizationID: String, userName: String, externalID: String?, active: Bool, role: DirectoryRole,
        version: Int, created: Date, lastModified: Date, text: [UInt8]
    ) {
        self.id = id
        self.organizationID = organizationID
        self.userName = userName
        self.externalID = externalID
        self.active = active
        self.role = role
        self.version = version
        self.created = created
        self.lastModified = lastModified
        self.text = text
    }

    /// A stored user's listing, its document serialized as clients see it.
    public init(_ user: StoredUser) {
        var visible = JSONObject()
        if case .object(let document) = user.document {
            for member in document where !UserResource.isOwnedByDirectory(member.key) && !AttributeProjection.isEmptyExtension(member) {
                visible[member.key] = member.value
            }
        }
        self.init(
            id: user.id, organizationID: user.organizationID, userName: user.userName, externalID: user.externalID,
            active: user.active, role: user.role, version: user.version, created: user.created, lastModified: user.lastModified,
            text: JSON.object(visible).serialized()
        )
    }

    /// The stored user, its document parsed (for filters evaluated in
    /// memory).
    public func stored() throws -> StoredUser {
        StoredUser(
            id: id, organizationID: organizationID, userName: userName, externalID: externalID, active: active, role: role,
            document: try JSON(parsing: text), version: version, created: created, lastModified: lastModified
        )
    }
}
