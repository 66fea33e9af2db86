import Foundation
public import SCIM
public import SCIMClient
public import SyncEngine

/// The `Target` port over `SCIMClient`: any SCIM 2.0 service provider,
/// `directoryd` by default. Limits come from `/ServiceProviderConfig`
/// (RFC 7643 §5) unless the configuration overrides them (`TargetLimits`,
/// for providers that advertise none).
public struct SCIMTarget: Target {
    public let client: SCIMClient
    public let limits: TargetLimits
    /// Whether user resources carry the directory's `roles`; `nil` asks the
    /// target (directoryd announces its vendor schema in `/Schemas`).
    public let exposesRoles: Bool?

    public init(client: SCIMClient, limits: TargetLimits = TargetLimits(), exposesRoles: Bool? = nil) {
        self.client = client
        self.limits = limits
        self.exposesRoles = exposesRoles
    }

    public func capabilities() async throws -> TargetCapabilities {
        try await translatingErrors {
            // A target without it: no Bulk, the standard page size.
            let config = try await serviceProviderConfig() ?? .object([:])
            let advertisedBulk = config["bulk"]?["supported"]?.boolValue ?? false
            let advertisedOperations = config["bulk"]?["maxOperations"]?.intValue ?? 0
            let advertisedPayload = config["bulk"]?["maxPayloadSize"]?.intValue ?? 1 << 20
            let advertisedPage = config["filter"]?["maxResults"]?.intValue
            var roles = exposesRoles
            if roles == nil {
                let schemas = try await client.schemas()
                roles = schemas.contains { $0["id"]?.stringValue?.hasPrefix(SCIMTarget.directorySyncSchemaPrefix) == true }
            }
            // directoryd (its organization extension, RFC 7643 §3) writes a
            // group's members with its create, all or nothing.
            let isDirectory = config[SCIMSchemaURN.directorySyncOrganization] != nil
            return TargetCapabilities(
                bulk: limits.bulk ?? advertisedBulk,
                bulkMaximumOperations: limits.bulkMaxOperations ?? advertisedOperations,
                bulkMaximumPayloadBytes: limits.bulkMaxPayloadBytes ?? advertisedPayload,
                maximumMembersPerPatch: max(limits.membersPerPatch ?? 100, 1),
                pageSize: limits.pageSize ?? min(advertisedPage ?? 100, 100),
                nestedGroups: true,
                exposesRoles: roles ?? false,
                groupCreatesWithMembers: isDirectory)
        }
    }

    /// directoryd's vendor schemas; a target announcing them shows `roles`.
    static let directorySyncSchemaPrefix = "urn:ietf:params:scim:schemas:extension:directorysync:"

    /// RFC 7644 §3.3; a group's `members` (RFC 7643 §4.2) as `{"value": id}`.
    public func create(_ kind: ObjectKind, externalID: String, fields: [String: JSON], members: [String]) async throws -> TargetObject {
        var body = SCIMFieldLayout.resource(kind, externalID: externalID, fields: fields)
        if !members.isEmpty, var object = body.objectValue {
            object["members"] = .array(members.map { ["value": .string($0)] })
            body = .object(object)
        }
        return try await translatingErrors {
            let created = try await client.create(kind.resourceType, body)
            return TargetObject(id: created.id, version: created.version, isPrivileged: Self.isPrivileged(created.json))
        }
    }

    /// A minimal PATCH (RFC 7644 §3.5.2): `replace` each changed field by
    /// path, `remove` each field no longer mapped.
    public func update(_ kind: ObjectKind, id: String, set: [String: JSON], remove: [String], version: String?) async throws {
        let operations = Self.updateOperations(set: set, remove: remove)
        guard !operations.isEmpty else { return }
        try await translatingErrors {
            _ = try await client.patch(kind.resourceType, id: id, operations: operations, ifMatch: version, query: kind == .group ? Self.small : "")
        }
    }

    /// RFC 7643 §4.1.1 `active`: a deactivated user keeps its data.
    public func deactivate(userID: String, version: String?) async throws {
        try await translatingErrors {
            _ = try await client.patch(.users, id: userID, operations: Self.deactivation, ifMatch: version)
        }
    }

