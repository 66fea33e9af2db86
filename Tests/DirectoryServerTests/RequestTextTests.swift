@testable import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

/// The checks every request makes of its text, and the Bulk shortcut for
/// requests that cannot refer to a `bulkId` (RFC 7644 §3.7.2).
@Suite("Request text")
struct RequestTextTests {
    @Test("isBlank agrees with trimming CharacterSet.whitespaces", arguments: [
        "", " ", "\t", " \t ", "\u{00A0}", "\u{2003}\u{3000}", "a", " a ", "\n", "\u{200B}", "é", "\u{2028}",
    ])
    func blank(_ text: String) {
        #expect(text.isBlank == text.trimmingCharacters(in: .whitespaces).isEmpty)
    }

    @Test("caseInsensitiveEquals agrees with comparing lowercased text", arguments: [
        ("urn:ietf:params:scim:schemas:core:2.0:User", "URN:IETF:params:SCIM:schemas:core:2.0:user"), ("abc", "abd"), ("abc", "abcd"),
        ("ÄBC", "äbc"), ("Straße", "STRASSE"), ("\u{212A}elvin", "kelvin"), ("\u{212A}", "k"), ("a@b", "A`B"), ("[", "{"), ("", ""),
    ])
    func caseless(_ pair: (String, String)) {
        #expect(pair.0.caseInsensitiveEquals(pair.1) == (pair.0.lowercased() == pair.1.lowercased()))
        #expect(pair.1.caseInsensitiveEquals(pair.0) == (pair.0.lowercased() == pair.1.lowercased()))
    }

    @Test("trimmingSlashes drops leading and trailing slashes only", arguments: [
        ("/Users", "Users"), ("Users/", "Users"), ("//Groups/abc//", "Groups/abc"), ("/", ""), ("", ""), ("Users", "Users"),
    ])
    func slashes(_ pair: (String, String)) {
        #expect(pair.0.trimmingSlashes == pair.1)
    }

    @Test("a body may refer to a bulkId when its bytes hold bulkId: or a \\u escape, anywhere", arguments: [
        (#"{"value": "bulkId:a"}"#, true), (#"{"path": "/Groups/bulkId:g"}"#, true), (#"{"value": "\u0062ulkId:a"}"#, true),
        (#"{"name": "\u00e9"}"#, true), ("bulkId:", true), (#"{"bulkId": "a", "data": {"userName": "bulkId"}}"#, false),
        (#"{"bulkId":"a"}"#, false), (#"{"value": "bulkI"}"#, false), ("", false), ("\\", false), (#"{"x": "a\\b"}"#, false),
    ])
    func mayRefer(_ pair: (String, Bool)) {
        var body = pair.0
        #expect(body.withUTF8 { SCIMBulkRequest.mayReferToBulkIds(UnsafeRawBufferPointer($0)) } == pair.1)
    }

    @Test("a reference spelled with \\u escapes is still resolved; a request with none creates as before")
    func escapedReference() async throws {
        let fixture = try await Fixture.make()
        try await fixture.application.test(.router) { client in
            let group = #"{"method": "POST", "path": "/Groups", "bulkId": "g", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Escaped", "members": [{"value": "\u0062ulkId\u003aa"}]}}"#
            let answer = try await client.scim(.post, "/Bulk", token: fixture.token, body: BulkRoutesTests.bulk([BulkRoutesTests.createUser("a", "a@example.test"), group].joined(separator: ",")))
            let results = answer.json?["Operations"]?.arrayValue ?? []
            #expect(results.map { $0["status"]?.stringValue } == ["201", "201"])
            let groupID = try #require(results[1]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            let userID = try #require(results[0]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            let read = try await client.scim(.get, "/Groups/\(groupID)", token: fixture.token)
            #expect(read.json?["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == [userID])

            let plain = try await client.scim(.post, "/Bulk", token: fixture.token, body: BulkRoutesTests.bulk(BulkRoutesTests.createUser("b", "b@example.test")))
            #expect(plain.json?["Operations"]?[0]?["status"]?.stringValue == "201")
        }
    }
}
