import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("SCIM /Users over HTTP, SQLite store")
struct UserRoutesTests {
    @Test("create, read, replace and delete a user, with meta, ETag and Location")
    func lifecycle() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("Zoë@Example.test", externalId: "guid-1"))
            #expect(created.status == .created)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(created.json?["meta"]?["version"]?.stringValue == "W/\"1\"")
            #expect(created.headers[.location]?.hasSuffix("/scim/v2/Users/\(id)") == true)
            #expect(created.json?["active"]?.boolValue == nil)  // not sent, not invented

            let read = try await client.scim(.get, "/Users/\(id)", token: fixture.token)
            #expect(read.status == .ok)
            #expect(read.json?["userName"]?.stringValue == "Zoë@Example.test")
            #expect(read.headers[.eTag] == "W/\"1\"")

            let notModified = try await client.scim(.get, "/Users/\(id)", token: fixture.token, headers: [.ifNoneMatch: "W/\"1\""])
            #expect(notModified.status == .notModified)

            let replaced = try await client.scim(.put, "/Users/\(id)", token: fixture.token, body: userBody("zoe@example.test", active: false), headers: [.ifMatch: "W/\"1\""])
            #expect(replaced.status == .ok)
            #expect(replaced.json?["meta"]?["version"]?.stringValue == "W/\"2\"")
            #expect(replaced.json?["active"]?.boolValue == false)

            let stale = try await client.scim(.put, "/Users/\(id)", token: fixture.token, body: userBody("x@example.test"), headers: [.ifMatch: "W/\"1\""])
            #expect(stale.status == .preconditionFailed)

            #expect(try await client.scim(.delete, "/Users/\(id)", token: fixture.token).status == .noContent)
            #expect(try await client.scim(.get, "/Users/\(id)", token: fixture.token).status == .notFound)
            #expect(try await client.scim(.delete, "/Users/\(id)", token: fixture.token).status == .notFound)
        }
    }

    @Test("userName is unique ignoring case and Unicode normalization: 409 uniqueness, already-exists, with the existing id")
    func uniqueUserName() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let first = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("ren\u{E9}@example.test"))
            let second = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("RENE\u{301}@EXAMPLE.TEST"))
            #expect(second.status == .conflict)
            #expect(second.scimType == "uniqueness")
            #expect(second.reason == "already-exists")
            #expect(second.json?["urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"]?["resourceId"] == first.json?["id"])
        }
    }

    @Test("equality filters use the case-insensitive key; other filters are evaluated; paging is stable")
    func listing() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            for index in 0..<7 {
                _ = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("user\(index)@example.test", active: index % 2 == 0, externalId: "ext-\(index)"))
            }
            let byName = try await client.scim(.get, "/Users?filter=userName%20eq%20%22USER3@example.TEST%22", token: fixture.token)
            #expect(byName.json?["totalResults"]?.intValue == 1)
            #expect(byName.json?["Resources"]?[0]?["userName"]?.stringValue == "user3@example.test")

            let byExternal = try await client.scim(.get, "/Users?filter=externalId%20eq%20%22ext-5%22", token: fixture.token)
            #expect(byExternal.json?["Resources"]?[0]?["userName"]?.stringValue == "user5@example.test")

            let inactive = try await client.scim(.get, "/Users?filter=active%20eq%20false", token: fixture.token)
            #expect(inactive.json?["totalResults"]?.intValue == 3)

            var seen: [String] = []
            for start in stride(from: 1, through: 7, by: 3) {
                let page = try await client.scim(.get, "/Users?startIndex=\(start)&count=3", token: fixture.token)
                #expect(page.json?["totalResults"]?.intValue == 7)
                seen += page.json?["Resources"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            }
            #expect(seen.count == 7)
            #expect(Set(seen).count == 7)
            #expect(seen == seen.sorted())

            let bad = try await client.scim(.get, "/Users?filter=userName%20eq", token: fixture.token)
            #expect(bad.status == .badRequest)
            #expect(bad.scimType == "invalidFilter")
        }
    }

    @Test("a filter that looks like SQL is a literal")
    func sqlLookingFilter() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            _ = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("a@example.test"))
            let answer = try await client.scim(.get, "/Users?filter=userName%20eq%20%22x%27%20OR%201%3D1%20--%22", token: fixture.token)
            #expect(answer.status == .ok)
            #expect(answer.json?["totalResults"]?.intValue == 0)
        }
    }

    @Test("the plan's seats limit active users; a deactivated user frees a seat")
    func seatLimit() async throws {
        let fixture = try await Fixture.make(seats: 2)
        try await fixture.application.test(.router) { client in
            _ = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("a@example.test"))
            let b = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("b@example.test"))
            let full = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("c@example.test"))
            #expect(full.status == .forbidden)
            #expect(full.reason == "plan-limit")
            // Inactive users take no seat.
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: userBody("d@example.test", active: false)).status == .created)
            let bID = try #require(b.json?["id"]?.stringValue)
            #expect(try await client.scim(.put, "/Users/\(bID)", token: fixture.token, body: userBody("b@example.test", active: false)).status == .ok)
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: userBody("c@example.test")).status == .created)
        }
    }

    @Test("Entra ID's \"True\"/\"False\" strings are booleans")
    func entraBooleans() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let body = #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "e@example.test", "active": "False"}"#
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: body)
            #expect(created.json?["active"]?.boolValue == false)
        }
    }

    @Test("bad bodies get the right SCIM error and change nothing", arguments: [
        ("{", "application/scim+json", 400, "invalidSyntax"),
        (#"{"userName": "x"}"#, "application/scim+json", 400, "invalidSyntax"),
        (#"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}"#, "application/scim+json", 400, "invalidValue"),
        (userBody("a@example.test"), "text/plain", 415, "invalidSyntax"),
        ("[" + String(repeating: "[", count: 200) + String(repeating: "]", count: 201), "application/json", 400, "invalidSyntax"),
    ])
    func badBodies(body: String, contentType: String, status: Int, scimType: String) async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let answer = try await client.scim(.post, "/Users", token: fixture.token, body: body, contentType: contentType)
            #expect(answer.status.code == status)
            #expect(answer.scimType == scimType)
            #expect(try await client.scim(.get, "/Users", token: fixture.token).json?["totalResults"]?.intValue == 0)
        }
    }

    @Test("a body over the size limit is 413")
    func oversizedBody() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let big = #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "a", "x": ""# + String(repeating: "a", count: 2 << 20) + #""}"#
            let answer = try await client.scim(.post, "/Users", token: fixture.token, body: big)
            #expect(answer.status.code == 413)
        }
    }
}