    public func delete(_ kind: ObjectKind, id: String, version: String?) async throws {
        try await translatingErrors { try await client.delete(kind.resourceType, id: id, ifMatch: version) }
    }

    /// Only the changed members: `add` with their values (RFC 7644
    /// §3.5.2.1) and a `remove` per member by value filter (§3.5.2.2), so a
    /// group of 50,000 is never sent or returned whole.
    public func changeMembers(groupID: String, add: [String], remove: [String], version: String?) async throws {
        let operations = Self.memberOperations(add: add, remove: remove)
        guard !operations.isEmpty else { return }
        try await translatingErrors {
            _ = try await client.patch(.groups, id: groupID, operations: operations, ifMatch: version, query: Self.small)
        }
    }

    /// Looks up by one `eq` filter (RFC 7644 §3.4.2.2), the one operator
    /// every provider supports; users are read with `roles` so a privileged
    /// account is never linked.
    public func find(_ kind: ObjectKind, by key: TargetKey) async throws -> TargetObject? {
        let filter: String
        switch key {
        case .id(let id):
            return try await translatingErrors {
                let attributes = kind == .user ? "id,roles,meta" : "id,meta"
                guard let found = try await client.get(kind.resourceType, id: id, query: "?attributes=\(attributes)") else { return nil }
                return TargetObject(
                    id: id, version: found.json["meta"]?["version"]?.stringValue, isPrivileged: kind == .user ? Self.isPrivileged(found.json) : false)
            }
        case .externalID(let value): filter = "externalId eq \(Self.quoted(value))"
        case .userName(let value): filter = "userName eq \(Self.quoted(value))"
        case .email(let value): filter = "emails.value eq \(Self.quoted(value))"
        case .displayName(let value): filter = "displayName eq \(Self.quoted(value))"
        }
        let attributes = kind == .user ? ["id", "roles", "meta"] : ["id", "meta"]
        return try await translatingErrors {
            guard let found = try await client.list(kind.resourceType, filter: filter, attributes: attributes, pageSize: 2).first,
                  let id = found["id"]?.stringValue
            else { return nil }
            return TargetObject(id: id, version: found["meta"]?["version"]?.stringValue, isPrivileged: kind == .user ? Self.isPrivileged(found) : false)
        }
    }

    /// The PATCH operations of `update`: `replace` by path, `remove`.
    static func updateOperations(set: [String: JSON], remove: [String]) -> [JSON] {
        var operations: [JSON] = set.keys.sorted().compactMap { field in
            guard let value = set[field] else { return nil }
            let (path, shaped) = SCIMFieldLayout.patch(field, value)
            return ["op": "replace", "path": .string(path), "value": shaped]
        }
        operations += remove.sorted().map { ["op": "remove", "path": .string(SCIMFieldLayout.path($0))] }
        return operations
    }

    static let deactivation: [JSON] = [["op": "replace", "path": "active", "value": false]]

    /// The PATCH operations of `changeMembers`.
    static func memberOperations(add: [String], remove: [String]) -> [JSON] {
        var operations: [JSON] = []
        if !add.isEmpty {
            operations.append(["op": "add", "path": "members", "value": .array(add.map { ["value": .string($0)] })])
        }
        for id in remove {
            operations.append(["op": "remove", "path": .string("members[value eq \(Self.quoted(id))]")])
        }
        return operations
    }

    /// Group answers without their members (RFC 7644 §3.9).
    static let small = "?excludedAttributes=members"

    /// A string in a filter (RFC 7644 §3.4.2.2: a JSON string).
    static func quoted(_ value: String) -> String {
        JSON.string(value).serializedString()
    }

    /// A directory role other than plain `user` makes the account privileged;
    /// no `roles` at all means the target does not say.
    static func isPrivileged(_ resource: JSON) -> Bool? {
        guard let roles = resource["roles"]?.arrayValue else { return nil }
        return roles.contains { role in
            guard let value = role["value"]?.stringValue?.lowercased() else { return false }
            return value != "user" && value != "member"
        }
    }
}

extension ObjectKind {
    var resourceType: SCIMResourceType { self == .user ? .users : .groups }
}
