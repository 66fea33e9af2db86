extension SCIMBulkRequest {
    /// One operation of a Bulk request (RFC 7644 §3.7) already serialized,
    /// with what pairs it with its result (§3.7.3: a POST by its `bulkId`,
    /// the others by position and method). A client writes each operation
    /// once, measures requests by adding up sizes, and joins the bytes into
    /// bodies (`body(_:)`) without building a `JSON` value of the request.
    public struct EncodedOperation: Sendable {
        public let method: SCIMBulkMethod
        public let bulkId: String?
        public let path: String
        /// The operation's object, `{"method":…,"path":…,"data":…}`.
        public let bytes: [UInt8]

        /// `data` writes the operation's `data` value; nil for none (DELETE).
        public init(
            method: SCIMBulkMethod, path: String, bulkId: String? = nil, version: String? = nil,
            data: ((inout JSONWriter) -> Void)? = nil
        ) {
            self.method = method
            self.bulkId = bulkId
            self.path = path
            var writer = JSONWriter(capacity: 512)
            writer.beginObject()
            writer.member("method", method.rawValue)
            if let bulkId { writer.member("bulkId", bulkId) }
            if let version { writer.member("version", version) }
            writer.member("path", path)
            if let data {
                writer.key("data")
                data(&writer)
            }
            writer.endObject()
            bytes = writer.bytes
        }

        public init(_ operation: Operation) {
            self.init(
                method: operation.method, path: operation.path, bulkId: operation.bulkId, version: operation.version,
                data: operation.data.map { data in { $0.value(data) } })
        }
    }

    /// The request's body from operations encoded one by one: the same
    /// bytes as `SCIMBulkRequest(operations:failOnErrors:).json.serialized()`.
    public static func body(_ operations: some Collection<EncodedOperation>, failOnErrors: Int? = nil) -> [UInt8] {
        var writer = JSONWriter(capacity: bodySize(operations, failOnErrors: failOnErrors))
        writer.beginObject()
        writer.key("schemas")
        writer.beginArray()
        writer.string(SCIMSchemaURN.bulkRequest)
        writer.endArray()
        if let failOnErrors {
            writer.key("failOnErrors")
            writer.value(.number(Double(failOnErrors)))
        }
        writer.key("Operations")
        writer.beginArray()
        for operation in operations { writer.raw(operation.bytes) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    /// The size of `body(_:)` without writing it (for `maxPayloadSize`,
    /// §3.7.4).
    public static func bodySize(_ operations: some Collection<EncodedOperation>, failOnErrors: Int? = nil) -> Int {
        // {"schemas":["<urn>"],"Operations":[…]}, a comma between operations,
        // and ,"failOnErrors":<n>.
        let envelope = 32 + SCIMSchemaURN.bulkRequest.utf8.count + (failOnErrors.map { 16 + String($0).utf8.count } ?? 0)
        return operations.reduce(envelope + max(operations.count - 1, 0)) { $0 + $1.bytes.count }
    }

    /// The request as JSON text, written without building `json`: the same
    /// bytes as `json.serialized()`.
    public func serialized() -> [UInt8] {
        Self.body(operations.map(EncodedOperation.init), failOnErrors: failOnErrors)
    }
}
