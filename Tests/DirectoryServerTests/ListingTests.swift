import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("Listing: sort, cursors, .search, indexed filters")
struct ListingTests {
    static func userWithEmails(_ userName: String, _ emails: [String], title: String? = nil) -> String {
        let values = emails.map { #"{"value": "\#($0)", "type": "work"}"# }.joined(separator: ", ")
        let titleField = title.map { #", "title": "\#($0)""# } ?? ""
        return #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "\#(userName)", "emails": [\#(values)]\#(titleField)}"#
    }

    /// Creates users named u00 … u(n-1) in a shuffled order; returns their ids by name.
    static func populate(_ client: some TestClientProtocol, _ fixture: Fixture, count: Int) async throws -> [String: String] {
        var ids: [String: String] = [:]
        for index in (0..<count).shuffled() {
            let name = String(format: "u%02d", index)
            let answer = try await client.scim(.post, "/Users", token: fixture.token, body: userWithEmails(name, ["\(name)@example.com"], title: "t\(index % 3)"))
            ids[name] = try #require(answer.json?["id"]?.stringValue)
        }
        return ids
    }

    static func userNames(_ answer: SCIMAnswer) -> [String] {
        answer.json?["Resources"]?.arrayValue?.compactMap { $0["userName"]?.stringValue } ?? []
    }

    @Test("an address used by another user of the organization is 409 already-exists with that user's id")
    func emailUniqueInOrganization() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let first = try await client.scim(.post, "/Users", token: fixture.token, body: Self.userWithEmails("ann", ["Ann@Example.com"]))
            let again = try await client.scim(.post, "/Users", token: fixture.token, body: Self.userWithEmails("annie", ["ann@EXAMPLE.com"]))
            #expect(again.status == .conflict)
            #expect(again.reason == "already-exists")
            #expect(again.json?["urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"]?["resourceId"]?.stringValue == first.json?["id"]?.stringValue)
            // Deleting the holder frees the address.
            #expect(try await client.scim(.delete, "/Users/\(try #require(first.json?["id"]?.stringValue))", token: fixture.token).status == .noContent)
            #expect(try await client.scim(.post, "/Users", token: fixture.token, body: Self.userWithEmails("annie", ["ann@example.com"])).status == .created)
        }
    }

    @Test("emails.value eq uses the address index, in any of its spellings; members.value eq finds groups")
    func indexedMultiValuedFilters() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let ids = try await Self.populate(client, fixture, count: 5)
            for filter in [#"emails.value eq "U03@example.COM""#, #"emails eq "u03@example.com""#, #"emails[value eq "u03@example.com"]"#,
                           #"emails.value eq "u03@example.com" and title eq "t0""#] {
                let answer = try await client.scim(.get, "/Users?filter=\(filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: fixture.token)
                #expect(Self.userNames(answer) == ["u03"], "\(filter)")
            }
            let group = try await client.scim(.post, "/Groups", token: fixture.token, body: GroupRoutesTests.groupBody("G", members: [try #require(ids["u01"])]))
            let filter = #"members.value eq "\#(try #require(ids["u01"]))""#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let groups = try await client.scim(.get, "/Groups?filter=\(filter)&excludedAttributes=members", token: fixture.token)
            #expect(groups.json?["Resources"]?[0]?["id"] == group.json?["id"])
            #expect(groups.json?["totalResults"]?.intValue == 1)
        }
    }

    @Test("sortBy and sortOrder, on stored columns and on other attributes, with the id breaking ties")
    func sorting() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            _ = try await Self.populate(client, fixture, count: 6)
            let ascending = try await client.scim(.get, "/Users?sortBy=userName", token: fixture.token)
            #expect(Self.userNames(ascending) == ["u00", "u01", "u02", "u03", "u04", "u05"])
            let descending = try await client.scim(.get, "/Users?sortBy=userName&sortOrder=descending&count=2", token: fixture.token)
            #expect(Self.userNames(descending) == ["u05", "u04"])
            let byTitle = try await client.scim(.get, "/Users?sortBy=title&sortOrder=descending&count=2&startIndex=1", token: fixture.token)
            #expect(Set(Self.userNames(byTitle)) == ["u02", "u05"])
            let byEmail = try await client.scim(.get, "/Users?sortBy=emails.value&count=3", token: fixture.token)
            #expect(Self.userNames(byEmail) == ["u00", "u01", "u02"])
            let byCreated = try await client.scim(.get, "/Users?sortBy=meta.created", token: fixture.token)
            #expect(Self.userNames(byCreated).count == 6)
        }
    }

