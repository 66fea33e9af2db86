import Testing
@testable import SCIM

@Suite("PATCH paths and request decoding")
struct PatchPathTests {
    static let paths: [(String, SCIMPatchPath)] = [
        ("userName", SCIMPatchPath(attribute: path("userName"))),
        ("name.familyName", SCIMPatchPath(attribute: path("name", "familyName"))),
        (
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
            SCIMPatchPath(attribute: path("manager", schema: SCIMSchemaURN.enterpriseUser))
        ),
        (
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            SCIMPatchPath(attribute: path("manager", "value", schema: SCIMSchemaURN.enterpriseUser))
        ),
        (
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            SCIMPatchPath(attribute: path(SCIMSchemaURN.enterpriseUser))
        ),
        (
            #"members[value eq "2819c223-7f76-453a-919d-413861904646"]"#,
            SCIMPatchPath(attribute: path("members"), valueFilter: cmp("value", .eq, .string("2819c223-7f76-453a-919d-413861904646")))
        ),
        (
            #"addresses[type eq "work"].streetAddress"#,
            SCIMPatchPath(attribute: path("addresses", "streetAddress"), valueFilter: cmp("type", .eq, .string("work")))
        ),
        (
            #"emails[type eq "work" and value ew "example.com"]"#,
            SCIMPatchPath(attribute: path("emails"), valueFilter: .and([cmp("type", .eq, .string("work")), cmp("value", .ew, .string("example.com"))]))
        ),
    ]

    @Test("parses and prints", arguments: paths)
    func parses(text: String, expected: SCIMPatchPath) throws {
        let parsed = try SCIMPatchPath(parsing: text)
        #expect(parsed == expected)
        #expect(parsed.description == text)
    }

    static let badPaths: [(String, Int, SCIMErrorType)] = [
        ("", 0, .invalidPath),
        ("name..familyName", 0, .invalidPath),
        ("name.familyName.x", 0, .invalidPath),
        ("emails[type eq]", 14, .invalidFilter),
        (#"emails[type eq "work""#, 21, .invalidFilter),
        (#"emails[type eq "work"]."#, 23, .invalidPath),
        (#"emails[type eq "work"].value.x"#, 28, .invalidPath),
        (#"emails.value[type eq "work"]"#, 12, .invalidPath),
        ("userName eq", 9, .invalidPath),
        ("emails[type[x pr]]", 11, .invalidFilter),
    ]

    @Test("refuses malformed paths", arguments: badPaths)
    func refuses(text: String, offset: Int, scimType: SCIMErrorType) {
        let error = #expect(throws: SCIMSyntaxError.self) { try SCIMPatchPath(parsing: text) }
        #expect(error?.offset == offset, "\(error?.description ?? "")")
        #expect(error?.scimError.scimType == scimType)
    }

    @Test func customExtensionNamesAreKnownWhenPassed() throws {
        let urn = "urn:ietf:params:scim:schemas:extension:acme:2.0:User"
        #expect(try SCIMPatchPath(parsing: urn).attribute == path("User", schema: "urn:ietf:params:scim:schemas:extension:acme:2.0"))
        #expect(try SCIMPatchPath(parsing: urn, knownSchemas: [urn]).attribute == path(urn))
    }

    @Test func decodesEntraCapitalisedOps() throws {
        let request = try SCIMPatchRequest(json: [
            "schemas": [.string(SCIMSchemaURN.patchOp)],
            "Operations": [
                ["op": "Replace", "path": "active", "value": "False"],
                ["op": "Add", "path": "emails[type eq \"work\"].value", "value": "a@b.c"],
                ["op": "Remove", "path": "members", "value": [["value": "id1"]]],
                ["op": "REPLACE", "path": "", "value": ["displayName": "x"]],
            ],
        ])
        #expect(request.operations.map(\.op) == [.replace, .add, .remove, .replace])
        #expect(request.operations[3].path == nil)
        #expect(request.operations[0].value == "False")  // coerced when applied, by type
    }

    @Test func operationsKeyIsCaseInsensitiveAndSchemasOptional() throws {
        let request = try SCIMPatchRequest(json: ["operations": [["op": "remove", "path": "title"]]])
        #expect(request.operations == [try SCIMPatchOperation(.remove, path: "title")])
    }

    static let badRequests: [(JSON, SCIMErrorType, Int?)] = [
        ([:], .invalidSyntax, nil),
        (["Operations": []], .invalidSyntax, nil),
        (["schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "Operations": [["op": "add", "value": [:]]]], .invalidSyntax, nil),
        (["Operations": [["op": "add", "path": "title", "value": "x"], ["op": "move", "path": "title"]]], .invalidSyntax, 1),
        (["Operations": [["path": "title"]]], .invalidSyntax, 0),
        (["Operations": [["op": "add", "path": "title"]]], .invalidValue, 0),
        (["Operations": [["op": "remove"]]], .noTarget, 0),
        (["Operations": [["op": "remove", "path": "emails[type eq]"]]], .invalidFilter, 0),
        (["Operations": [["op": "remove", "path": "a.b.c"]]], .invalidPath, 0),
        (["Operations": [["op": "remove", "path": 3]]], .invalidSyntax, 0),
        (["Operations": ["remove"]], .invalidSyntax, 0),
    ]

    @Test("refuses malformed requests", arguments: badRequests)
    func refusesRequest(json: JSON, scimType: SCIMErrorType, index: Int?) {
        let error = #expect(throws: SCIMPatchError.self) { try SCIMPatchRequest(json: json) }
        #expect(error?.scimType == scimType, "\(error?.description ?? "")")
        #expect(error?.operationIndex == index)
        #expect(error?.scimError.status == 400)
    }

    @Test func refusesInvalidJSON() {
        let error = #expect(throws: SCIMPatchError.self) { try SCIMPatchRequest(parsing: Array("{\"Operations\": [".utf8)) }
        #expect(error?.scimType == .invalidSyntax)
    }

    @Test func descriptionLeavesValuesOut() throws {
        let operation = try SCIMPatchOperation(.replace, path: "password", value: "hunter2")
        #expect(operation.description == "replace password (string value)")
    }

    @Test func writesTheWireForm() throws {
        let request = SCIMPatchRequest(operations: [
            try SCIMPatchOperation(.add, path: "members", value: [["value": "u1"]]),
            try SCIMPatchOperation(.remove, path: #"members[value eq "u2"]"#),
        ])
        #expect(request.json.serializedString() == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"u1"}]},{"op":"remove","path":"members[value eq \"u2\"]"}]}"#)
        #expect(try SCIMPatchRequest(json: request.json) == request)
    }
}
