import NIOCore
import Testing
@testable import LDAP

@Suite("BER reader and writer (X.690 as RFC 4511 §5.1 uses it)")
struct BERTests {
    @Test("integers encode in the shortest two's complement form", arguments: [
        (0, "020100"), (1, "020101"), (127, "02017f"), (128, "02020080"), (255, "020200ff"),
        (256, "02020100"), (-1, "0201ff"), (-128, "020180"), (-129, "0202ff7f"),
        (2_147_483_647, "02047fffffff"), (-2_147_481_599, "020480000801"),
    ])
    func integerEncoding(value: Int, hex: String) throws {
        var writer = BERWriter()
        writer.writeInteger(value)
        #expect(Array(writer.buffer.readableBytesView) == hexBytes(hex))
        var reader = BERReader(writer.buffer, context: "test")
        #expect(try reader.readInteger() == value)
    }

    @Test("lengths use the short form below 128 and minimal long forms above", arguments: [
        (0, "0400"), (127, "047f"), (128, "048180"), (255, "0481ff"), (256, "04820100"), (65536, "0483010000"),
    ])
    func lengthEncoding(length: Int, headerHex: String) {
        var writer = BERWriter()
        writer.writeOctetString([UInt8](repeating: 0x61, count: length))
        let bytes = Array(writer.buffer.readableBytesView)
        #expect(Array(bytes.prefix(headerHex.count / 2)) == hexBytes(headerHex))
        #expect(bytes.count == headerHex.count / 2 + length)
    }

    @Test("a constructed element longer than 127 bytes gets its long length patched in")
    func constructedLongLength() throws {
        var writer = BERWriter()
        writer.writeSequence { w in
            w.writeOctetString([UInt8](repeating: 0x62, count: 200))
            w.writeInteger(5)
        }
        let bytes = Array(writer.buffer.readableBytesView)
        #expect(Array(bytes.prefix(3)) == [0x30, 0x81, 206])
        var reader = BERReader(writer.buffer, context: "test")
        var inner = try reader.readConstructed(.sequence)
        #expect(try inner.readOctetString().count == 200)
        #expect(try inner.readInteger() == 5)
        try inner.expectEnd()
    }

    @Test("Active Directory's four-octet lengths are read (0x84 00 00 00 05)")
    func activeDirectoryLongLength() throws {
        var reader = BERReader(ByteBuffer(bytes: hexBytes("048400000005") + Array("hello".utf8)), context: "test")
        #expect(try reader.readString() == "hello")
        #expect(reader.isAtEnd)
    }

    @Test("BOOLEAN TRUE is any non-zero octet", arguments: [(UInt8(0x01), true), (0xFF, true), (0x7A, true), (0x00, false)])
    func booleans(octet: UInt8, expected: Bool) throws {
        var reader = BERReader(ByteBuffer(bytes: [0x01, 0x01, octet]), context: "test")
        #expect(try reader.readBoolean() == expected)
    }

    @Test("malformed elements give typed errors", arguments: [
        ("0480", BERError.Code.indefiniteLength),
        ("0485ffffffffff", .lengthTooLarge),
        ("0405616263", .lengthTooLarge),
        ("04", .truncated),
        ("1f0100", .highTagNumber),
        ("0200", .badInteger),
        ("01020000", .badBoolean),
    ])
    func malformed(hex: String, code: BERError.Code) {
        var reader = BERReader(ByteBuffer(bytes: hexBytes(hex)), context: "test")
        #expect(throws: BERError(code, context: "test")) {
            let (tag, content) = try reader.readElement()
            if tag == .integer { _ = try BERReader.integer(from: content, context: "test") }
            if tag == .boolean { _ = try BERReader.boolean(from: content, context: "test") }
        }
    }

    @Test("a wrong tag names what was expected and found")
    func unexpectedTag() {
        var reader = BERReader(ByteBuffer(bytes: [0x02, 0x01, 0x05]), context: "SearchResultEntry.objectName")
        #expect(throws: BERError(.unexpectedTag(expected: .octetString, found: .integer), context: "SearchResultEntry.objectName")) {
            _ = try reader.readString()
        }
    }

    @Test("text that is not UTF-8 is refused where LDAP demands an LDAPString")
    func invalidUTF8() {
        var reader = BERReader(ByteBuffer(bytes: [0x04, 0x02, 0xC3, 0x28]), context: "test")
        #expect(throws: BERError(.invalidUTF8, context: "test")) { _ = try reader.readString() }
    }
}
