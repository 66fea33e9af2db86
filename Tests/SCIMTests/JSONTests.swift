import Testing
@testable import SCIM

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite("JSON value, parser and serializer")
struct JSONTests {
    /// Texts that parse, and the compact form they serialize back to.
    static let roundTrips: [(String, String)] = [
        ("null", "null"),
        ("true", "true"),
        (" false ", "false"),
        ("0", "0"),
        ("-0", "0"),
        ("42", "42"),
        ("-17", "-17"),
        ("1.5", "1.5"),
        ("1e3", "1000"),
        ("2.5E-3", "0.0025"),
        ("9007199254740993", "9007199254740992"),  // beyond 2^53: nearest double
        ("1e300", "1e+300"),
        (#""plain""#, #""plain""#),
        (#""a\"b\\c\/d""#, #""a\"b\\c/d""#),
        (#""\n\t\r\b\f""#, #""\n\t\r\b\f""#),
        (#""\u0001\u007f""#, #""\u0001\u007f""#),
        (#""\u00e9\u4e2d""#, "\"é中\""),
        (#""\ud83d\ude00""#, "\"😀\""),
        (#""\u2028""#, #""\u2028""#),
        (#""price \u20ac5\u2029next \"q\" end""#, #""price €5\u2029next \"q\" end""#),  // runs around escapes
        ("[]", "[]"),
        ("{}", "{}"),
        ("[1, [2, [3]], {\"a\": []}]", "[1,[2,[3]],{\"a\":[]}]"),
        ("{\"z\":1,\"a\":2,\"m\":3}", "{\"z\":1,\"a\":2,\"m\":3}"),  // order kept
        ("\n\t{ \"a\" :\r\n 1 }\n", "{\"a\":1}"),
    ]

    @Test("parses and serializes", arguments: roundTrips)
    func roundTrip(input: String, compact: String) throws {
        let value = try JSON(parsing: input)
        #expect(value.serializedString() == compact)
        #expect(try JSON(parsing: compact) == value)
    }

    /// Texts that must not parse, and the byte offset the error names.
    static let invalid: [(String, Int)] = [
        ("", 0),
        ("nul", 0),
        ("tru e", 0),
        ("01", 1),
        ("1.", 0),
        ("-", 0),
        (".5", 0),
        ("+1", 0),
        ("1e", 0),
        ("[1,]", 3),
        ("[1 2]", 3),
        ("{\"a\" 1}", 5),
        ("{\"a\":1,}", 7),
        ("{a:1}", 1),
        ("\"abc", 0),
        ("\"a\tb\"", 2),
        (#""\x""#, 1),
        (#""\u12""#, 1),
        (#""\ud800""#, 1),
        (#""\udc00x""#, 1),
        ("[1] [2]", 4),
        ("{\"userName\":1,\"USERNAME\":2}", 14),
        ("1e400", 0),
    ]

    @Test("refuses malformed text with the offset", arguments: invalid)
    func refuses(input: String, offset: Int) {
        let error = #expect(throws: JSONSyntaxError.self) { try JSON(parsing: input) }
        #expect(error?.offset == offset)
        #expect(error?.scimError.scimType == .invalidSyntax)
    }

    @Test func refusesInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONSyntaxError.self) { try JSON(parsing: bytes) }
        // A lone continuation byte after ASCII, and a truncated sequence at the end.
        #expect(throws: JSONSyntaxError.self) { try JSON(parsing: [0x22, 0x61, 0x80, 0x22] as [UInt8]) }
        #expect(throws: JSONSyntaxError.self) { try JSON(parsing: [0x22, 0x61, 0xE2, 0x82, 0x22] as [UInt8]) }
    }

    @Test("strings without escapes: ASCII and multi-byte UTF-8 read as they are")
    func readsUnescapedStrings() throws {
        #expect(try JSON(parsing: #"{"userName":"bjensen@example.com"}"#)["userName"] == .string("bjensen@example.com"))
        #expect(try JSON(parsing: #"["Zoë Ångström 日本 🙂", ""]"#) == .array([.string("Zoë Ångström 日本 🙂"), .string("")]))
    }

    @Test func limitsDepth() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = #expect(throws: JSONSyntaxError.self) { try JSON(parsing: deep) }
        #expect(error?.reason.contains("deeper") == true)
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try JSON(parsing: allowed)
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSON(parsing: hostile) }
    }

    @Test func manyMembersStayLinear() throws {
        let members = (0..<20_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let value = try JSON(parsing: "{" + members + "}")
        #expect(value.objectValue?.count == 20_000)
        #expect(value["K19999"] == 19_999)
        let duplicated = "{" + members + ",\"K5\":1}"
        #expect(throws: JSONSyntaxError.self) { try JSON(parsing: duplicated) }
    }

    @Test func memberLookupIgnoresASCIICase() {
        var user: JSON = ["userName": "bjensen", "name": ["givenName": "Barbara"]]
        #expect(user["USERNAME"] == "bjensen")
        #expect(user["Name"]?["GIVENNAME"] == "Barbara")
        user["username"] = "babs"
        #expect(user.objectValue?.keys == ["userName", "name"])  // spelling kept
        #expect(user["userName"] == "babs")
        user["userName"] = nil
        #expect(user.objectValue?.keys == ["name"])
    }

    @Test func objectEqualityIgnoresOrderAndCase() {
        let a: JSON = ["value": "x", "type": "work"]
        let b: JSON = ["TYPE": "work", "Value": "x"]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != ["value": "x", "type": "home"])
        #expect(Set([a, b]).count == 1)
    }

    @Test func accessors() {
        let value: JSON = ["n": 3, "f": 1.5, "s": "t", "b": true, "a": [1], "z": .null]
        #expect(value["n"]?.intValue == 3)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.numberValue == 1.5)
        #expect(value["s"]?.stringValue == "t")
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["z"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(JSON.array([]).isUnassigned && JSON.null.isUnassigned && !JSON.string("").isUnassigned)
    }

    @Test func prettyPrinting() {
        let value: JSON = ["a": [1, 2], "b": [:], "c": []]
        #expect(value.serializedString(options: .pretty) == """
            {
              "a": [
                1,
                2
              ],
              "b": {},
              "c": []
            }
            """)
    }

    @Test func codableThroughFoundation() throws {
        let value: JSON = ["schemas": ["x"], "count": 3, "ok": true, "none": .null, "ratio": 0.5, "nested": ["k": "v"]]
        let data = try JSONEncoder().encode(value)
        let decoded = try JSONDecoder().decode(JSON.self, from: data)
        #expect(decoded == value)
        // The module's own parser reads what Foundation wrote.
        #expect(try JSON(parsing: Array(data)) == value)
    }
}
