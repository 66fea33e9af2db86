import Foundation
import SCIM
import Testing

@testable import SyncEngine

/// The compact forms of anchors, source attributes and field hashes behave
/// exactly as the plain strings and dictionaries they replace.
@Suite struct CompactModelTests {
    static let texts = [
        "0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950f", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "00000000-0000-0000-0000-000000000000", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        // Not canonical lowercase UUIDs: kept as text, as given.
        "0F8FAD5B-D9CB-469F-A165-70867728950E", "0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5bd9cb469fa16570867728950e00ab",
        "0f8fad5b-d9cb-469f-a165-70867728950g", "ada@example.com", "", "all-users", "ou-group:ou=people,dc=example,dc=org",
        "0f8fad5b-d9cb-469f-a165-70867728950e ",
    ]

    @Test func anAnchorGivesBackItsTextAndOrdersByIt() throws {
        let anchors = Self.texts.map { Anchor($0) }
        for (anchor, text) in zip(anchors, Self.texts) {
            #expect(anchor.rawValue == text)
            #expect(anchor == Anchor(text))
            #expect(anchor.hashValue == Anchor(text).hashValue)
            var bytes = text
            #expect(bytes.withUTF8 { Anchor(utf8: UnsafeRawBufferPointer($0)) } == anchor)
            let decoded = try JSONDecoder().decode(Anchor.self, from: JSONEncoder().encode(anchor))
            #expect(decoded == anchor && decoded.rawValue == text)
        }
        for a in anchors {
            for b in anchors {
                #expect((a < b) == (a.rawValue < b.rawValue), "\(a) < \(b)")
                #expect((a == b) == (a.rawValue == b.rawValue), "\(a) == \(b)")
            }
        }
        #expect(Set(anchors).count == Set(Self.texts).count)
    }

    @Test func attributesInABufferAnswerLikeADictionary() {
        let dictionary = ["mail": ["ada@example.com"], "CN": ["Ada Lovelace"], "objectClass": ["top", "inetOrgPerson"], "empty": []]
        let attributes = SourceAttributes(dictionary)
        #expect(attributes.values("cn") == ["Ada Lovelace"])
        #expect(attributes.values("OBJECTCLASS") == ["top", "inetOrgPerson"])
        #expect(attributes.values("empty").isEmpty && attributes.values("missing").isEmpty)
        #expect(attributes.hasValue("MAIL") && !attributes.hasValue("empty") && !attributes.hasValue("missing") && !attributes.hasValue("mai"))
        // A CSV column may be named beyond ASCII; it is found in any case.
        #expect(SourceAttributes(["Département": ["R&D"]]).values("DÉPARTEMENT") == ["R&D"])
        #expect(attributes.dictionary == ["mail": ["ada@example.com"], "cn": ["Ada Lovelace"], "objectclass": ["top", "inetOrgPerson"]])
        #expect(attributes == SourceAttributes(["objectclass": ["top", "inetOrgPerson"], "mail": ["ada@example.com"], "cn": ["Ada Lovelace"]]))
        // An attribute given twice (names differing in case) keeps both values.
        var built = SourceAttributes()
        built.appendName("Title")
        built.appendValue("Engineer")
        built.appendName("mail")
        built.appendValue("a@example.com")
        built.appendName("TITLE")
        built.appendValue("Lead")
        #expect(built.values("title") == ["Engineer", "Lead"])
        #expect(built.values("titl").isEmpty && built.values("titles").isEmpty)
    }

    @Test func namesAndValuesOfEveryLengthAreFoundAcrossTheBuffer() {
        // Lengths around the eight bytes scanned at a time, and UTF-8
        // beyond ASCII (bytes 0x80–0xF4, never an end mark).
        var dictionary: [String: [String]] = [:]
        for number in 0..<40 {
            dictionary["a\(String(repeating: "t", count: number))"] = (0..<(number % 4)).map { "välue-\($0)-" + String(repeating: "é", count: number) }
        }
        let attributes = SourceAttributes(dictionary)
        for (name, values) in dictionary {
            #expect(attributes.values(name) == values)
            #expect(attributes.hasValue(name.uppercased()) == !values.isEmpty)
        }
    }

