@testable import Connectors
import SCIM
import SyncEngine
import Testing

/// The SCIM target's Bulk operations (RFC 7644 §3.7), written straight to
/// bytes: a create's body laid out as `SCIMFieldLayout` says, and PATCHes
/// with the same bytes as the operations built as `JSON`.
@Suite struct SCIMBulkOperationTests {
    static let office = "urn:ietf:params:scim:schemas:extension:directorysync:2.0:User"

    static func text(_ operation: SCIMBulkRequest.EncodedOperation?) -> String {
        operation.map { String(decoding: $0.bytes, as: UTF8.self) } ?? "nil"
    }

    /// The operation as the same request built as a `JSON` value writes it.
    static func tree(_ method: SCIMBulkMethod, _ path: String, bulkId: String? = nil, version: String? = nil, data: JSON?) -> String {
        text(SCIMBulkRequest.EncodedOperation(SCIMBulkRequest.Operation(method: method, path: path, bulkId: bulkId, version: version, data: data)))
    }

    static func patch(_ operations: [JSON]) -> JSON {
        ["schemas": [.string(SCIMSchemaURN.patchOp)], "Operations": .array(operations)]
    }

    @Test func createLaysOutTheResource() throws {
        let fields: [String: JSON] = [
            "userName": "z@example.org", "name.givenName": "Zoë", "name.familyName": "O\"Neil", "displayName": "Zoë O",
            "emails": ["z@example.org", "z2@example.org"], "department": "R&D", "employeeNumber": "7", "manager": "m1",
            "\(Self.office):office": "B2", "active": true,
        ]
        let expected = """
            {"externalId":"a1","active":true,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":\
            {"department":"R&D","employeeNumber":"7","manager":{"value":"m1"}},"displayName":"Zoë O",\
            "emails":[{"value":"z@example.org","type":"work","primary":true},{"value":"z2@example.org","type":"work"}],\
            "name":{"familyName":"O\\"Neil","givenName":"Zoë"},"\(Self.office)":{"office":"B2"},"userName":"z@example.org",\
            "schemas":["\(SCIMSchemaURN.user)","\(SCIMSchemaURN.enterpriseUser)","\(Self.office)"]}
            """
        #expect(SCIMFieldLayout.resource(.user, externalID: "a1", fields: fields).serializedString() == expected)
        let operation = SCIMTarget.operation(.create(.user, externalID: "a1", fields: fields), bulkId: "w3")
        #expect(Self.text(operation) == #"{"method":"POST","bulkId":"w3","path":"/Users","data":"# + expected + "}")
        #expect(operation?.bulkId == "w3")
    }

    @Test("a group's create carries its members (RFC 7643 §4.2) after its fields; a body refilled from it does not")
    func createWithMembers() {
        var body: SCIMResourceBody?
        let carrying = SCIMTarget.operation(
            .create(.group, externalID: "g1", fields: ["displayName": "Eng"], members: ["u1", "u\"2"]), bulkId: "w0", reusing: &body)
        #expect(Self.text(carrying) == #"{"method":"POST","bulkId":"w0","path":"/Groups","data":{"externalId":"g1","displayName":"Eng","#
            + #""schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"members":[{"value":"u1"},{"value":"u\"2"}]}}"#)
        let next = SCIMTarget.operation(.create(.group, externalID: "g2", fields: ["displayName": "Ops"]), bulkId: "w1", reusing: &body)
        #expect(Self.text(next) == Self.text(SCIMTarget.operation(.create(.group, externalID: "g2", fields: ["displayName": "Ops"]), bulkId: "w1")))
    }

