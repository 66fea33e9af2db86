import NIOCore
import Testing
@testable import LDAP

/// Entries decoded from a search keep their attributes encoded until asked.
@Suite("Search result entries read in place")
struct EncodedEntryTests {
    static let source = LDAPEntry(dn: "uid=zoe,ou=people,dc=example,dc=test", attributes: [
        LDAPAttribute(type: "objectClass", strings: ["top", "inetOrgPerson"]),
        LDAPAttribute(type: "cn", strings: ["Zoë Ærøskøbing"]),
        LDAPAttribute(type: "jpegPhoto", values: [[0xFF, 0xD8, 0x00, 0xFF]]),
        LDAPAttribute(type: "member;range=0-1", values: [Array("a".utf8), Array("b".utf8)]),
        LDAPAttribute(type: "description", values: []),
    ])

    static func decoded() throws -> LDAPEntry {
        let message = try decode(encode(LDAPMessage(messageID: 2, operation: .searchResultEntry(source))))
        guard case .searchResultEntry(let entry) = message.operation else { throw BERError(.truncated, context: "test") }
        return entry
    }

    @Test("all attributes decode to what was sent, and the entry equals its source")
    func decodesAll() throws {
        let entry = try Self.decoded()
        #expect(entry.attributes == Self.source.attributes)
        #expect(entry == Self.source)
        #expect(entry.hashValue == Self.source.hashValue)
    }

    @Test("one attribute is found ignoring case, options included in the name")
    func lookup() throws {
        let entry = try Self.decoded()
        #expect(entry.string("CN") == "Zoë Ærøskøbing")
        #expect(entry.strings("objectclass") == ["top", "inetOrgPerson"])
        #expect(entry.attribute("jpegphoto")?.values == [[0xFF, 0xD8, 0x00, 0xFF]])
        #expect(entry.attribute("member") == nil)
        #expect(entry.attribute("Member;Range=0-1")?.values.count == 2)
        #expect(entry.attribute("missing") == nil)
    }

    @Test("values are visited in place, in order; a value-less attribute once with nil")
    func forEachValue() throws {
        var seen: [String] = []
        try Self.decoded().forEachValue { type, value in
            seen.append(String(decoding: type, as: UTF8.self) + "=" + (value.map { "\($0.count)" } ?? "nil"))
        }
        #expect(seen == ["objectClass=3", "objectClass=13", "cn=18", "jpegPhoto=4", "member;range=0-1=1", "member;range=0-1=1", "description=nil"])
    }

    @Test("changing the attributes of a decoded entry keeps the change")
    func mutation() throws {
        var entry = try Self.decoded()
        entry.attributes[1] = LDAPAttribute(type: "cn", strings: ["Zoe"])
        #expect(entry.string("cn") == "Zoe")
        #expect(entry.attributes.count == 5)
    }

    @Test("a malformed attribute list is refused when the message is decoded", arguments: [
        "3003020101",  // an INTEGER where the attribute SEQUENCE belongs
        "30050401613100300a",  // trailing bytes after the attribute list's elements
        "30070401613102020101",  // an INTEGER among the values
        "3006040261ff3100",  // an attribute type that is not UTF-8
        "300504016131",  // a SET cut short
    ])
    func malformed(hex: String) {
        let list = hexBytes(hex)
        var writer = BERWriter()
        writer.writeSequence { w in
            w.writeInteger(2)
            w.writeConstructed(.application(4, constructed: true)) { e in
                e.writeString("cn=x")
                e.writeOctetString(list, tag: .sequence)
            }
        }
        #expect(throws: BERError.self) { _ = try decode(Array(writer.buffer.readableBytesView)) }
    }
}
