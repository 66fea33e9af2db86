import Testing
@testable import SCIM

@Suite("PATCH: what Entra ID and Okta send")
struct PatchClientQuirkTests {
    @Test("booleans as strings", arguments: [("False", false), ("True", true), ("false", false), ("TRUE", true)])
    func booleanStrings(text: String, expected: Bool) throws {
        let result = try patch(user, [["op": "Replace", "path": "active", "value": .string(text)]])
        #expect(result["active"] == .bool(expected))
    }

    @Test func booleanStringsInsideValues() throws {
        let result = try patch(user, [[
            "op": "Add", "path": "emails",
            "value": [["value": "new@contoso.com", "type": "other", "primary": "True"]],
        ]])
        #expect(result["emails"]?[2]?["primary"] == true)
        #expect(result["emails"]?[0]?["primary"] == false)
    }

    @Test func stringsStayStringsWhereTheTypeIsString() throws {
        let result = try patch(user, [["op": "Replace", "path": "title", "value": "True"]])
        #expect(result["title"] == "True")
    }

    @Test func pathlessReplaceWithPathKeys() throws {
        let result = try patch(user, [[
            "op": "Replace",
            "value": [
                "name.givenName": "Babs",
                "active": "False",
                "emails[type eq \"work\"].value": "babs@contoso.com",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Sales",
            ],
        ]])
        #expect(result["name"]?["givenName"] == "Babs")
        #expect(result["name"]?["familyName"] == "Jensen")
        #expect(result["active"] == false)
        #expect(result["emails"]?[0]?["value"] == "babs@contoso.com")
        #expect(result[SCIMSchemaURN.enterpriseUser]?["department"] == "Sales")
    }

    @Test func pathlessAddWithExtensionObject() throws {
        let result = try patch(user, [[
            "op": "add",
            "value": [SCIMSchemaURN.enterpriseUser: ["employeeNumber": "701984", "manager": ["value": "26118915"]]],
        ]])
        #expect(result[SCIMSchemaURN.enterpriseUser] == ["employeeNumber": "701984", "manager": ["value": "26118915"]])
    }

    @Test func managerAsABareId() throws {
        let result = try patch(user, [[
            "op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
            "value": "26118915-6090-4610-87a4-0d6f5a5c9f4e",
        ]])
        #expect(result[SCIMSchemaURN.enterpriseUser]?["manager"] == ["value": "26118915-6090-4610-87a4-0d6f5a5c9f4e"])
    }

