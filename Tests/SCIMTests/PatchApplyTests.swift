import Testing
@testable import SCIM

/// Decodes `operations` as a PatchOp body (so the decoding tolerances are
/// exercised too) and applies them.
func patch(_ resource: JSON, _ operations: [JSON], applier: SCIMPatchApplier = SCIMPatchApplier()) throws -> JSON {
    let request = try SCIMPatchRequest(json: ["schemas": [.string(SCIMSchemaURN.patchOp)], "Operations": .array(operations)])
    return try applier.apply(request, to: resource)
}

let babs = "2819c223-7f76-453a-919d-413861904646"
let mandy = "902c246b-6245-4190-8e05-00816be7344a"

let group: JSON = [
    "schemas": [.string(SCIMSchemaURN.group)],
    "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
    "displayName": "Tour Guides",
    "members": [["value": .string(babs), "display": "Babs Jensen"]],
]

let user: JSON = [
    "schemas": [.string(SCIMSchemaURN.user)],
    "id": .string(babs),
    "userName": "bjensen",
    "active": true,
    "name": ["familyName": "Jensen", "givenName": "Barbara"],
    "emails": [
        ["value": "bjensen@example.com", "type": "work", "primary": true],
        ["value": "babs@jensen.org", "type": "home"],
    ],
    "addresses": [
        ["type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "primary": true],
        ["type": "home", "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood"],
    ],
]

@Suite("PATCH: RFC 7644 §3.5.2.1–3 examples")
struct PatchRFCExampleTests {
    @Test func addMember() throws {
        let result = try patch(group, [[
            "op": "add", "path": "members",
            "value": [["display": "Mandy Pepperidge", "$ref": .string("https://example.com/v2/Users/" + mandy), "value": .string(mandy)]],
        ]])
        #expect(result["members"]?.arrayValue?.count == 2)
        #expect(result["members"]?[1]?["value"] == .string(mandy))
        #expect(result["members"]?[1]?["$ref"] == .string("https://example.com/v2/Users/" + mandy))
    }

    @Test func addWithoutPath() throws {
        let result = try patch(user, [[
            "op": "add",
            "value": ["emails": [["value": "babs@jensen.org", "type": "home"], ["value": "b@new.org", "type": "other"]], "nickName": "Babs"],
        ]])
        // An equal value is not added twice; a new one is appended.
        #expect(result["emails"]?.arrayValue?.count == 3)
        #expect(result["nickName"] == "Babs")
    }

    @Test func addToSingleValuedReplaces() throws {
        let result = try patch(user, [["op": "add", "path": "userName", "value": "babs"]])
        #expect(result["userName"] == "babs")
    }

    @Test func addComplexMergesSubAttributes() throws {
        let result = try patch(user, [["op": "add", "path": "name", "value": ["middleName": "Jane"]]])
        #expect(result["name"] == ["familyName": "Jensen", "givenName": "Barbara", "middleName": "Jane"])
    }

    @Test func removeAllMembers() throws {
        let result = try patch(group, [["op": "remove", "path": "members"]])
        #expect(result["members"] == nil)
    }

    @Test func removeOneMemberByFilter() throws {
        let result = try patch(group, [["op": "remove", "path": .string("members[value eq \"\(babs)\"]")]])
        #expect(result["members"] == nil)  // no values left: unassigned
        let two = try patch(group, [["op": "add", "path": "members", "value": [["value": .string(mandy)]]]])
        let one = try patch(two, [["op": "remove", "path": .string("members[value eq \"\(babs)\"]")]])
        #expect(one["members"] == [["value": .string(mandy)]])
    }

    @Test func removeByComplexFilter() throws {
        let result = try patch(user, [["op": "remove", "path": #"emails[type eq "work" and value ew "example.com"]"#]])
        #expect(result["emails"] == [["value": "babs@jensen.org", "type": "home"]])
    }

    @Test func removeThenAddReplacesAllMembers() throws {
        let result = try patch(group, [
            ["op": "remove", "path": "members"],
            ["op": "add", "path": "members", "value": [["value": .string(mandy), "display": "Mandy"]]],
        ])
        #expect(result["members"] == [["value": .string(mandy), "display": "Mandy"]])
    }

    @Test func removeSingleValuedAndSubAttribute() throws {
        let result = try patch(user, [
            ["op": "remove", "path": "userName"],
            ["op": "remove", "path": "name.givenName"],
        ])
        #expect(result["userName"] == nil)
        #expect(result["name"] == ["familyName": "Jensen"])
    }

    @Test func replaceAllMembers() throws {
        let result = try patch(group, [[
            "op": "replace", "path": "members",
            "value": [["value": .string(mandy), "display": "Mandy"], ["value": "x", "display": "X"]],
        ]])
        #expect(result["members"]?.arrayValue?.map { $0["value"] } == [.string(mandy), "x"])
    }

    @Test func replaceFilteredValue() throws {
        let address: JSON = [
            "type": "work", "streetAddress": "911 Universal City Plaza", "locality": "Hollywood",
            "region": "CA", "postalCode": "91608", "country": "US", "formatted": "911 Universal City Plaza\nHollywood, CA 91608 US",
            "primary": true,
        ]
        let result = try patch(user, [["op": "replace", "path": #"addresses[type eq "work"]"#, "value": address]])
        #expect(result["addresses"]?[0] == address)
        #expect(result["addresses"]?[1]?["type"] == "home")
    }

    @Test func replaceFilteredSubAttribute() throws {
        let result = try patch(user, [["op": "replace", "path": #"addresses[type eq "work"].streetAddress"#, "value": "1010 Broadway Ave"]])
        #expect(result["addresses"]?[0]?["streetAddress"] == "1010 Broadway Ave")
        #expect(result["addresses"]?[0]?["locality"] == "Hollywood")
    }

    @Test func replaceWithoutPath() throws {
        let result = try patch(user, [[
            "op": "replace",
            "value": [
                "emails": [["value": "bjensen@example.com", "type": "work", "primary": true], ["value": "babs@jensen.org", "type": "home"]],
                "nickName": "Babs",
            ],
        ]])
        #expect(result["emails"]?.arrayValue?.count == 2)
        #expect(result["nickName"] == "Babs")
    }

    @Test func replaceComplexKeepsOtherSubAttributes() throws {
        let result = try patch(user, [["op": "replace", "path": "name", "value": ["givenName": "Babs", "familyName": .null]]])
        #expect(result["name"] == ["givenName": "Babs"])
    }

    @Test func replaceMissingAttributeAdds() throws {
        let result = try patch(user, [["op": "replace", "path": "title", "value": "Tour Guide"]])
        #expect(result["title"] == "Tour Guide")
    }

    @Test func replaceWithNullRemoves() throws {
        let result = try patch(user, [["op": "replace", "path": "emails", "value": []]])
        #expect(result["emails"] == nil)
    }

    @Test func filterWithoutMatchIsNoTarget() {
        let error = #expect(throws: SCIMPatchError.self) {
            try patch(user, [["op": "replace", "path": #"addresses[type eq "other"]"#, "value": ["type": "other"]]])
        }
        #expect(error?.scimType == .noTarget)
        #expect(error?.operationIndex == 0)
        #expect(error?.path == #"addresses[type eq "other"]"#)
    }

    @Test func removeOfNothingIsHarmless() throws {
        #expect(try patch(group, [["op": "remove", "path": #"members[value eq "nobody"]"#]]) == group)
        #expect(try patch(user, [["op": "remove", "path": "title"]]) == user)
    }
}

@Suite("PATCH: primary exclusivity, mutability, atomicity")
struct PatchRulesTests {
    @Test func newPrimaryClearsTheOld() throws {
        let result = try patch(user, [["op": "add", "path": "emails", "value": [["value": "new@example.com", "type": "work", "primary": true]]]])
        #expect(result["emails"]?[0]?["primary"] == false)
        #expect(result["emails"]?[2]?["primary"] == true)
        let replaced = try patch(user, [["op": "replace", "path": #"emails[type eq "home"].primary"#, "value": true]])
        #expect(replaced["emails"]?[0]?["primary"] == false)
        #expect(replaced["emails"]?[1]?["primary"] == true)
    }

    @Test func twoPrimariesInOneOperationAreRefused() {
        let error = #expect(throws: SCIMPatchError.self) {
            try patch(user, [["op": "replace", "path": "emails", "value": [["value": "a@x.org", "primary": true], ["value": "b@x.org", "primary": true]]]])
        }
        #expect(error?.scimType == .invalidValue)
    }

    @Test func readOnlyAttributesCannotChange() throws {
        let error = #expect(throws: SCIMPatchError.self) { try patch(user, [["op": "replace", "path": "id", "value": "other"]]) }
        #expect(error?.scimType == .mutability)
        #expect(throws: SCIMPatchError.self) { try patch(user, [["op": "add", "path": "meta.version", "value": "W/\"1\""]]) }
        #expect(throws: SCIMPatchError.self) { try patch(user, [["op": "add", "path": "groups", "value": [["value": "g"]]]]) }
        // Sending the same id back (Okta does) is not a change.
        #expect(try patch(user, [["op": "replace", "value": ["id": .string(babs), "active": false]]])["active"] == false)
    }

    @Test func failingThirdOperationLeavesTheResourceUnchanged() throws {
        let original = user
        let applier = SCIMPatchApplier()
        let request = try SCIMPatchRequest(json: ["Operations": [
            ["op": "replace", "path": "userName", "value": "changed"],
            ["op": "add", "path": "emails", "value": [["value": "c@x.org", "type": "other"]]],
            ["op": "replace", "path": #"emails[type eq "missing"]"#, "value": ["type": "x"]],
            ["op": "remove", "path": "name"],
        ]])
        let error = #expect(throws: SCIMPatchError.self) { try applier.apply(request, to: original) }
        #expect(error?.operationIndex == 2)
        #expect(error?.scimType == .noTarget)
        #expect(original == user)
        // Without the failing operation, all three others apply.
        var operations = request.operations
        operations.remove(at: 2)
        let applied = try applier.apply(operations, to: original)
        #expect(applied["userName"] == "changed" && applied["name"] == nil && applied["emails"]?.arrayValue?.count == 3)
    }

    @Test func aResourceMustBeAnObject() {
        #expect(throws: SCIMPatchError.self) { try SCIMPatchApplier().apply([SCIMPatchOperation(.remove, path: SCIMPatchPath(attribute: path("a")))], to: "x") }
    }

    @Test func subAttributeOfMultiValuedNeedsAFilter() {
        let error = #expect(throws: SCIMPatchError.self) { try patch(user, [["op": "replace", "path": "emails.value", "value": "x@y.z"]]) }
        #expect(error?.scimType == .invalidPath)
    }

    @Test func extensionObjectsAndSchemasStayInStep() throws {
        let added = try patch(user, [[
            "op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Tour Operations",
        ]])
        #expect(added[SCIMSchemaURN.enterpriseUser] == ["department": "Tour Operations"])
        #expect(added["schemas"] == [.string(SCIMSchemaURN.user), .string(SCIMSchemaURN.enterpriseUser)])
        let removed = try patch(added, [["op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"]])
        #expect(removed == user)
        let whole = try patch(added, [["op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]])
        #expect(whole == user)
    }

    @Test func extensionKeysTakeTheKnownSpelling() throws {
        let result = try patch(user, [["op": "add", "path": "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:department", "value": "Sales"]])
        #expect(result.objectValue?.keys.last == SCIMSchemaURN.enterpriseUser)
    }

    @Test func coreSchemaQualifiedPathIsTopLevel() throws {
        let result = try patch(user, [["op": "replace", "path": "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", "value": "Babs"]])
        #expect(result["name"]?["givenName"] == "Babs")
    }

    @Test func namesMatchInAnyCaseAndKeepTheirSpelling() throws {
        let result = try patch(user, [["op": "replace", "path": "NAME.GIVENNAME", "value": "Babs"]])
        #expect(result["name"]?.objectValue?.keys == ["familyName", "givenName"])
        #expect(result["name"]?["givenName"] == "Babs")
    }
}