    @Test("RFC 9865 cursors walk every resource once, on indexed and in-memory orders")
    func cursorWalk() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            _ = try await Self.populate(client, fixture, count: 7)
            for query in ["sortBy=userName", "sortBy=userName&sortOrder=descending", "sortBy=title", "filter=userName%20sw%20%22u%22", ""] {
                var seen: [String] = []
                var cursor = ""
                var pages = 0
                while true {
                    let answer = try await client.scim(.get, "/Users?\(query)&count=3&cursor=\(cursor)", token: fixture.token)
                    #expect(answer.status == .ok)
                    #expect(answer.json?["totalResults"]?.intValue == 7)
                    #expect(answer.json?["startIndex"] == nil)
                    seen += Self.userNames(answer)
                    pages += 1
                    guard let next = answer.json?["nextCursor"]?.stringValue else { break }
                    cursor = next
                }
                #expect(pages == 3, "\(query)")
                #expect(Set(seen).count == 7 && seen.count == 7, "\(query)")
                if query == "sortBy=userName" { #expect(seen == seen.sorted()) }
                if query.contains("descending") { #expect(seen == seen.sorted().reversed()) }
            }
        }
    }

    @Test("a cursor for another query, a made-up one, an old one and startIndex with cursor are refused")
    func cursorErrors() async throws {
        let fixture = try await Fixture.make()
        let clock = TestClock()
        let app = Application(router: DirectoryApplication.router(store: fixture.store, configuration: DirectoryServerConfiguration(clock: clock.function)))
        try await app.test(.router) { client in
            _ = try await Self.populate(client, fixture, count: 3)
            let first = try await client.scim(.get, "/Users?sortBy=userName&count=1&cursor=", token: fixture.token)
            let next = try #require(first.json?["nextCursor"]?.stringValue)
            let otherQuery = try await client.scim(.get, "/Users?sortBy=title&count=1&cursor=\(next)", token: fixture.token)
            #expect(otherQuery.status == .badRequest)
            #expect(otherQuery.scimType == "invalidCursor")
            #expect(try await client.scim(.get, "/Users?count=1&cursor=bm90LWEtY3Vyc29y", token: fixture.token).scimType == "invalidCursor")
            #expect(try await client.scim(.get, "/Users?sortBy=userName&count=1&cursor=\(next)&startIndex=2", token: fixture.token).scimType == "invalidValue")
            clock.advance(3601)
            #expect(try await client.scim(.get, "/Users?sortBy=userName&count=1&cursor=\(next)", token: fixture.token).scimType == "expiredCursor")
        }
    }

    @Test("POST /Users/.search and /Groups/.search take the query in the body")
    func search() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            _ = try await Self.populate(client, fixture, count: 4)
            let body = """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "title eq \\"t1\\"",
                 "sortBy": "userName", "attributes": ["userName"], "count": 10}
                """
            let answer = try await client.scim(.post, "/Users/.search", token: fixture.token, body: body)
            #expect(answer.status == .ok)
            #expect(Self.userNames(answer) == ["u01"])
            #expect(answer.json?["Resources"]?[0]?["emails"] == nil)
            _ = try await client.scim(.post, "/Groups", token: fixture.token, body: GroupRoutesTests.groupBody("Sales"))
            let groups = try await client.scim(
                .post, "/Groups/.search", token: fixture.token,
                body: #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "displayName eq \"sales\""}"#
            )
            #expect(groups.json?["totalResults"]?.intValue == 1)
            let wrong = try await client.scim(.post, "/Users/.search", token: fixture.token, body: #"{"schemas": ["urn:x"], "filter": "x eq 1"}"#)
            #expect(wrong.status == .badRequest)
        }
    }

    @Test("/ServiceProviderConfig advertises sorting and both paging methods")
    func advertised() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let config = try await client.scim(.get, "/ServiceProviderConfig", token: fixture.token)
            #expect(config.json?["sort"]?["supported"]?.boolValue == true)
            #expect(config.json?["pagination"]?["cursor"]?.boolValue == true)
            #expect(config.json?["pagination"]?["maxPageSize"]?.intValue == 1000)
        }
    }
}