    @Test func filteredAddCreatesTheMissingValue() throws {
        let noWork: JSON = ["userName": "x", "emails": [["value": "h@home.org", "type": "home"]]]
        let result = try patch(noWork, [["op": "Add", "path": #"emails[type eq "work"].value"#, "value": "w@contoso.com"]])
        #expect(result["emails"]?[1] == ["type": "work", "value": "w@contoso.com"])
        // Entra ID also sends replace for an address the user does not have yet.
        let replaced = try patch(noWork, [["op": "Replace", "path": #"emails[type eq "work"].value"#, "value": "w@contoso.com"]])
        #expect(replaced == result)
        let none: JSON = ["userName": "x"]
        #expect(try patch(none, [["op": "Add", "path": #"phoneNumbers[type eq "mobile"].value"#, "value": "+1 555 0100"]])["phoneNumbers"] == [["type": "mobile", "value": "+1 555 0100"]])
    }

    @Test func filteredAddWithoutASimpleFilterIsNoTarget() {
        let error = #expect(throws: SCIMPatchError.self) {
            try patch(user, [["op": "add", "path": #"emails[value co "nobody"].type"#, "value": "x"]])
        }
        #expect(error?.scimType == .noTarget)
    }

    @Test func memberRemovalAsAValueList() throws {
        let two = try patch(group, [["op": "Add", "path": "members", "value": [["value": .string(mandy)]]]])
        let result = try patch(two, [["op": "Remove", "path": "members", "value": [["value": .string(babs)]]]])
        #expect(result["members"] == [["value": .string(mandy)]])
        // Removing a member that is not there changes nothing.
        #expect(try patch(result, [["op": "Remove", "path": "members", "value": [["value": "gone"]]]]) == result)
    }

    @Test func memberAddIsIdempotent() throws {
        let result = try patch(group, [["op": "add", "path": "members", "value": [["value": .string(babs), "display": "Babs J"]]]])
        #expect(result["members"] == [["value": .string(babs), "display": "Babs J"]])
    }

    @Test func oktaDeactivation() throws {
        let result = try patch(user, [["op": "replace", "value": ["active": false]]])
        #expect(result["active"] == false)
    }

    @Test func oktaGroupRenameAndMemberChanges() throws {
        let result = try patch(group, [
            ["op": "replace", "value": ["id": group["id"] ?? .null, "displayName": "Guides"]],
            ["op": "remove", "path": .string("members[value eq \"\(babs)\"]")],
            ["op": "add", "path": "members", "value": [["value": .string(mandy), "display": "mandy@example.com"]]],
        ])
        #expect(result["displayName"] == "Guides")
        #expect(result["members"] == [["value": .string(mandy), "display": "mandy@example.com"]])
    }

    @Test func emailValuesCompareCaseInsensitively() throws {
        let result = try patch(user, [["op": "add", "path": "emails", "value": [["value": "BJensen@Example.com", "type": "work"]]]])
        #expect(result["emails"]?.arrayValue?.count == 2)
    }

    @Test func largeMemberListsStayFast() throws {
        let members = (0..<50_000).map { JSON.object(["value": .string("member-\($0)")]) }
        let big: JSON = ["displayName": "All", "members": .array(members)]
        let additions = (49_000..<51_000).map { JSON.object(["value": .string("member-\($0)")]) }
        let result = try patch(big, [["op": "add", "path": "members", "value": .array(additions)]])
        #expect(result["members"]?.arrayValue?.count == 51_000)
    }
}

@Suite("PATCH operations as member edits")
struct MultiValuedEditTests {
    static let cases: [(JSON, SCIMMultiValuedEdit?)] = [
        (["op": "add", "path": "members", "value": [["value": "a"]]], .add([["value": "a"]])),
        (["op": "Add", "path": "members", "value": ["value": "a"]], .add([["value": "a"]])),
        (["op": "add", "value": ["members": ["a", "b"]]], .add([["value": "a"], ["value": "b"]])),
        (["op": "replace", "path": "members", "value": [["value": "a"]]], .replace([["value": "a"]])),
        (["op": "replace", "value": ["Members": []]], .replace([])),
        (["op": "remove", "path": "members"], .removeAll),
        (["op": "Remove", "path": "members", "value": [["value": "a"]]], .remove([["value": "a"]])),
        (["op": "remove", "path": #"members[value eq "a"]"#], .remove([["value": "a"]])),
        (["op": "remove", "path": #"members[value eq "a" or value eq "b"]"#], .remove([["value": "a"], ["value": "b"]])),
        (["op": "remove", "path": #"members[display eq "a"]"#], nil),
        (["op": "replace", "path": #"members[value eq "a"].display"#, "value": "x"], nil),
        (["op": "replace", "path": "displayName", "value": "x"], nil),
        (["op": "replace", "value": ["displayName": "x", "members": []]], nil),
        (["op": "add", "path": "urn:ietf:params:scim:schemas:core:2.0:Group:members", "value": [["value": "a"]]], .add([["value": "a"]])),
    ]

    @Test("recognises member operations", arguments: cases)
    func recognises(json: JSON, expected: SCIMMultiValuedEdit?) throws {
        let operation = try SCIMPatchOperation(json: json)
        #expect(operation.multiValuedEdit(of: "members") == expected)
    }
}
