import Foundation
public import SCIM

/// /Bulk (RFC 7644 §3.7): the operations of one request, each with its own
/// result. Operations run in order, except that one referring to a resource
/// created later in the same request (`bulkId:…`) waits until it exists;
/// references that can never be resolved (unknown or circular) fail.
public struct BulkService: Sendable {
    public let users: UserService
    public let groups: GroupService
    /// Which writes the caller's token allows.
    public let scopes: Set<Scope>
    /// False when the request cannot hold a `bulkId:` reference
    /// (`SCIMBulkRequest.mayReferToBulkIds`): no operation's data is then
    /// searched for one.
    public var bulkIdsPossible = true

    public init(users: UserService, groups: GroupService, scopes: Set<Scope>) {
        self.users = users
        self.groups = groups
        self.scopes = scopes
    }

    /// Advertised in /ServiceProviderConfig; more is answered 413.
    public static let maximumOperations = 1000
    public static let maximumPayloadSize = 1 << 20

    public func run(_ request: SCIMBulkRequest) async -> SCIMBulkResponse {
        var created: [String: String] = [:]
        var results: [Int: SCIMBulkResponse.Operation] = [:]
        var errors = 0
        var pending = Array(request.operations.enumerated())
        outer: while !pending.isEmpty {
            var waiting: [(offset: Int, element: SCIMBulkRequest.Operation)] = []
            var progressed = false
            // Consecutive operations of one kind (user creates, group
            // creates, member PATCHes) are written together, one transaction
            // with a savepoint each, unless an error limit needs them one by one.
            var batch = Batch()
            func flush() async {
                for (index, operation, result) in await write(batch, created: created) {
                    record(result, of: operation, at: index)
                }
                batch = Batch()
            }
            func record(_ result: SCIMBulkResponse.Operation, of operation: SCIMBulkRequest.Operation, at index: Int) {
                if result.status >= 400 { errors += 1 }
                if operation.method == .post, let bulkId = operation.bulkId, result.status == 201, let id = result.location?.split(separator: "/").last {
                    created[bulkId] = String(id)
                }
                results[index] = result
            }
            for (index, operation) in pending {
                if let limit = request.failOnErrors, errors >= limit { break outer }
                let references = bulkIdsPossible ? operation.bulkIdReferences : []
                // What the batch creates may be what this operation refers to.
                if !batch.isEmpty, !references.allSatisfy({ created[$0] != nil }) { await flush() }
                guard references.allSatisfy({ created[$0] != nil }) else {
                    waiting.append((index, operation))
                    continue
                }
                progressed = true
                if request.failOnErrors == nil, let kind = batchKind(operation, created: created) {
                    if !batch.accepts(kind) { await flush() }
                    batch.entries.append((index, operation, kind))
                    continue
                }
                await flush()
                record(await execute(operation, created: created), of: operation, at: index)
            }
            await flush()
            if !progressed {
                for (index, operation) in waiting {
                    if let limit = request.failOnErrors, errors >= limit { break outer }
                    errors += 1
                    let error = SCIMError(status: 409, scimType: .invalidValue, detail: "the operation refers to a bulkId that no operation of this request creates, or the references form a cycle")
                    results[index] = SCIMBulkResponse.Operation(method: operation.method, status: 409, bulkId: operation.bulkId, response: error.json)
                }
                break
            }
            pending = waiting
        }
        return SCIMBulkResponse(operations: results.keys.sorted().compactMap { results[$0] })
    }

    static func failure(_ error: any Error, _ operation: SCIMBulkRequest.Operation) -> SCIMBulkResponse.Operation {
        let scimError: SCIMError = switch error {
        case let error as DirectoryError: error.scimError
        case let error as any SCIMErrorConvertible: error.scimError
        default: SCIMError(status: 500, detail: "internal error; the server log has the detail")
        }
        return SCIMBulkResponse.Operation(method: operation.method, status: scimError.status, bulkId: operation.bulkId, response: scimError.json)
    }

    private func execute(_ operation: SCIMBulkRequest.Operation, created: [String: String]) async -> SCIMBulkResponse.Operation {
        func failure(_ error: SCIMError) -> SCIMBulkResponse.Operation {
            SCIMBulkResponse.Operation(method: operation.method, status: error.status, bulkId: operation.bulkId, response: error.json)
        }
        do {
            let path = try resolvedPath(operation, created)
            let data = try resolvedData(operation, created)
            let parts = path.split(separator: "/").map(String.init)
            guard let kind = parts.first, parts.count <= 2, kind == "Users" || kind == "Groups" else {
                return failure(SCIMError(status: 400, scimType: .invalidPath, detail: "a bulk path is /Users, /Groups, /Users/{id} or /Groups/{id}, not \(operation.path)"))
            }
            let isUser = kind == "Users"
            let needed: Scope = isUser ? .usersWrite : .groupsWrite
            guard scopes.contains(needed) else { return failure(SCIMError(status: 403, detail: "the token lacks the scope \(needed.rawValue)")) }
            let base = isUser ? users.baseURL : groups.baseURL
            switch (operation.method, parts.count) {
            case (.post, 1):
                let body = data ?? .null
                let (id, version) = isUser ? try await users.create(body).idAndVersion : try await groups.create(body).idAndVersion
                return SCIMBulkResponse.Operation(method: .post, status: 201, bulkId: operation.bulkId, version: version, location: "\(base)/\(kind)/\(id)")
            case (.put, 2), (.patch, 2):
                let id = parts[1]
                let body = data ?? .null
                let version: String
                if operation.method == .put {
                    version = isUser ? try await users.replace(id, with: body, ifMatch: operation.version).etag
                        : try await groups.replace(id, with: body, ifMatch: operation.version).etag
                } else {
                    version = isUser ? try await users.patch(id, with: body, ifMatch: operation.version).etag
                        : try await groups.patch(id, with: body, ifMatch: operation.version).etag
                }
                return SCIMBulkResponse.Operation(method: operation.method, status: 200, bulkId: operation.bulkId, version: version, location: "\(base)/\(kind)/\(id)")
            case (.delete, 2):
                if isUser { try await users.delete(parts[1], ifMatch: operation.version) } else { try await groups.delete(parts[1], ifMatch: operation.version) }
                return SCIMBulkResponse.Operation(method: .delete, status: 204, bulkId: operation.bulkId, location: "\(base)/\(kind)/\(parts[1])")
            default:
                return failure(SCIMError(status: 400, scimType: .invalidPath, detail: "\(operation.method.rawValue) is not allowed on \(operation.path)"))
            }
        } catch {
            return Self.failure(error, operation)
        }
    }
}

extension StoredUser {
    var idAndVersion: (String, String) { (id, etag) }
}

extension StoredGroup {
    var idAndVersion: (String, String) { (id, etag) }
}
