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
        var operations: [SCIMBulkRequest.EncodedOperation] = []
        var positions: [Int] = []
        var body: SCIMResourceBody?
        for (index, write) in writes.enumerated() {
            if let operation = Self.operation(write, bulkId: "w\(index)", reusing: &body) {
                operations.append(operation)
                positions.append(index)
            } else {
                results[index] = .success(nil)  // nothing to change
            }
        }
        if !operations.isEmpty {
            let answered = try await send(operations[...], limit: capabilities.bulkMaximumPayloadBytes)
            for (position, result) in zip(positions, answered) { results[position] = result }
        }
        return results.map { $0 ?? .failure(TargetError(code: .serverError, detail: "the Bulk response has no result for this operation")) }
    }

    /// Each operation is written once; a request's size is the sum of its
    /// operations' (`SCIMBulkRequest.bodySize`), so halves are measured
    /// without writing them.
    private func send(_ operations: ArraySlice<SCIMBulkRequest.EncodedOperation>, limit: Int) async throws -> [TargetWriteResult] {
        if operations.count > 1, SCIMBulkRequest.bodySize(operations) > limit {
            return try await halves(operations, limit: limit)
        }
        do {
            let (response, requestID) = try await client.bulk(body: SCIMBulkRequest.body(operations))
            return Self.results(of: operations, in: response, requestID: requestID)
        } catch SCIMClientError.answered(413, _, _) where operations.count > 1 {
            return try await halves(operations, limit: limit)
        } catch let error as SCIMClientError {
            throw Self.targetError(error)
        }
    }

    private func halves(_ operations: ArraySlice<SCIMBulkRequest.EncodedOperation>, limit: Int) async throws -> [TargetWriteResult] {
        let middle = operations.startIndex + operations.count / 2
        return try await send(operations[..<middle], limit: limit) + send(operations[middle...], limit: limit)
    }

    /// The Bulk operation of a write, written straight to bytes; nil when
    /// it changes nothing. `version` makes it conditional (§3.7, `If-Match`).
    static func operation(_ write: TargetWrite, bulkId: String, version: String? = nil) -> SCIMBulkRequest.EncodedOperation? {
        var body: SCIMResourceBody?
        return operation(write, bulkId: bulkId, version: version, reusing: &body)
    }

    /// `body`: the last create's body, refilled when the next create has
    /// the same fields (`SCIMResourceBody.refill`), else replaced.
    static func operation(
        _ write: TargetWrite, bulkId: String, version: String? = nil, reusing body: inout SCIMResourceBody?
    ) -> SCIMBulkRequest.EncodedOperation? {
        func patch(_ type: SCIMResourceType, _ id: String, _ operations: [JSON]) -> SCIMBulkRequest.EncodedOperation? {
            guard !operations.isEmpty else { return nil }
            return SCIMBulkRequest.EncodedOperation(method: .patch, path: "/\(type.rawValue)/\(id)", version: version) { writer in
                writePatch(into: &writer) { writer in
                    for operation in operations { writer.value(operation) }
                }
            }
        }
        switch write {
        case .create(let kind, let externalID, let fields, let members):
            let resource: SCIMResourceBody
            if let body, body.canRefill(kind, fields: fields) {
                body.refill(externalID: externalID, fields: fields)
                resource = body
            } else {
                resource = SCIMResourceBody(kind, externalID: externalID, fields: fields)
                body = resource
            }
            return SCIMBulkRequest.EncodedOperation(
                method: .post, path: "/\(kind.resourceType.rawValue)", bulkId: bulkId, version: version
            ) { writer in resource.write(into: &writer, members: members) }
        case .update(let kind, let id, let set, let remove):
            return patch(kind.resourceType, id, updateOperations(set: set, remove: remove))
        case .deactivate(let userID):
            return patch(.users, userID, deactivation)
        case .delete(let kind, let id):
            return SCIMBulkRequest.EncodedOperation(method: .delete, path: "/\(kind.resourceType.rawValue)/\(id)", version: version)
        case .changeMembers(let groupID, let add, let remove):
            guard !add.isEmpty || !remove.isEmpty else { return nil }
            return SCIMBulkRequest.EncodedOperation(method: .patch, path: "/\(SCIMResourceType.groups.rawValue)/\(groupID)", version: version) { writer in
                writePatch(into: &writer) { writer in writeMemberOperations(add: add, remove: remove, into: &writer) }
            }
        case .ifMatch(let version, let write):
            return operation(write, bulkId: bulkId, version: version, reusing: &body)
        }
    }

    /// A PatchOp message (RFC 7644 §3.5.2) around the operations `body` writes.
    static func writePatch(into writer: inout JSONWriter, _ body: (inout JSONWriter) -> Void) {
        writer.beginObject()
        writer.key("schemas")
        writer.beginArray()
        writer.string(SCIMSchemaURN.patchOp)
        writer.endArray()
        writer.key("Operations")
        writer.beginArray()
        body(&writer)
        writer.endArray()
        writer.endObject()
    }

    /// `memberOperations(add:remove:)` written straight to bytes: the same
    /// members in the same order.
    static func writeMemberOperations(add: [String], remove: [String], into writer: inout JSONWriter) {
        if !add.isEmpty {
            writer.beginObject()
            writer.member("op", "add")
            writer.member("path", "members")
            writer.key("value")
            writer.memberValues(add)
            writer.endObject()
        }
        for id in remove {
            writer.beginObject()
            writer.member("op", "remove")
            writer.member("path", "members[value eq \(quoted(id))]")
            writer.endObject()
        }
    }

    /// Pairs each operation with its result (§3.7.3): a POST by its
    /// `bulkId`, the others by position, checked by method and path.
    static func results(
        of operations: ArraySlice<SCIMBulkRequest.EncodedOperation>, in response: SCIMBulkResponse, requestID: String
    ) -> [TargetWriteResult] {
        var byBulkId: [String: SCIMBulkResponse.Operation] = [:]
        byBulkId.reserveCapacity(response.operations.count)
        for answered in response.operations { if let bulkId = answered.bulkId { byBulkId[bulkId] = answered } }
        return operations.indices.map { position in
            let operation = operations[position]
            let index = position - operations.startIndex
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

    /// A location's last non-empty segment (the new resource's id), as
    /// `split(separator: "/").last` gives it, without splitting the rest.
    static func lastSegment(_ location: String) -> String? {
        let bytes = location.utf8
        guard let end = bytes.lastIndex(where: { $0 != UInt8(ascii: "/") }) else { return nil }
        let head = bytes[...end]
        let start = head.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        return String(location[start...end])
    }

    static func result(_ answered: SCIMBulkResponse.Operation, requestID: String) -> TargetWriteResult {
        guard answered.status >= 400 else {
            let id = answered.location.flatMap(Self.lastSegment)
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

extension JSONWriter {
    /// Group members as written: `[{"value": id}, …]` (RFC 7643 §4.2).
    mutating func memberValues(_ ids: [String]) {
        beginArray()
        for id in ids {
            beginObject()
            member("value", id)
            endObject()
        }
        endArray()
    }
}
