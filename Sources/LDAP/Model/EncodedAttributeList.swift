import NIOCore

/// The attributes of a search result entry kept as the server sent them
/// (RFC 4511 §4.5.2 PartialAttributeList), checked once when the message is
/// decoded. Values are read in place: nothing is copied until a caller asks
/// for an attribute, and writing the entry as LDIF copies each value once,
/// into the output.
struct EncodedAttributeList: Sendable {
    /// The content of the `attributes` SEQUENCE.
    let buffer: ByteBuffer

    /// Checks the structure: SEQUENCE { type OCTET STRING (UTF-8), vals SET OF
    /// OCTET STRING }, repeated, and nothing else.
    init(validating buffer: ByteBuffer) throws(BERError) {
        let problem: BERError.Code? = buffer.withUnsafeReadableBytes { raw in
            var list = BERCursor(raw, range: 0..<raw.count)
            while !list.isAtEnd {
                guard let attribute = list.next() else { return .truncated }
                guard attribute.tag == BERTag.sequence.rawValue else {
                    return .unexpectedTag(expected: .sequence, found: BERTag(rawValue: attribute.tag))
                }
                var parts = BERCursor(raw, range: attribute.content)
                guard let type = parts.next(), type.tag == BERTag.octetString.rawValue else { return .truncated }
                guard Self.isUTF8(list.slice(type.content)) else { return .invalidUTF8 }
                guard let values = parts.next(), values.tag == BERTag.set.rawValue else {
                    return .unexpectedTag(expected: .set, found: .null)
                }
                guard parts.isAtEnd else { return .trailingBytes }
                var valueCursor = BERCursor(raw, range: values.content)
                while !valueCursor.isAtEnd {
                    guard let value = valueCursor.next() else { return .truncated }
                    guard value.tag == BERTag.octetString.rawValue else {
                        return .unexpectedTag(expected: .octetString, found: BERTag(rawValue: value.tag))
                    }
                }
            }
            return nil
        }
        if let problem { throw BERError(problem, context: "SearchResultEntry.attributes") }
        self.buffer = buffer
    }

    /// Calls `body` with each attribute's type and the byte ranges of its values.
    func forEach(_ body: (_ raw: UnsafeRawBufferPointer, _ type: Range<Int>, _ values: BERCursor) throws -> Void) rethrows {
        try buffer.withUnsafeReadableBytes { raw in
            var list = BERCursor(raw, range: 0..<raw.count)
            while let attribute = list.next() {
                var parts = BERCursor(raw, range: attribute.content)
                guard let type = parts.next(), let values = parts.next() else { continue }
                try body(raw, type.content, BERCursor(raw, range: values.content))
            }
        }
    }

    func decodeAll() -> [LDAPAttribute] {
        var attributes: [LDAPAttribute] = []
        forEach { raw, type, values in
            attributes.append(Self.attribute(raw, type, values))
        }
        return attributes
    }

    /// The attribute whose whole description equals `name` ignoring ASCII case.
    func first(named name: String) -> LDAPAttribute? {
        var found: LDAPAttribute?
        let wanted = Array(name.utf8)
        forEach { raw, type, values in
            guard found == nil, Self.equalIgnoringASCIICase(raw[type], wanted) else { return }
            found = Self.attribute(raw, type, values)
        }
        return found
    }

    /// The values of the first attribute whose description equals `name`
    /// ignoring ASCII case, in place.
    func forEachValue(named name: String, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var name = name
        try name.withUTF8 { wanted in
            var done = false
            try forEach { raw, type, values in
                guard !done, Self.equalIgnoringASCIICase(raw[type], wanted) else { return }
                done = true
                var cursor = values
                while let value = cursor.next() { try body(UnsafeRawBufferPointer(rebasing: raw[value.content])) }
            }
        }
    }

    private static func attribute(_ raw: UnsafeRawBufferPointer, _ type: Range<Int>, _ values: BERCursor) -> LDAPAttribute {
        var cursor = values
        var list: [[UInt8]] = []
        while let value = cursor.next() { list.append(Array(raw[value.content])) }
        return LDAPAttribute(type: String(decoding: raw[type], as: UTF8.self), values: list)
    }

    /// Attribute descriptions are ASCII (RFC 4512 §2.5); anything else must
    /// at least be UTF-8 to become a String.
    static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        return String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) != nil
    }

    static func equalIgnoringASCIICase<Other: Collection<UInt8>>(_ bytes: Slice<UnsafeRawBufferPointer>, _ other: Other) -> Bool {
        guard bytes.count == other.count else { return false }
        for (a, b) in zip(bytes, other) where a != b {
            guard (a | 0x20) == (b | 0x20), (a | 0x20) >= 0x61, (a | 0x20) <= 0x7A else { return false }
        }
        return true
    }
}