    @Test func theDigestOfABufferIsTheDigestOfItsParts() {
        var attributes = SourceAttributes()
        var digest = SourceDigest()
        digest.add("uid=ada,ou=people", kind: .other)
        for (name, values) in [("cn", ["Ada"]), ("mail", ["ada@example.com", "a@example.com"])] {
            attributes.appendName(name)
            digest.add(name, kind: .name)
            for value in values {
                attributes.appendValue(value)
                digest.add(value, kind: .value)
            }
        }
        #expect(SourceDigest.of(dn: "uid=ada,ou=people", attributes: attributes) == digest.finish())
        #expect(SourceDigest.of(dn: "uid=ada,ou=People", attributes: attributes) != digest.finish())
    }

    @Test func fieldHashesActLikeADictionary() {
        var hashes: FieldHashes = ["title": "t1", "emails": "e1"]
        var plain = ["title": "t1", "emails": "e1"]
        #expect(hashes.keys == ["emails", "title"])
        for (field, value) in [("userName", "u1"), ("title", "t2"), ("emails", nil), ("absent", nil), ("a", "a1")] as [(String, String?)] {
            hashes[field] = value
            plain[field] = value
            #expect(hashes.dictionary == plain)
            #expect(hashes.keys == plain.keys.sorted())
            #expect(hashes == FieldHashes(plain))
        }
        #expect(hashes["userName"] == "u1" && hashes["emails"] == nil)
        let shared = ["emails", "title"]
        #expect(FieldHashes(sortedNames: shared, digests: ["e", "t"]) == ["title": "t", "emails": "e"])
        // From pairs in any order, the last digest of a name given twice.
        #expect(FieldHashes([("title", "t1"), ("emails", "e"), ("title", "t2")]) == ["title": "t2", "emails": "e"])
    }

    @Test func contentHashesAreSHA256InLowercaseHex() {
        // FIPS 180-2, appendix B.1.
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(ContentHash.hex(of: "abc") == abc)
        #expect(ContentHash.hex(of: Array("abc".utf8), characters: 15) == String(abc.prefix(15)))
        #expect(ContentHash.hex(of: "abc", characters: 16) == String(abc.prefix(16)))
    }

    /// The hashes stored with links are those of the texts earlier versions
    /// built as strings: a stored state stays valid.
    @Test func hashesAreOfTheCanonicalTexts() {
        let fields = [
            FieldAssignment("userName", .json("zoë@example.org")), FieldAssignment("manager", .reference(Anchor("m-1"))),
            FieldAssignment("emails", .json(["z@example.org", "x\"y"])), FieldAssignment("age", .json(42)),
        ]
        var text = "v=m7\nactive=false\n"
        for assignment in fields.sorted(by: { $0.field < $1.field }) {
            let canonical: String
            switch assignment.value {
            case .json(let json): canonical = "j" + json.serializedString()
            case .reference(let anchor): canonical = "r" + anchor.rawValue
            }
            #expect(assignment.value.canonical == canonical)
            #expect(ObjectHash.field(assignment.value) == ContentHash.hex(of: canonical, characters: ObjectHash.fieldHashLength))
            text += assignment.field + "=" + canonical + "\n"
        }
        #expect(ObjectHash.object(fields, active: false, mappingVersion: "m7") == ContentHash.hex(of: text, characters: ObjectHash.objectHashLength))
    }

    @Test func hashesAndDigestsAreShortEnoughToNeedNoAllocation() {
        let hash = ObjectHash.object([FieldAssignment("userName", .json(.string("ada")))], active: true, mappingVersion: "1")
        var digest = SourceDigest()
        digest.add("uid=ada", kind: .other)
        for text in [hash, digest.finish(), SourceDigest.of(dn: "uid=ada", attributes: SourceAttributes())] {
            #expect(text.utf8.count == ObjectHash.objectHashLength && ObjectHash.objectHashLength <= 15)
        }
    }
}