@Suite("Tokens and tenant isolation")
struct AuthorizationTests {
    @Test("no token, an unknown token or a wrong scheme: 401 with a Bearer challenge")
    func unauthenticated() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            for token in [nil, "dsd_not-a-token"] as [String?] {
                let answer = try await client.scim(.get, "/Users", token: token)
                #expect(answer.status == .unauthorized)
                #expect(answer.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
        }
    }

    @Test("a token without the write scope may read but not write")
    func scopes() async throws {
        let fixture = try await Fixture.make(scopes: [.usersRead])
        try await fixture.application.test(.router) { client in
            let read = try await client.scim(.get, "/Users", token: fixture.token)
            let write = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("a@example.test"))
            #expect(read.status == .ok)
            #expect(write.status == .forbidden)
        }
    }

    @Test("one organization's token gets 404 for another organization's users")
    func isolation() async throws {
        let fixture = try await Fixture.make()
        let other = Organization(name: "Other", deployment: "us", plan: Plan(name: "test", seatLimit: 10))
        try await fixture.store.createOrganization(other)
        let otherToken = try await Fixture.mintToken(fixture.store, organization: other)
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("a@example.test"))
            let id = try #require(created.json?["id"]?.stringValue)
            for method in [HTTPRequest.Method.get, .delete] {
                #expect(try await client.scim(method, "/Users/\(id)", token: otherToken).status == .notFound)
            }
            #expect(try await client.scim(.put, "/Users/\(id)", token: otherToken, body: userBody("b@example.test")).status == .notFound)
            #expect(try await client.scim(.get, "/Users", token: otherToken).json?["totalResults"]?.intValue == 0)
            // The same userName is free in the other organization, unless it
            // is an address (one address, one account).
            #expect(try await client.scim(.post, "/Users", token: otherToken, body: userBody("alice")).status == .created)
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: userBody("alice")).status == .created)
            let taken = try await client.scim(.post, "/Users", token: otherToken, body: userBody("A@Example.test"))
            #expect(taken.status == .conflict)
            #expect(taken.reason == "email-in-other-org")
            #expect(taken.json?["detail"]?.stringValue?.contains(fixture.organization.id) == false)
        }
    }

    @Test("/ServiceProviderConfig tells what is supported")
    func serviceProviderConfig() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let answer = try await client.scim(.get, "/ServiceProviderConfig", token: fixture.token)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "application/scim+json")
            #expect(answer.json?["filter"]?["supported"]?.boolValue == true)
            #expect(answer.json?["etag"]?["supported"]?.boolValue == true)
        }
    }
}

