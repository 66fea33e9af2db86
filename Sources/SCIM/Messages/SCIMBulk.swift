/// The HTTP method of a bulk operation (RFC 7644 §3.7), read
/// case-insensitively.
public enum SCIMBulkMethod: String, Sendable, Hashable, CaseIterable {
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"

    init?(lenient text: String) {
        self.init(rawValue: text.uppercased())
    }
}

/// A bulk request (RFC 7644 §3.7).
public struct SCIMBulkRequest: SCIMMessage, Hashable {
    public struct Operation: Sendable, Hashable {
        public var method: SCIMBulkMethod
        /// Required for POST; lets other operations refer to the new
        /// resource as `bulkId:<id>` (§3.7.2).
        public var bulkId: String?
        /// An ETag for `If-Match` semantics (§3.7).
        public var version: String?
        /// e.g. `/Users` or `/Groups/<id>`.
        public var path: String
        public var data: JSON?

        public init(method: SCIMBulkMethod, path: String, bulkId: String? = nil, version: String? = nil, data: JSON? = nil) {
            self.method = method
            self.path = path
            self.bulkId = bulkId
            self.version = version
            self.data = data
        }
    }

    /// Stop after this many errors (§3.7.3); `nil` means process them all.
    public var failOnErrors: Int?
    public var operations: [Operation]

    public init(operations: [Operation], failOnErrors: Int? = nil) {
        self.operations = operations
        self.failOnErrors = failOnErrors
    }

    public var json: JSON {
        var object = JSONObject()
        object.set("schemas", [.string(SCIMSchemaURN.bulkRequest)])
        object.set("failOnErrors", failOnErrors.map { .number(Double($0)) })
        object.set("Operations", .array(operations.map { operation in
            var member = JSONObject()
            member.set("method", .string(operation.method.rawValue))
            member.set("bulkId", operation.bulkId.map(JSON.string))
            member.set("version", operation.version.map(JSON.string))
            member.set("path", .string(operation.path))
            member.set("data", operation.data)
            return .object(member)
        }))
        return .object(object)
    }

    /// Checks the shape of each operation; a POST without `bulkId`, or with
    /// a `bulkId` used twice, is refused here because it cannot be
    /// referenced correctly (§3.7.2).
    public init(json: JSON) throws(SCIMDecodingError) {
        let reader = try SCIMMessageReader(json, message: "BulkRequest")
        try reader.expectSchema(SCIMSchemaURN.bulkRequest)
        failOnErrors = try reader.int("failOnErrors")
        guard let elements = try reader.array("Operations") else { throw reader.fail("Operations", "missing") }
        var operations: [Operation] = []
        var bulkIds: Set<String> = []
        for (position, element) in elements.enumerated() {
            let item = try SCIMMessageReader(element, message: "BulkRequest", prefix: "Operations[\(position)]")
            let methodText = try item.requiredString("method")
            guard let method = SCIMBulkMethod(lenient: methodText) else {
                throw item.fail("method", "unknown method \"\(methodText)\"")
            }
            let bulkId = try item.string("bulkId")
            if method == .post && bulkId == nil { throw item.fail("bulkId", "missing for POST") }
            if let bulkId, !bulkIds.insert(bulkId).inserted { throw item.fail("bulkId", "\"\(bulkId)\" is used twice") }
            let data = item.value("data")
            if (method == .post || method == .put || method == .patch) && data == nil {
                throw item.fail("data", "missing for \(method.rawValue)")
            }
            operations.append(Operation(
                method: method, path: try item.requiredString("path"), bulkId: bulkId,
                version: try item.string("version"), data: data
            ))
        }
        self.operations = operations
    }
}

/// A bulk response (RFC 7644 §3.7).
public struct SCIMBulkResponse: SCIMMessage, Hashable {
    public struct Operation: Sendable, Hashable {
        public var method: SCIMBulkMethod
        public var bulkId: String?
        public var version: String?
        /// The resource's URI, for operations that succeeded.
        public var location: String?
        /// The HTTP status of this operation.
        public var status: Int
        /// For errors, the SCIM error message (§3.7.3); otherwise optional.
        public var response: JSON?

        public init(method: SCIMBulkMethod, status: Int, bulkId: String? = nil, version: String? = nil, location: String? = nil, response: JSON? = nil) {
            self.method = method
            self.status = status
            self.bulkId = bulkId
            self.version = version
            self.location = location
            self.response = response
        }

        /// The error, when `response` is a SCIM error message.
        public var error: SCIMError? {
            guard status >= 400, let response else { return nil }
            return try? SCIMError(json: response)
        }
    }

    public var operations: [Operation]

    public init(operations: [Operation]) {
        self.operations = operations
    }

    public var json: JSON {
        var object = JSONObject()
        object.set("schemas", [.string(SCIMSchemaURN.bulkResponse)])
        object.set("Operations", .array(operations.map { operation in
            var member = JSONObject()
            member.set("location", operation.location.map(JSON.string))
            member.set("method", .string(operation.method.rawValue))
            member.set("bulkId", operation.bulkId.map(JSON.string))
            member.set("version", operation.version.map(JSON.string))
            // A string, as in RFC 7644 §3.7's examples.
            member.set("status", .string(String(operation.status)))
            member.set("response", operation.response)
            return .object(member)
        }))
        return .object(object)
    }

    public init(json: JSON) throws(SCIMDecodingError) {
        let reader = try SCIMMessageReader(json, message: "BulkResponse")
        try reader.expectSchema(SCIMSchemaURN.bulkResponse)
        var operations: [Operation] = []
        for (position, element) in (try reader.array("Operations") ?? []).enumerated() {
            let item = try SCIMMessageReader(element, message: "BulkResponse", prefix: "Operations[\(position)]")
            let methodText = try item.requiredString("method")
            guard let method = SCIMBulkMethod(lenient: methodText) else {
                throw item.fail("method", "unknown method \"\(methodText)\"")
            }
            // RFC 7644 §3.7.3's examples nest the code in an object:
            // "status": {"code": "201"}; §3.7's use a plain string.
            var status = try? item.int("status")
            if status == nil, let nested = item.value("status"), case .object = nested {
                status = try SCIMMessageReader(nested, message: "BulkResponse", prefix: "Operations[\(position)].status").int("code")
            }
            guard let status else { throw item.fail("status", "missing or not an integer") }
            operations.append(Operation(
                method: method, status: status, bulkId: try item.string("bulkId"),
                version: try item.string("version"), location: try item.string("location"),
                response: item.value("response")
            ))
        }
        self.operations = operations
    }
}
