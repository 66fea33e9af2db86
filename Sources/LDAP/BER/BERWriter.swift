public import NIOCore

/// Writes X.690 BER into a `ByteBuffer` with minimal definite lengths, the
/// form `ldapsearch` and python-ldap send (RFC 4511 §5.1).
public struct BERWriter {
    public var buffer: ByteBuffer

    public init(buffer: ByteBuffer = ByteBuffer()) {
        self.buffer = buffer
    }

    /// Writes a constructed element whose content `body` writes. The length
    /// is patched in afterwards; a long one moves the content up once.
    public mutating func writeConstructed(_ tag: BERTag, _ body: (inout BERWriter) throws -> Void) rethrows {
        buffer.writeInteger(tag.rawValue)
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt8(0))
        let contentStart = buffer.writerIndex
        try body(&self)
        let length = buffer.writerIndex - contentStart
        if length < 0x80 {
            buffer.setInteger(UInt8(length), at: lengthIndex)
            return
        }
        let lengthOctets = BERWriter.lengthOctetCount(length)
        // Cannot fail: the bytes were just written.
        let content = buffer.getSlice(at: contentStart, length: length) ?? ByteBuffer()
        buffer.moveWriterIndex(to: lengthIndex)
        writeLength(length, octets: lengthOctets)
        buffer.writeImmutableBuffer(content)
    }

    public mutating func writeSequence(_ body: (inout BERWriter) throws -> Void) rethrows {
        try writeConstructed(.sequence, body)
    }

    public mutating func writePrimitive(_ tag: BERTag, bytes: some Collection<UInt8>) {
        buffer.writeInteger(tag.rawValue)
        writeLength(bytes.count, octets: BERWriter.lengthOctetCount(bytes.count))
        buffer.writeBytes(bytes)
    }

    public mutating func writeOctetString(_ bytes: some Collection<UInt8>, tag: BERTag = .octetString) {
        writePrimitive(tag, bytes: bytes)
    }

    public mutating func writeString(_ string: String, tag: BERTag = .octetString) {
        writePrimitive(tag, bytes: string.utf8)
    }

    /// X.690 §8.3: the shortest two's complement form.
    public mutating func writeInteger(_ value: Int, tag: BERTag = .integer) {
        var octets = 8
        while octets > 1 {
            let top = (value >> ((octets - 1) * 8)) & 0xFF
            let next = (value >> ((octets - 2) * 8)) & 0x80
            if (top == 0x00 && next == 0) || (top == 0xFF && next == 0x80) {
                octets -= 1
            } else {
                break
            }
        }
        buffer.writeInteger(tag.rawValue)
        buffer.writeInteger(UInt8(octets))
        for index in stride(from: octets - 1, through: 0, by: -1) {
            buffer.writeInteger(UInt8(truncatingIfNeeded: value >> (index * 8)))
        }
    }

    public mutating func writeEnumerated(_ value: Int, tag: BERTag = .enumerated) {
        writeInteger(value, tag: tag)
    }

    /// X.690 §11.1 (DER) form, 0xFF for TRUE, which every server accepts.
    public mutating func writeBoolean(_ value: Bool, tag: BERTag = .boolean) {
        buffer.writeInteger(tag.rawValue)
        buffer.writeInteger(UInt8(1))
        buffer.writeInteger(value ? UInt8(0xFF) : 0x00)
    }

    public mutating func writeNull(tag: BERTag = .null) {
        buffer.writeInteger(tag.rawValue)
        buffer.writeInteger(UInt8(0))
    }

    // MARK: Lengths

    static func lengthOctetCount(_ length: Int) -> Int {
        if length < 0x80 { return 0 }
        var octets = 1
        while length >> (octets * 8) != 0 { octets += 1 }
        return octets
    }

    private mutating func writeLength(_ length: Int, octets: Int) {
        if octets == 0 {
            buffer.writeInteger(UInt8(length))
            return
        }
        buffer.writeInteger(UInt8(0x80 | octets))
        for index in stride(from: octets - 1, through: 0, by: -1) {
            buffer.writeInteger(UInt8(truncatingIfNeeded: length >> (index * 8)))
        }
    }
}