@Suite("Stored timestamps")
struct TimestampTests {
    @Test("meta in the answer to a create equals meta on a later read")
    func metaStable() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("t@example.test"))
            let id = try #require(created.json?["id"]?.stringValue)
            let read = try await client.scim(.get, "/Users/\(id)", token: fixture.token)
            #expect(created.json?["meta"] == read.json?["meta"])
        }
    }
}

@Suite("PATCH /Users (RFC 7644 §3.5.2)")
struct UserPatchTests {
    static func patch(_ operations: String) -> String {
        #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [\#(operations)]}"#
    }

    @Test("Okta's replace of active, Entra's capitalised op and path-less value; version moves on")
    func clientForms() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("p@example.test"))
            let id = try #require(created.json?["id"]?.stringValue)
            let okta = try await client.scim(.patch, "/Users/\(id)", token: fixture.token, body: Self.patch(#"{"op": "replace", "value": {"active": false}}"#))
            #expect(okta.status == .ok)
            #expect(okta.json?["active"]?.boolValue == false)
            #expect(okta.json?["meta"]?["version"]?.stringValue == "W/\"2\"")
            let entra = try await client.scim(.patch, "/Users/\(id)", token: fixture.token, body: Self.patch(#"{"op": "Replace", "path": "active", "value": "True"}, {"op": "Add", "path": "displayName", "value": "Pat"}"#))
            #expect(entra.status == .ok)
            #expect(entra.json?["active"]?.boolValue == true)
            #expect(entra.json?["displayName"]?.stringValue == "Pat")
        }
    }

    @Test("a failing operation leaves the user unchanged")
    func atomic() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let created = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("q@example.test"))
            let id = try #require(created.json?["id"]?.stringValue)
            let failed = try await client.scim(.patch, "/Users/\(id)", token: fixture.token, body: Self.patch(#"{"op": "replace", "path": "displayName", "value": "Q"}, {"op": "frobnicate", "path": "title"}"#))
            #expect(failed.status == .badRequest)
            let read = try await client.scim(.get, "/Users/\(id)", token: fixture.token)
            #expect(read.json?["displayName"] == nil)
            #expect(read.json?["meta"]?["version"]?.stringValue == "W/\"1\"")
        }
    }

    @Test("renaming onto a taken userName is 409 already-exists")
    func renameConflict() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            _ = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("taken@example.test"))
            let other = try await client.scim(.post, "/Users", token: fixture.token, body: userBody("free@example.test"))
            let id = try #require(other.json?["id"]?.stringValue)
            let answer = try await client.scim(.patch, "/Users/\(id)", token: fixture.token, body: Self.patch(#"{"op": "replace", "path": "userName", "value": "TAKEN@example.test"}"#))
            #expect(answer.status == .conflict)
            #expect(answer.reason == "already-exists")
        }
    }
}
