import Testing
@testable import SCIM

@Suite("Filter evaluation")
struct FilterEvaluationTests {
    static let user: JSON = [
        "schemas": [.string(SCIMSchemaURN.user), .string(SCIMSchemaURN.enterpriseUser)],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "Bjensen",
        "userName": "BJensen@Example.com",
        "name": ["familyName": "O'Malley", "givenName": "Barbara"],
        "title": "Tour Guide",
        "userType": "Employee",
        "active": true,
        "age": 34,
        "nickName": "",
        "emails": [
            ["value": "bjensen@example.com", "type": "work", "primary": true],
            ["value": "babs@jensen.org", "type": "home"],
        ],
        "ims": [["value": "babs@foo.com", "type": "xmpp"]],
        "meta": ["lastModified": "2011-05-13T04:42:34Z", "created": "2010-01-23T04:56:22+02:00"],
        "displayName": "Hauptstraße 1",
        SCIMSchemaURN.enterpriseUser: ["department": "Tour Operations", "manager": ["value": "26118915"]],
    ]

    static let cases: [(String, Bool)] = [
        // eq / ne, case-insensitive attributes (userName, name.*, emails.value)
        (#"userName eq "bjensen@example.com""#, true),
        (#"USERNAME EQ "BJENSEN@EXAMPLE.COM""#, true),
        (#"userName ne "bjensen@example.com""#, false),
        (#"userName ne "other""#, true),
        // case-exact attributes (id, externalId)
        (#"externalId eq "Bjensen""#, true),
        (#"externalId eq "bjensen""#, false),
        (#"id eq "2819C223-7F76-453A-919D-413861904646""#, false),
        // co / sw / ew
        (#"name.familyName co "'mal""#, true),
        (#"userName sw "bjen""#, true),
        (#"userName ew "EXAMPLE.com""#, true),
        (#"userName ew "example.org""#, false),
        (#"title co """#, true),
        // pr
        ("title pr", true),
        ("nickName pr", false),
        ("manager pr", false),
        ("emails pr", true),
        ("name.middleName pr", false),
        // numbers, booleans, null
        ("age gt 30", true),
        ("age ge 34", true),
        ("age lt 34", false),
        ("age le 34.0", true),
        (#"age eq "34""#, false),
        ("active eq true", true),
        ("active ne true", false),
        ("active eq FALSE", false),
        ("active gt false", false),
        ("manager eq null", true),
        ("title eq null", false),
        ("title ne null", true),
        // dateTime compares chronologically, across zones
        (#"meta.lastModified gt "2011-05-13T04:42:33Z""#, true),
        (#"meta.lastModified gt "2011-05-13T06:42:33+02:00""#, true),
        (#"meta.lastModified lt "2011-05-13T06:42:35+02:00""#, true),
        (#"meta.lastModified eq "2011-05-13T04:42:34.000Z""#, true),
        (#"meta.created lt "2010-01-23T03:00:00Z""#, true),
        // multi-valued: any value; complex values compare by "value"
        (#"emails co "jensen.org""#, true),
        (#"emails.value co "example.com""#, true),
        (#"emails.type eq "home""#, true),
        (#"emails.type eq "other""#, false),
        (#"emails.value ne "babs@jensen.org""#, false),
        // value paths: both conditions on the same value
        (#"emails[type eq "work" and value co "@example.com"]"#, true),
        (#"emails[type eq "home" and value co "@example.com"]"#, false),
        (#"emails[type eq "work" and primary eq true]"#, true),
        (#"emails[type eq "home" and primary eq true]"#, false),
        (#"emails[not (type eq "work")]"#, true),
        (#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#, true),
        (#"userType eq "Employee" and emails[type eq "home" and value co "@example.com"]"#, false),
        // logic
        (#"title pr and userType eq "Employee""#, true),
        (#"title pr and userType eq "Intern""#, false),
        (#"nickName pr or userType eq "Employee""#, true),
        (#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#, false),
        (#"not (title pr)"#, false),
        // schema-qualified paths
        (#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "BJ""#, true),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "tour operations""#, true),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915""#, true),
        (#"department pr"#, false),
        (#"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#, true),
        // Unicode: compared through the case-fold key
        (#"displayName eq "HAUPTSTRASSE 1""#, true),
        (#"displayName sw "hauptstra\u00dfe""#, true),
        (#"displayName sw "HAUPTSTRAẞE""#, true),
    ]

    @Test("matches the RFC 7644 semantics", arguments: cases)
    func evaluates(filter: String, expected: Bool) throws {
        #expect(try SCIMFilter(parsing: filter).matches(Self.user) == expected)
    }

    @Test func caseExactnessComesFromTheCaller() throws {
        let filter = try SCIMFilter(parsing: #"userName eq "bjensen@example.com""#)
        #expect(filter.matches(Self.user))
        #expect(!filter.matches(Self.user) { _ in SCIMAttributeTraits(caseExact: true) })
        let custom = SCIMAttributeCatalog(table: ["userName": SCIMAttributeTraits(caseExact: true)]).adding(.core)
        #expect(!filter.matches(Self.user, catalog: custom))
        #expect(try SCIMFilter(parsing: #"externalId eq "BJENSEN""#).matches(Self.user, catalog: SCIMAttributeCatalog { _ in SCIMAttributeTraits() }))
    }

    @Test func composedAndDecomposedTextAreEqual() throws {
        let resource: JSON = ["displayName": "Ren\u{E9}e", "externalId": "Ren\u{E9}e"]
        #expect(try SCIMFilter(parsing: "displayName eq \"Rene\u{301}e\"").matches(resource))
        // Case-exact comparison still treats canonically equivalent text as equal.
        #expect(try SCIMFilter(parsing: "externalId eq \"Rene\u{301}e\"").matches(resource))
    }
}
