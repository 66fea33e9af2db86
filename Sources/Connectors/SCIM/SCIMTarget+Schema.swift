import SCIM
import SCIMClient
public import SyncEngine

/// The target's rules and its existing objects, read over SCIM.
extension SCIMTarget {
    /// `/Schemas` and `/ResourceTypes` (RFC 7643 §6–7) for the fields and
    /// their rules, `/ServiceProviderConfig` (§5) for directoryd's verified
    /// domains; read by `TargetSchemaReader`. A target that does not serve
    /// `/Schemas` (an answer 400, 404, 405, 501) gives the standard rules and
    /// no field check; `/ResourceTypes` is optional the same way.
    public func schema() async throws -> TargetSchema {
        try await translatingErrors {
            let config = try await serviceProviderConfig()
            guard let schemas = try await Self.unlessUnsupported({ try await client.schemas() }) else {
                return TargetSchemaReader.schema(schemas: [], resourceTypes: [], serviceProviderConfig: config)
            }
            let types = try await Self.unlessUnsupported { try await client.resourceTypes() } ?? []
            return TargetSchemaReader.schema(schemas: schemas, resourceTypes: types, serviceProviderConfig: config)
        }
    }

    /// Every user and group of the target, for matching (`match.by`
    /// `userName` or `email`): users with `id`, `externalId`, `userName`,
    /// `emails` and `roles` (which tell a privileged account), groups with
    /// `id`, `externalId` and `displayName` (RFC 7644 §3.4.2.5), a page of
    /// the target's size at a time, by RFC 9865 cursors when
    /// `/ServiceProviderConfig` advertises them, else by `startIndex`.
    public func directory() async throws -> TargetDirectory {
        try await translatingErrors {
            let config = try await client.serviceProviderConfig()
            let paging = SCIMPaging(serviceProviderConfig: config)
            let pageSize = limits.pageSize ?? min(config["filter"]?["maxResults"]?.intValue ?? 100, 100)
            let users = try await client.list(
                .users, attributes: ["id", "externalId", "userName", "emails", "roles"], pageSize: pageSize, paging: paging)
            let groups = try await client.list(.groups, attributes: ["id", "externalId", "displayName"], pageSize: pageSize, paging: paging)
            return TargetDirectory(entries: users.compactMap(Self.userEntry) + groups.compactMap(Self.groupEntry))
        }
    }

    static func userEntry(_ json: JSON) -> TargetDirectory.Entry? {
        guard let id = json["id"]?.stringValue else { return nil }
        return TargetDirectory.Entry(
            kind: .user, id: id, externalId: json["externalId"]?.stringValue, userName: json["userName"]?.stringValue,
            emails: json["emails"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? [],
            isPrivileged: isPrivileged(json))
    }

    static func groupEntry(_ json: JSON) -> TargetDirectory.Entry? {
        guard let id = json["id"]?.stringValue else { return nil }
        // Groups hold no directory role.
        return TargetDirectory.Entry(
            kind: .group, id: id, externalId: json["externalId"]?.stringValue,
            displayName: json["displayName"]?.stringValue, isPrivileged: false)
    }

    /// `/ServiceProviderConfig` (RFC 7643 §5), or nil when the target does
    /// not offer it; when `/Users` is not found either, the base URL serves
    /// no SCIM (`target-not-scim`), which is said at once rather than as a
    /// 404 of every object later.
    func serviceProviderConfig() async throws -> JSON? {
        if let config = try await Self.unlessUnsupported({ try await client.serviceProviderConfig() }) { return config }
        do {
            try await client.probeUsers()
        } catch let error as SCIMClientError {
            guard case .answered(404, _, let requestID) = error else { throw error }
            throw TargetError(
                code: .targetNotSCIM, status: 404, requestID: requestID,
                detail: "\(client.configuration.baseURL)/ServiceProviderConfig and /Users were not found there")
        }
        return nil
    }

    /// The body's answer, or nil when the target does not offer the
    /// endpoint (400, 404, 405, 501); other errors are thrown.
    static func unlessUnsupported<Value>(_ body: () async throws -> Value) async throws -> Value? {
        do {
            return try await body()
        } catch let error as SCIMClientError {
            guard case .answered(let status, _, _) = error, [400, 404, 405, 501].contains(status) else { throw error }
            return nil
        }
    }
}
