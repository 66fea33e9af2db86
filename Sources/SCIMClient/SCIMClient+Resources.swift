import Foundation
import NIOHTTP1
public import SCIM

extension SCIMClient {
    /// RFC 7643 §5.
    public func serviceProviderConfig() async throws -> JSON {
        try await json(send(.GET, "/ServiceProviderConfig"))
    }

    /// One user at most (RFC 7644 §3.4.2.4 `count`), to tell whether the
    /// base URL serves SCIM at all.
    public func probeUsers() async throws {
        _ = try await send(.GET, "/Users?count=1&attributes=id")
    }

    /// RFC 7643 §7: the schemas, core and extensions (custom fields).
    public func schemas() async throws -> [JSON] {
        try await json(send(.GET, "/Schemas"))["Resources"]?.arrayValue ?? []
    }

    /// RFC 7644 §3.3.
    public func create(_ type: SCIMResourceType, _ body: JSON) async throws -> SCIMResource {
        try resource(await send(.POST, "/\(type.rawValue)", body: body))
    }

    /// RFC 7644 §3.4.1; nil when the resource does not exist (404).
    public func get(_ type: SCIMResourceType, id: String, query: String = "") async throws -> SCIMResource? {
        let answer = try await send(.GET, "/\(type.rawValue)/\(escape(id))\(query)", accepting: [404])
        return answer.status == 404 ? nil : try resource(answer)
    }

    /// RFC 7644 §3.5.1, with `If-Match` when a version is given (§3.14).
    public func replace(_ type: SCIMResourceType, id: String, with body: JSON, ifMatch: String? = nil) async throws -> SCIMResource {
        try resource(await send(.PUT, "/\(type.rawValue)/\(escape(id))", body: body, headers: ifMatch.map { ["If-Match": $0] } ?? [:]))
    }

    /// RFC 7644 §3.5.2: the operations, all or none. `query` may ask for a
    /// small answer (`?excludedAttributes=members`).
    public func patch(
        _ type: SCIMResourceType, id: String, operations: [JSON], ifMatch: String? = nil, query: String = ""
    ) async throws -> SCIMResource {
        let body: JSON = ["schemas": [.string(SCIMSchemaURN.patchOp)], "Operations": .array(operations)]
        return try resource(await send(.PATCH, "/\(type.rawValue)/\(escape(id))\(query)", body: body, headers: ifMatch.map { ["If-Match": $0] } ?? [:]))
    }

    /// RFC 7644 §3.6, with `If-Match` when a version is given (§3.14).
    public func delete(_ type: SCIMResourceType, id: String, ifMatch: String? = nil) async throws {
        _ = try await send(.DELETE, "/\(type.rawValue)/\(escape(id))", headers: ifMatch.map { ["If-Match": $0] } ?? [:])
    }

    /// Every resource matching `filter`, page by page (RFC 7644 §3.4.2.4):
    /// `startIndex`/`count`, `pageSize` a page.
    public func list(_ type: SCIMResourceType, filter: String? = nil, attributes: [String] = [], pageSize: Int = 100) async throws -> [JSON] {
        var resources: [JSON] = []
        var startIndex = 1
        while true {
            var query = "?startIndex=\(startIndex)&count=\(pageSize)"
            if let filter { query += "&filter=" + escape(filter) }
            if !attributes.isEmpty { query += "&attributes=" + escape(attributes.joined(separator: ",")) }
            let page = try json(await send(.GET, "/\(type.rawValue)\(query)"))
            let items = page["Resources"]?.arrayValue ?? []
            resources += items
            let total = page["totalResults"]?.intValue ?? resources.count
            if items.isEmpty || resources.count >= total { return resources }
            startIndex += items.count
        }
    }

    /// RFC 7644 §3.7: one Bulk request; each operation has its own result.
    /// Also returns the request's `X-Request-ID`, for the report.
    public func bulk(_ request: SCIMBulkRequest) async throws -> (response: SCIMBulkResponse, requestID: String) {
        try await bulk(body: request.serialized())
    }

    /// A Bulk request whose body is already written
    /// (`SCIMBulkRequest.body(_:)`), so it is serialized once.
    public func bulk(body: [UInt8]) async throws -> (response: SCIMBulkResponse, requestID: String) {
        let answer = try await send(.POST, "/Bulk", serialized: body)
        do {
            return (try SCIMBulkResponse(json: try json(answer)), answer.requestID)
        } catch let error as SCIMClientError {
            throw error
        } catch {
            throw SCIMClientError.malformed(detail: "\(error)", requestID: answer.requestID)
        }
    }

    private func json(_ answer: Answer) throws -> JSON {
        guard let json = answer.json else { throw SCIMClientError.malformed(detail: "no JSON body", requestID: answer.requestID) }
        return json
    }

    private func resource(_ answer: Answer) throws -> SCIMResource {
        let json = try json(answer)
        guard let id = json["id"]?.stringValue else {
            throw SCIMClientError.malformed(detail: "the resource has no id", requestID: answer.requestID)
        }
        return SCIMResource(id: id, version: answer.headers["etag"] ?? json["meta"]?["version"]?.stringValue, json: json)
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+/?#\""))) ?? text
    }
}
