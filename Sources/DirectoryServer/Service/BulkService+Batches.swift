import Foundation
import SCIM

/// Consecutive operations of one kind in a Bulk request (RFC 7644 §3.7),
/// written in one transaction with a savepoint each: a sync agent sends
/// thousands of creates and member PATCHes, and a commit each would cost more
/// than the writes. Each operation keeps the outcome it would have had alone.
extension BulkService {
    struct Batch {
        enum Kind {
            case userCreate
            case groupCreate
            /// A PATCH of a group's members only: the group's attributes are
            /// neither read nor rewritten.
            case memberPatch(MemberPatch)
        }

        typealias Entry = (offset: Int, operation: SCIMBulkRequest.Operation, kind: Kind)
        var entries: [Entry] = []

        var isEmpty: Bool { entries.isEmpty }

        /// Whether an operation of `kind` joins this batch.
        func accepts(_ kind: Kind) -> Bool {
            switch (entries.first?.kind, kind) {
            case (nil, _), (.userCreate, .userCreate), (.groupCreate, .groupCreate), (.memberPatch, .memberPatch): true
            default: false
            }
        }
    }

    typealias Outcome = (offset: Int, operation: SCIMBulkRequest.Operation, result: SCIMBulkResponse.Operation)

    /// The operation's path, its `bulkId` reference resolved.
    func resolvedPath(_ operation: SCIMBulkRequest.Operation, _ created: [String: String]) throws(SCIMUnresolvedBulkId) -> String {
        bulkIdsPossible ? try operation.resolvingPath(created) : operation.path
    }

    /// The operation's data, its `bulkId` references resolved.
    func resolvedData(_ operation: SCIMBulkRequest.Operation, _ created: [String: String]) throws(SCIMUnresolvedBulkId) -> JSON? {
        bulkIdsPossible ? try operation.data?.resolvingBulkIds(created) : operation.data
    }

    /// How the operation can be batched, its `bulkId` references resolved;
    /// nil when it goes alone.
    func batchKind(_ operation: SCIMBulkRequest.Operation, created: [String: String]) -> Batch.Kind? {
        let path = operation.path.trimmingSlashes
        switch operation.method {
        case .post where path == "Users" && scopes.contains(.usersWrite) && users.canBatchCreates:
            return .userCreate
        case .post where path == "Groups" && scopes.contains(.groupsWrite):
            return .groupCreate
        case .patch where scopes.contains(.groupsWrite):
            guard let resolved = try? resolvedPath(operation, created) else { return nil }
            let parts = resolved.split(separator: "/")
            guard parts.count == 2, parts[0] == "Groups", let body = try? resolvedData(operation, created),
                  let patch = GroupService.memberPatch(String(parts[1]), body: body, ifMatch: operation.version)
            else { return nil }
            return .memberPatch(patch)
        default:
            return nil
        }
    }

    func write(_ batch: Batch, created: [String: String]) async -> [Outcome] {
        switch batch.entries.first?.kind {
        case nil:
            return []
        case .userCreate:
            let rules: OrganizationRules
            do {
                rules = try await users.rules()
            } catch {
                return batch.entries.map { ($0.offset, $0.operation, Self.failure(error, $0.operation)) }
            }
            return await writeTogether(batch.entries) { entry in
                try users.prepareCreate(try resolvedData(entry.operation, created) ?? .null, rules: rules)
            } write: { prepared in
                let errors = try await users.store.createUsers(prepared.map(\.item))
                return zip(prepared, errors).map { entry, error in
                    if let error { return .failure(error) }
                    return .success(SCIMBulkResponse.Operation(
                        method: .post, status: 201, bulkId: entry.operation.bulkId, version: entry.item.etag,
                        location: "\(users.baseURL)/Users/\(entry.item.id)"))
                }
            }
        case .groupCreate:
            let now = Timestamps.now()
            return await writeTogether(batch.entries) { entry in
                try groups.prepareCreate(try resolvedData(entry.operation, created) ?? .null, now: now)
            } write: { prepared in
                let errors = try await groups.store.createGroups(prepared.map { (group: $0.item.0, members: $0.item.members) })
                return zip(prepared, errors).map { entry, error in
                    if let error { return .failure(error) }
                    return .success(SCIMBulkResponse.Operation(
                        method: .post, status: 201, bulkId: entry.operation.bulkId, version: entry.item.0.etag,
                        location: "\(groups.baseURL)/Groups/\(entry.item.0.id)"))
                }
            }
        case .memberPatch:
            return await writeTogether(batch.entries) { entry -> MemberPatch in
                guard case .memberPatch(let patch) = entry.kind else { preconditionFailure("a batch holds one kind") }
                return patch
            } write: { prepared in
                let versions = try await groups.changeMembers(prepared.map(\.item))
                return zip(prepared, versions).map { entry, version in
                    version.map { version in
                        SCIMBulkResponse.Operation(
                            method: .patch, status: 200, bulkId: entry.operation.bulkId, version: StoredGroup.etag(version: version),
                            location: "\(groups.baseURL)/Groups/\(entry.item.groupID)")
                    }
                }
            }
        }
    }

    /// Prepares each entry (one that fails is answered alone), writes the
    /// prepared ones together, and answers each; a write that fails as a
    /// whole fails them all.
    private func writeTogether<Item>(
        _ entries: [Batch.Entry],
        prepare: (Batch.Entry) throws -> Item,
        write: ([(operation: SCIMBulkRequest.Operation, item: Item)]) async throws -> [Result<SCIMBulkResponse.Operation, any Error>]
    ) async -> [Outcome] {
        var outcomes: [Outcome] = []
        var prepared: [(entry: Batch.Entry, item: Item)] = []
        for entry in entries {
            do {
                prepared.append((entry, try prepare(entry)))
            } catch {
                outcomes.append((entry.offset, entry.operation, Self.failure(error, entry.operation)))
            }
        }
        guard !prepared.isEmpty else { return outcomes }
        do {
            let results = try await write(prepared.map { ($0.entry.operation, $0.item) })
            for ((entry, _), result) in zip(prepared, results) {
                switch result {
                case .success(let answer): outcomes.append((entry.offset, entry.operation, answer))
                case .failure(let error): outcomes.append((entry.offset, entry.operation, Self.failure(error, entry.operation)))
                }
            }
        } catch {
            for (entry, _) in prepared { outcomes.append((entry.offset, entry.operation, Self.failure(error, entry.operation))) }
        }
        return outcomes
    }
}
