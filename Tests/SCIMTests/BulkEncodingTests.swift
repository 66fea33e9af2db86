import SCIM
import Testing

/// Bulk requests written straight to bytes (`JSONWriter`,
/// `SCIMBulkRequest.EncodedOperation`) give exactly the bytes of the same
/// request built as `JSON` and serialized.
@Suite struct BulkEncodingTests {
    static let requests: [SCIMBulkRequest] = [
        SCIMBulkRequest(operations: [
            .init(method: .post, path: "/Users", bulkId: "w0", data: [
                "externalId": "6f1c", "userName": "zoë@example.org", "name": ["givenName": "Zoë", "familyName": "O\"Neil\\"],
                "emails": [["value": "zoë@example.org", "type": "work", "primary": true]], "age": 42, "ratio": 0.5, "note": .null,
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            ]),
            .init(method: .patch, path: "/Groups/92b7", version: "W/\"3\"", data: [
                "schemas": [.string(SCIMSchemaURN.patchOp)],
                "Operations": [["op": "add", "path": "members", "value": [["value": "a"], ["value": "b"]]]],
            ]),
            .init(method: .delete, path: "/Users/b7c1\u{2028}"),
        ]),
        SCIMBulkRequest(operations: [.init(method: .delete, path: "/Users/1")], failOnErrors: 12),
        SCIMBulkRequest(operations: []),
    ]

    @Test("the same bytes as the JSON value", arguments: requests)
    func sameBytes(request: SCIMBulkRequest) throws {
        #expect(request.serialized() == request.json.serialized())
        #expect(try SCIMBulkRequest(parsing: request.serialized()) == request)
        let encoded = request.operations.map(SCIMBulkRequest.EncodedOperation.init)
        #expect(SCIMBulkRequest.bodySize(encoded, failOnErrors: request.failOnErrors) == request.serialized().count)
        // Any run of operations, as a request split in halves sends them.
        if encoded.count > 1 {
            let half = SCIMBulkRequest(operations: Array(request.operations[1...]))
            #expect(SCIMBulkRequest.body(encoded[1...]) == half.json.serialized())
            #expect(SCIMBulkRequest.bodySize(encoded[1...]) == half.json.serialized().count)
        }
    }

    @Test func encodedOperationKeepsWhatPairsItsResult() {
        let operation = SCIMBulkRequest.EncodedOperation(method: .post, path: "/Users", bulkId: "w7") { writer in
            writer.beginObject()
            writer.member("userName", "bjensen")
            writer.endObject()
        }
        #expect(operation.method == .post)
        #expect(operation.bulkId == "w7")
        #expect(operation.path == "/Users")
        #expect(String(decoding: operation.bytes, as: UTF8.self)
            == #"{"method":"POST","bulkId":"w7","path":"/Users","data":{"userName":"bjensen"}}"#)
    }

    @Test func writerSeparatesMembersAndElements() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.value(1)
        writer.beginObject()
        writer.endObject()
        writer.string("x")
        writer.endArray()
        writer.member("b", "y")
        writer.key("c")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":[1,{},"x"],"b":"y","c":[]}"#)
    }
}