    @Test func laterFieldsMergeIntoEarlierObjectsWithoutCase() {
        // A plain value replaced by an object at its place; an object value
        // filled further; a name matched in another case keeps its spelling.
        let fields: [String: JSON] = ["name": "X", "name.givenName": "G", "title": ["a": 1], "title.b": 2, "Nick": "n", "nick": "m"]
        #expect(SCIMFieldLayout.resource(.group, externalID: "g", fields: fields).serializedString() == """
            {"externalId":"g","Nick":"m","name":{"givenName":"G"},"title":{"a":1,"b":2},"schemas":["\(SCIMSchemaURN.group)"]}
            """)
    }

    @Test func patchesAreTheSameBytesAsTheirJSON() {
        let set: [String: JSON] = ["title": "Boss", "manager": "m2", "emails": ["a@example.org"]]
        #expect(Self.text(SCIMTarget.operation(.update(.user, id: "u1", set: set, remove: ["department", "nickName"]), bulkId: "w0"))
            == Self.tree(.patch, "/Users/u1", data: Self.patch(SCIMTarget.updateOperations(set: set, remove: ["department", "nickName"]))))
        #expect(Self.text(SCIMTarget.operation(.deactivate(userID: "u2"), bulkId: "w0"))
            == Self.tree(.patch, "/Users/u2", data: Self.patch(SCIMTarget.deactivation)))
        #expect(Self.text(SCIMTarget.operation(.changeMembers(groupID: "g1", add: ["a", "b\"c"], remove: ["d", "e\\f"]), bulkId: "w0"))
            == Self.tree(.patch, "/Groups/g1", data: Self.patch(SCIMTarget.memberOperations(add: ["a", "b\"c"], remove: ["d", "e\\f"]))))
        #expect(Self.text(SCIMTarget.operation(.ifMatch(version: "W/\"9\"", .delete(.group, id: "g2")), bulkId: "w0"))
            == Self.tree(.delete, "/Groups/g2", version: "W/\"9\"", data: nil))
        #expect(Self.text(SCIMTarget.operation(.ifMatch(version: "W/\"1\"", .create(.group, externalID: "x", fields: ["displayName": "D"])), bulkId: "w5"))
            == Self.tree(.post, "/Groups", bulkId: "w5", version: "W/\"1\"", data: SCIMFieldLayout.resource(.group, externalID: "x", fields: ["displayName": "D"])))
        // Nothing to change, nothing sent.
        #expect(SCIMTarget.operation(.changeMembers(groupID: "g1", add: [], remove: []), bulkId: "w0") == nil)
        #expect(SCIMTarget.operation(.update(.user, id: "u1", set: [:], remove: []), bulkId: "w0") == nil)
    }

    /// A body refilled with the next create's values writes what a new
    /// body would, whatever the fields; one whose layout a value decided
    /// is built anew.
    @Test func aRefilledBodyWritesWhatANewOneWould() {
        let creates: [(ObjectKind, [String: JSON])] = [
            (.user, ["userName": "a", "name.givenName": "A", "emails": ["a@example.org"], "manager": "m1", "department": "D"]),
            (.user, ["userName": "b\"", "name.givenName": "B", "emails": ["b@example.org", "b2@example.org"], "manager": "m2", "department": "E"]),
            (.user, ["userName": "c", "name.givenName": "C", "emails": "c@example.org", "manager": 7, "department": "F"]),
            (.user, ["userName": "d", "name.givenName": "D"]),
            // As many fields as the body's, not the same ones.
            (.user, ["userName": "e", "title": "T"]),
            (.group, ["userName": "d", "name.givenName": "D"]),
            (.user, ["name": "X", "name.givenName": "G"]),
            (.user, ["name": ["familyName": "F"], "name.givenName": "H"]),
            (.user, ["name": "Y", "name.givenName": "I"]),
            (.user, ["schemas": "s", "title": "t"]),
            (.user, ["schemas": "s2", "title": "t2"]),
            (.user, ["Nick": "n", "nick": "m", "\(Self.office):office": "B1"]),
            (.user, ["Nick": "o", "nick": "p", "\(Self.office):office": "B2"]),
        ]
        var body: SCIMResourceBody?
        for (index, (kind, fields)) in creates.enumerated() {
            let write = TargetWrite.create(kind, externalID: "x\(index)", fields: fields)
            #expect(Self.text(SCIMTarget.operation(write, bulkId: "w\(index)", reusing: &body))
                == Self.text(SCIMTarget.operation(write, bulkId: "w\(index)")))
        }
        #expect(SCIMResourceBody(.user, externalID: "x", fields: ["name": "X", "name.givenName": "G"]).isRefillable == false)
        #expect(SCIMResourceBody(.user, externalID: "x", fields: ["schemas": "s"]).isRefillable == false)
        #expect(SCIMResourceBody(.user, externalID: "x", fields: ["userName": "u", "name.givenName": "G"]).isRefillable)
    }

    @Test func newIDsAreTheLocationsLastSegment() {
        #expect(SCIMTarget.lastSegment("http://h/scim/v2/Users/2819c223") == "2819c223")
        #expect(SCIMTarget.lastSegment("/Users/2819c223/") == "2819c223")
        #expect(SCIMTarget.lastSegment("2819c223") == "2819c223")
        #expect(SCIMTarget.lastSegment("//") == nil)
        #expect(SCIMTarget.lastSegment("") == nil)
    }
}
