import Testing
@testable import SCIM

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite("SCIM messages")
struct MessagesTests {
    @Test func errorWireFormWithVendorExtension() throws {
        let error = SCIMError(.alreadyExists, attribute: "userName", detail: "userName \"bjensen\" is taken", resourceId: "2819c223")
        #expect(error.status == 409)
        #expect(error.scimType == .uniqueness)
        #expect(error.json.serializedString() == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error","urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"userName \"bjensen\" is taken","urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error":{"reason":"already-exists","attribute":"userName","resourceId":"2819c223"}}"#)
        #expect(try SCIMError(json: error.json) == error)
    }

    @Test func plainErrorHasNoExtension() throws {
        let error = SCIMError(status: 400, scimType: .invalidFilter, detail: "bad")
        #expect(error.json.serializedString() == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidFilter","detail":"bad"}"#)
    }

    @Test func errorReadsNumericStatusAndUnknownTypes() throws {
        let error = try SCIMError(json: ["schemas": [.string(SCIMSchemaURN.error)], "status": 429, "scimType": "somethingNew"])
        #expect(error.status == 429)
        #expect(error.scimType?.rawValue == "somethingNew")
        #expect(throws: SCIMDecodingError.self) { try SCIMError(json: ["detail": "no status"]) }
    }

    @Test("reason codes map to status and scimType", arguments: [
        (SCIMReasonCode.mandatoryMissing, 400, SCIMErrorType?.some(.invalidValue)),
        (.tooLong, 400, .invalidValue),
        (.invalidValue, 400, .invalidValue),
        (.invalidEmail, 400, .invalidValue),
        (.domainNotVerified, 400, .invalidValue),
        (.planLimit, 403, nil),
        (.emailInOtherOrg, 409, .uniqueness),
        (.existsInOtherDeployment, 409, .uniqueness),
        (.alreadyExists, 409, .uniqueness),
        (.nameConflict, 409, .uniqueness),
        (.fieldUnknown, 400, .invalidValue),
        (.lastOwner, 400, .mutability),
    ])
    func reasonCatalogue(reason: SCIMReasonCode, status: Int, scimType: SCIMErrorType?) {
        #expect(reason.status == status)
        #expect(reason.scimType == scimType)
    }

