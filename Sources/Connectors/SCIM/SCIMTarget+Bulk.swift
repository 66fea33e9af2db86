import SCIM
import SCIMClient
public import SyncEngine

extension SCIMTarget {
    /// RFC 7644 §3.7: the writes as one Bulk request, without
    /// `failOnErrors` so that every operation is tried. A request larger
    /// than the target's `maxPayloadSize`, or refused with 413
    /// (§3.7.4), is split in halves.
    public func bulk(_ writes: [TargetWrite], within capabilities: TargetCapabilities) async throws -> [TargetWriteResult] {
        var results = [TargetWriteResult?](repeating: nil, count: writes.count)
        var operations: [SCIMBulkRequest.Operation] = []
        var positions: [Int] = []
        for (index, write) in writes.enumerated() {
            if let operation = Self.operation(write, bulkId: "w\(index)") {
                operations.append(operation)
                positions.append(index)
            } else {
                results[index] = .success(nil)  // nothing to change
            }
        }
        if !operations.isEmpty {
            let answered = try await send(operations, limit: capabilities.bulkMaximumPayloadBytes)
            for (position, result) in zip(positions, answered) { results[position] = result }
        }
        return results.map { $0 ?? .failure(TargetError(code: .serverError, detail: "the Bulk response has no result for this operation")) }
    }

    private func send(_ operations: [SCIMBulkRequest.Operation], limit: Int) async throws -> [TargetWriteResult] {
        let request = SCIMBulkRequest(operations: operations)
        if operations.count > 1, request.json.serialized().count > limit {
            return try await halves(operations, limit: limit)
        }
        do {
            let (response, requestID) = try await client.bulk(request)
            return Self.results(of: operations, in: response, requestID: requestID)
        } catch SCIMClientError.answered(413, _, _) where operations.count > 1 {
            return try await halves(operations, limit: limit)
        } catch let error as SCIMClientError {
            throw Self.targetError(error)
        }
    }

    private func halves(_ operations: [SCIMBulkRequest.Operation], limit: Int) async throws -> [TargetWriteResult] {
        let middle = operations.count / 2
        return try await send(Array(operations[..<middle]), limit: limit) + send(Array(operations[middle...]), limit: limit)
    }

    /// The Bulk operation of a write; nil when it changes nothing.
    static func operation(_ write: TargetWrite, bulkId: String) -> SCIMBulkRequest.Operation? {
        func patch(_ type: SCIMResourceType, _ id: String, _ operations: [JSON]) -> SCIMBulkRequest.Operation? {
            guard !operations.isEmpty else { return nil }
            let body: JSON = ["schemas": [.string(SCIMSchemaURN.patchOp)], "Operations": .array(operations)]
            return SCIMBulkRequest.Operation(method: .patch, path: "/\(type.rawValue)/\(id)", data: body)
        }
        switch write {
        case .create(let kind, let externalID, let fields):
            return SCIMBulkRequest.Operation(
                method: .post, path: "/\(kind.resourceType.rawValue)", bulkId: bulkId,
                data: SCIMFieldLayout.resource(kind, externalID: externalID, fields: fields))
        case .update(let kind, let id, let set, let remove):
            return patch(kind.resourceType, id, updateOperations(set: set, remove: remove))
        case .deactivate(let userID):
            return patch(.users, userID, deactivation)
        case .delete(let kind, let id):
            return SCIMBulkRequest.Operation(method: .delete, path: "/\(kind.resourceType.rawValue)/\(id)")
        case .changeMembers(let groupID, let add, let remove):
            return patch(.groups, groupID, memberOperations(add: add, remove: remove))
        case .ifMatch(let version, let write):
            var conditional = operation(write, bulkId: bulkId)
            conditional?.version = version
            return conditional
        }
    }

    /// Pairs each operation with its result (§3.7.3): a POST by its
    /// `bulkId`, the others by position, checked by method and path.
    static func results(
        of operations: [SCIMBulkRequest.Operation], in response: SCIMBulkResponse, requestID: String
    ) -> [TargetWriteResult] {
        var byBulkId: [String: SCIMBulkResponse.Operation] = [:]
        for answered in response.operations { if let bulkId = answered.bulkId { byBulkId[bulkId] = answered } }
        return operations.enumerated().map { index, operation in
            let answered: SCIMBulkResponse.Operation?
            if let bulkId = operation.bulkId {
                answered = byBulkId[bulkId]
            } else if index < response.operations.count, response.operations[index].method == operation.method {
                answered = response.operations[index]
            } else {
                answered = nil
            }
            guard let answered else {
                return .failure(TargetError(
                    code: .serverError, requestID: requestID, detail: "the Bulk response has no result for \(operation.method.rawValue) \(operation.path)"))
            }
            return result(answered, requestID: requestID)
        }
    }

    static func result(_ answered: SCIMBulkResponse.Operation, requestID: String) -> TargetWriteResult {
        guard answered.status >= 400 else {
            let id = answered.location?.split(separator: "/").last.map(String.init)
            return .success(id.map { TargetObject(id: $0, version: answered.version) })
        }
        if let scim = answered.error {
            return .failure(TargetError(
                code: ConditionCatalogue.code(for: scim), status: answered.status, requestID: requestID,
                detail: scim.detail ?? scim.description, attribute: scim.attribute, existingID: scim.resourceId))
        }
        return .failure(TargetError(
            code: ConditionCatalogue.code(forStatus: answered.status), status: answered.status, requestID: requestID,
            detail: "HTTP \(answered.status) (in a Bulk request)"))
    }
}
