import Foundation
public import SCIM

/// The SCIM semantics of /Users (RFC 7644 §3.3–3.6) over a `DirectoryStore`,
/// for one organization; HTTP-free, so the rules are tested without a server.
public struct UserService: Sendable {
    public let store: any DirectoryStore
    public let organization: Organization
    /// The SCIM base URL as clients reach it, for `meta.location`.
    public let baseURL: String

    /// Confirms new addresses with peer deployments (nothing to confirm
    /// without peers).
    public var addresses: AddressGuard

    /// The rules read with the bearer token, if they were.
    let knownRules: OrganizationRules?

    public init(
        store: any DirectoryStore, organization: Organization, baseURL: String, federation: Federation? = nil,
        rules: OrganizationRules? = nil
    ) {
        self.store = store
        self.organization = organization
        self.baseURL = baseURL
        self.addresses = AddressGuard(store: store, federation: federation)
        self.knownRules = rules
    }

    public func create(_ body: JSON) async throws -> StoredUser {
        let user = try prepareCreate(body, rules: try await rules())
        try await addresses.claim(user.emailKeys) { try await store.createUser(user) }
        return user
    }

    /// The organization's rules: as read with the token, or from the store.
    func rules() async throws -> OrganizationRules {
        if let knownRules { return knownRules }
        return OrganizationRules(
            fields: try await store.fields(organizationID: organization.id),
            verifiedDomains: try await DomainService.verifiedDomains(of: organization.id, store: store)
        )
    }

    /// The user a create would store, checked against every rule that does
    /// not need the database.
    func prepareCreate(_ body: JSON, rules: OrganizationRules) throws -> StoredUser {
        let now = Self.now()
        var user = try UserResource.stored(
            from: body, id: Identifiers.make(), organizationID: organization.id, version: 1, created: now, now: now
        )
        try CustomFields.apply(to: &user, rules: rules.fields)
        try DomainService.check(user, verified: rules.verifiedDomains)
        return user
    }

    /// Whether creates can be written in batches: only without peers, whose
    /// confirmation is per address.
    var canBatchCreates: Bool { !addresses.confirmsWithPeers }

    public func get(_ id: String) async throws -> StoredUser {
        guard let user = try await store.user(id: id, organizationID: organization.id) else {
            throw DirectoryError.notFound(resource: "User", id: id)
        }
        return user
    }

    /// PUT (RFC 7644 §3.5.1): the body replaces the resource.
    public func replace(_ id: String, with body: JSON, ifMatch: String?) async throws -> StoredUser {
        let current = try await get(id)
        let expected = try ifMatch.map { try Self.version(fromETag: $0, id: id) }
        if let expected, expected != current.version { throw DirectoryError.versionMismatch(id: id) }
        var user = try UserResource.stored(
            from: body, id: id, organizationID: organization.id, version: current.version + 1,
            created: current.created, now: Self.now()
        )
        user.role = current.role
        let rules = try await rules()
        try CustomFields.apply(to: &user, rules: rules.fields, current: current)
        try DomainService.check(user, verified: rules.verifiedDomains)
        let added = user.emailKeys.filter { !current.emailKeys.contains($0) }
        try await addresses.claim(added) { try await store.replaceUser(user, expectedVersion: current.version) }
        return user
    }

    /// PATCH (RFC 7644 §3.5.2): all operations or none. The operations are
    /// applied to the resource as clients see it, then stored like a PUT.
    public func patch(_ id: String, with body: JSON, ifMatch: String?) async throws -> StoredUser {
        let current = try await get(id)
        if let expected = try ifMatch.map({ try Self.version(fromETag: $0, id: id) }), expected != current.version {
            throw DirectoryError.versionMismatch(id: id)
        }
        let request = try SCIMPatchRequest(json: body)
        let patched = try SCIMPatchApplier().apply(request, to: UserResource.json(current, baseURL: baseURL))
        var user = try UserResource.stored(
            from: patched, id: id, organizationID: organization.id, version: current.version + 1,
            created: current.created, now: Self.now()
        )
        user.role = current.role
        let rules = try await rules()
        try CustomFields.apply(to: &user, rules: rules.fields, current: current)
        try DomainService.check(user, verified: rules.verifiedDomains)
        let added = user.emailKeys.filter { !current.emailKeys.contains($0) }
        try await addresses.claim(added) { try await store.replaceUser(user, expectedVersion: current.version) }
        return user
    }

    /// RFC 7644 §3.6; with `If-Match` (§3.14), only the version given.
    public func delete(_ id: String, ifMatch: String? = nil) async throws {
        if let ifMatch, try Self.version(fromETag: ifMatch, id: id) != (try await get(id)).version {
            throw DirectoryError.versionMismatch(id: id)
        }
        guard try await store.deleteUser(id: id, organizationID: organization.id) else {
            throw DirectoryError.notFound(resource: "User", id: id)
        }
    }

    /// A list request (RFC 7644 §3.4.2, RFC 9865 cursors), projected and
    /// serialized. With the default attributes each user is written from
    /// its document's stored text (`ListedUser`), not parsed and built
    /// again: most of what a lookup by userName cost in directoryd's code.
    func list(_ request: ListRequest, now: Date) async throws -> [UInt8] {
        if request.projection.keepsEverything {
            let page = try await listing(fetch: { [store] in try await store.listedUsers(organizationID: $0, query: $1) }, stored: { try $0.stored() })
                .list(request, now: now)
            return SCIMListResponse(page, resources: []).serialized { [baseURL] output in
                for (index, user) in page.resources.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    UserResource.write(user, baseURL: baseURL, to: &output)
                }
            }
        }
        let page = try await listing(fetch: { [store] in try await store.users(organizationID: $0, query: $1) }, stored: { $0 })
            .list(request, now: now)
        let resources = page.resources.map { request.projection.apply(UserResource.json($0, baseURL: baseURL)) }
        return SCIMListResponse(page, resources: resources).json.serialized()
    }

    /// The organization's users as `Resource`, read by `fetch`; `stored`
    /// gives the user whose resource filters and sort keys are evaluated on.
    private func listing<Resource>(
        fetch: @escaping @Sendable (String, ResourceQuery) async throws -> (total: Int, users: [Resource]),
        stored: @escaping @Sendable (Resource) throws -> StoredUser
    ) -> ResourceListing<Resource> {
        ResourceListing(
            nameAttribute: "userName", schema: UserResource.schema,
            fetch: { [organization] query in
                let (total, users) = try await fetch(organization.id, query)
                return (total, users)
            },
            json: { [baseURL] user in UserResource.json(try stored(user), baseURL: baseURL) },
            indexedValues: ["emails": { .emailKey(SCIMCaseFolding.key($0)) }]
        )
    }

    /// Timestamps are kept to the millisecond, as they are stored, so an
    /// answer shows the same `meta` as a later read.
    static func now() -> Date {
        Timestamps.now()
    }

    /// `W/"3"` or `"3"` → 3 (RFC 7232 entity tags; weak ones compare too).
    static func version(fromETag etag: String, id: String) throws -> Int {
        var text = etag.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let version = Int(text) else { throw DirectoryError.versionMismatch(id: id) }
        return version
    }
}