    @Test func reasonRawStringsAreStable() {
        #expect(SCIMReasonCode.all.map(\.rawValue) == [
            "mandatory-missing", "too-long", "invalid-value", "invalid-email",
            "domain-not-verified", "plan-limit", "email-in-other-org", "exists-in-other-deployment",
            "already-exists", "name-conflict", "field-unknown", "last-owner",
        ])
    }

    @Test func errorsOfTheModuleConvert() throws {
        let errors: [any SCIMErrorConvertible] = [
            JSONSyntaxError(offset: 0, reason: "x"),
            SCIMDecodingError(message: "m", member: nil, reason: "r"),
            FieldViolation(.tooLong, field: "title", detail: "d"),
            SCIMPatchError(.noTarget, "d"),
            SCIMUnresolvedBulkId(bulkId: "q"),
        ]
        #expect(errors.map(\.scimError.scimType) == [.invalidSyntax, .invalidSyntax, .invalidValue, .noTarget, .invalidValue])
        #expect(errors[2].scimError.reason == .tooLong)
        #expect(errors[2].scimError.attribute == "title")
    }

    @Test func listResponseWithCursors() throws {
        let list = SCIMListResponse(resources: [["id": "1"]], totalResults: 100, itemsPerPage: 1, nextCursor: "VZUTiyhEQJ94IR")
        #expect(list.json.serializedString() == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":100,"itemsPerPage":1,"nextCursor":"VZUTiyhEQJ94IR","Resources":[{"id":"1"}]}"#)
        #expect(try SCIMListResponse(json: list.json) == list)
        let empty = try SCIMListResponse(json: ["schemas": [.string(SCIMSchemaURN.listResponse)], "totalResults": 0])
        #expect(empty.resources.isEmpty)
        #expect(throws: SCIMDecodingError.self) { try SCIMListResponse(json: ["schemas": ["urn:x"], "Resources": []]) }
        #expect(throws: SCIMDecodingError.self) { try SCIMListResponse(json: ["totalResults": "many"]) }
    }

    @Test func searchRequestBodyAndQuery() throws {
        let body: JSON = [
            "schemas": [.string(SCIMSchemaURN.searchRequest)],
            "attributes": ["displayName", "userName"],
            "excludedAttributes": ["members"],
            "filter": #"displayName sw "smith""#,
            "sortBy": "userName", "sortOrder": "Descending",
            "startIndex": 1, "count": 10, "cursor": "",
        ]
        let request = try SCIMSearchRequest(json: body)
        #expect(request.attributes == ["displayName", "userName"])
        #expect(request.sortOrder == .descending)
        #expect(request.cursor == "")
        #expect(try request.parsedFilter() == .comparison(path("displayName"), .sw, .string("smith")))
        #expect(try SCIMSearchRequest(json: request.json) == request)

        let query = try SCIMSearchRequest(query: [
            ("filter", #"userName eq "x""#), ("attributes", "userName, emails"), ("STARTINDEX", "0"), ("count", "-5"),
        ])
        #expect(query.attributes == ["userName", "emails"])
        #expect(query.effectiveStartIndex == 1)
        #expect(query.effectiveCount(default: 100, maximum: 500) == 0)
        #expect(SCIMSearchRequest(count: 10_000).effectiveCount(default: 100, maximum: 500) == 500)
        #expect(throws: SCIMDecodingError.self) { try SCIMSearchRequest(query: [("count", "ten")]) }
        #expect(throws: SCIMDecodingError.self) { try SCIMSearchRequest(json: ["sortOrder": "sideways"]) }
        #expect(try SCIMSearchRequest(filter: "  ").parsedFilter() == nil)
    }

    @Test func bulkRequestWithReferences() throws {
        let json: JSON = [
            "schemas": [.string(SCIMSchemaURN.bulkRequest)],
            "failOnErrors": 1,
            "Operations": [
                ["method": "POST", "path": "/Users", "bulkId": "qwerty", "data": ["userName": "Alice"]],
                ["method": "post", "path": "/Groups", "bulkId": "ytrewq", "data": ["displayName": "Tour Guides", "members": [["type": "User", "value": "bulkId:qwerty"]]]],
                ["method": "DELETE", "path": "/Users/b7c14771", "version": "W/\"0ee8add0a938e1a\""],
            ],
        ]
        let request = try SCIMBulkRequest(json: json)
        #expect(request.failOnErrors == 1)
        #expect(request.operations.map(\.method) == [.post, .post, .delete])
        let groupData = try #require(request.operations[1].data)
        #expect(groupData.bulkIdReferences == ["qwerty"])
        let resolved = try groupData.resolvingBulkIds(["qwerty": "92b725cd"])
        #expect(resolved["members"]?[0]?["value"] == "92b725cd")
        #expect(throws: SCIMUnresolvedBulkId.self) { try groupData.resolvingBulkIds([:]) }
        #expect(try SCIMBulkRequest(json: request.json) == request)
    }

    @Test("bulk requests that cannot be processed", arguments: [
        ["Operations": [["method": "POST", "path": "/Users", "data": [:]]]] as JSON,
        ["Operations": [["method": "POST", "path": "/Users", "bulkId": "a", "data": [:]], ["method": "POST", "path": "/Users", "bulkId": "a", "data": [:]]]] as JSON,
        ["Operations": [["method": "GET", "path": "/Users"]]] as JSON,
        ["Operations": [["method": "PATCH", "path": "/Users/1"]]] as JSON,
        ["Operations": [["method": "DELETE"]]] as JSON,
        ["failOnErrors": 1] as JSON,
    ])
    func refusesBulk(json: JSON) {
        #expect(throws: SCIMDecodingError.self) { try SCIMBulkRequest(json: json) }
    }

    @Test func bulkResponse() throws {
        let response = SCIMBulkResponse(operations: [
            .init(method: .post, status: 201, bulkId: "qwerty", version: "W/\"oY4m4wn58tkVjJxK\"", location: "https://example.com/v2/Users/92b725cd"),
            .init(method: .post, status: 409, bulkId: "x", response: SCIMError(.alreadyExists, attribute: "userName").json),
        ])
        #expect(response.json["Operations"]?[0]?["status"] == "201")
        let decoded = try SCIMBulkResponse(json: response.json)
        #expect(decoded == response)
        #expect(decoded.operations[1].error?.reason == .alreadyExists)
        #expect(decoded.operations[0].error == nil)
        // RFC 7644 §3.7.3's nested status form.
        let nested = try SCIMBulkResponse(json: ["Operations": [["method": "POST", "status": ["code": "201"]]]])
        #expect(nested.operations[0].status == 201)
    }

    @Test func messagesAreCodable() throws {
        let error = SCIMError(.planLimit, detail: "no seats")
        let data = try JSONEncoder().encode(error)
        #expect(try JSONDecoder().decode(SCIMError.self, from: data) == error)
        let list = SCIMListResponse(resources: [["id": "1"]], totalResults: 1, startIndex: 1, itemsPerPage: 1)
        #expect(try JSONDecoder().decode(SCIMListResponse.self, from: JSONEncoder().encode(list)) == list)
        #expect(try SCIMListResponse(parsing: Array(#"{"totalResults":0,"Resources":[]}"#.utf8)).totalResults == 0)
    }
}
