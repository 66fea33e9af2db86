import Foundation
public import SCIM

/// The SCIM semantics of /Groups (RFC 7644 §3.3–3.6) for one organization.
public struct GroupService: Sendable {
    public let store: any DirectoryStore
    public let organization: Organization
    public let baseURL: String

    public init(store: any DirectoryStore, organization: Organization, baseURL: String) {
        self.store = store
        self.organization = organization
        self.baseURL = baseURL
    }

    public func create(_ body: JSON) async throws -> StoredGroup {
        let (group, members) = try prepareCreate(body, now: Timestamps.now())
        try await store.createGroup(group, members: members)
        return group
    }

    /// The group a POST body makes, checked, not written yet.
    func prepareCreate(_ body: JSON, now: Date) throws -> (StoredGroup, members: [String]) {
        let (group, members) = try GroupResource.stored(
            from: body, id: Identifiers.make(), organizationID: organization.id, version: 1, created: now, now: now
        )
        return (group, members ?? [])
    }

    public func get(_ id: String) async throws -> StoredGroup {
        guard let group = try await store.group(id: id, organizationID: organization.id) else {
            throw DirectoryError.notFound(resource: "Group", id: id)
        }
        return group
    }

    /// The resource as JSON; members are read only when asked for.
    public func json(_ group: StoredGroup, includeMembers: Bool) async throws -> JSON {
        let members = includeMembers ? try await store.members(ofGroup: group.id) : nil
        return GroupResource.json(group, members: members, baseURL: baseURL)
    }

    /// PUT: the body replaces the group, members included.
    public func replace(_ id: String, with body: JSON, ifMatch: String?) async throws -> StoredGroup {
        let current = try await get(id)
        try Self.check(ifMatch, current: current)
        let (group, members) = try GroupResource.stored(
            from: body, id: id, organizationID: organization.id, version: current.version + 1,
            created: current.created, now: Timestamps.now()
        )
        try await store.updateGroup(group, changes: [.replace(members ?? [])], expectedVersion: current.version)
        return group
    }

    /// PATCH: member operations go to the member table as they are (one
    /// insert or delete per member named); the others are applied to the
    /// group's attributes. All in one transaction, or nothing.
    public func patch(_ id: String, with body: JSON, ifMatch: String?) async throws -> StoredGroup {
        let current = try await get(id)
        try Self.check(ifMatch, current: current)
        let request = try SCIMPatchRequest(json: body)
        var changes: [MemberChange] = []
        var others: [SCIMPatchOperation] = []
        for operation in request.operations {
            if let edit = operation.multiValuedEdit(of: "members") {
                changes.append(try Self.change(edit))
            } else if operation.path?.attribute.isAttribute("members") == true {
                throw DirectoryError.scim(SCIMError(
                    status: 400, scimType: .invalidPath,
                    detail: "members can be added, removed or replaced by value (members[value eq \"id\"]); \(operation.path?.description ?? "") cannot",
                    attribute: "members"
                ))
            } else {
                others.append(operation)
            }
        }
        var document = GroupResource.json(current, members: nil, baseURL: baseURL)
        if !others.isEmpty { document = try SCIMPatchApplier().apply(others, to: document) }
        let (group, _) = try GroupResource.stored(
            from: document, id: id, organizationID: organization.id, version: current.version + 1,
            created: current.created, now: Timestamps.now()
        )
        try await store.updateGroup(group, changes: changes, expectedVersion: current.version)
        return group
    }

    /// A PATCH (§3.5.2) that only adds, removes or replaces members, as the
    /// store's `MemberPatch`; nil when it touches anything else, or is not
    /// a valid PATCH (`patch` then answers it).
    static func memberPatch(_ id: String, body: JSON, ifMatch: String?) -> MemberPatch? {
        guard let request = try? SCIMPatchRequest(json: body) else { return nil }
        var changes: [MemberChange] = []
        for operation in request.operations {
            guard let edit = operation.multiValuedEdit(of: "members"), let change = try? Self.change(edit) else { return nil }
            changes.append(change)
        }
        var expected: Int?
        if let ifMatch {
            guard let version = try? UserService.version(fromETag: ifMatch, id: id) else { return nil }
            expected = version
        }
        return MemberPatch(groupID: id, changes: changes, expectedVersion: expected)
    }

    /// Member-only PATCHes written together; each one's new version, or
    /// its error.
    func changeMembers(_ patches: [MemberPatch]) async throws -> [Result<Int, any Error>] {
        try await store.changeMembers(patches, organizationID: organization.id, now: Timestamps.now())
    }

    /// RFC 7644 §3.6; with `If-Match` (§3.14), only the version given.
    public func delete(_ id: String, ifMatch: String? = nil) async throws {
        if ifMatch != nil { try Self.check(ifMatch, current: try await get(id)) }
        guard try await store.deleteGroup(id: id, organizationID: organization.id) else {
            throw DirectoryError.notFound(resource: "Group", id: id)
        }
    }

    /// A list request (RFC 7644 §3.4.2, RFC 9865 cursors), projected;
    /// members are read only when the projection shows them.
    func list(_ request: ListRequest, now: Date) async throws -> SCIMListResponse {
        let page = try await listing.list(request, now: now)
        let includeMembers = request.projection.wants("members")
        var resources: [JSON] = []
        for group in page.resources { resources.append(request.projection.apply(try await json(group, includeMembers: includeMembers))) }
        return SCIMListResponse(page, resources: resources)
    }

    var listing: ResourceListing<StoredGroup> {
        ResourceListing(
            nameAttribute: "displayName", schema: GroupResource.schema,
            fetch: { [store, organization] query in
                let (total, groups) = try await store.groups(organizationID: organization.id, query: query)
                return (total, groups)
            },
            json: { group in try await json(group, includeMembers: true) },
            indexedValues: ["members": { .member($0) }]
        )
    }

    static func change(_ edit: SCIMMultiValuedEdit) throws -> MemberChange {
        switch edit {
        case .add(let values): .add(try GroupResource.memberIDs(.array(values)))
        case .remove(let values): .remove(try GroupResource.memberIDs(.array(values)))
        case .removeAll: .removeAll
        case .replace(let values): .replace(try GroupResource.memberIDs(.array(values)))
        }
    }

    static func check(_ ifMatch: String?, current: StoredGroup) throws {
        if let ifMatch, try UserService.version(fromETag: ifMatch, id: current.id) != current.version {
            throw DirectoryError.versionMismatch(id: current.id)
        }
    }
}
