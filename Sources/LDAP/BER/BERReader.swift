public import NIOCore

/// Reads X.690 BER elements from a `ByteBuffer`, as LDAP sends them
/// (RFC 4511 §5.1): definite lengths only, in short or long form (Active
/// Directory writes `0x84 00 00 00 05` where one octet would do).
///
/// Each element's content is returned as a slice of the same storage, so
/// nothing is copied until a value is turned into bytes or text, once.
public struct BERReader {
    public private(set) var buffer: ByteBuffer
    /// What is being read, for error messages.
    public let context: String

    public init(_ buffer: ByteBuffer, context: String) {
        self.buffer = buffer
        self.context = context
    }

    public var isAtEnd: Bool { buffer.readableBytes == 0 }

    /// The tag of the next element, without consuming it.
    public func peekTag() -> BERTag? {
        buffer.getInteger(at: buffer.readerIndex, as: UInt8.self).map(BERTag.init(rawValue:))
    }

    /// Reads the next element's tag and returns its content.
    public mutating func readElement() throws(BERError) -> (tag: BERTag, content: ByteBuffer) {
        guard let header = BERReader.parseHeader(buffer, at: buffer.readerIndex) else {
            throw BERError(.truncated, context: context)
        }
        switch header {
        case .failure(let code):
            throw BERError(code, context: context)
        case .success(let h):
            guard h.headerLength + h.contentLength <= buffer.readableBytes else {
                throw BERError(.lengthTooLarge, context: context)
            }
            buffer.moveReaderIndex(forwardBy: h.headerLength)
            // Cannot fail: the length was checked above.
            let content = buffer.readSlice(length: h.contentLength) ?? ByteBuffer()
            return (h.tag, content)
        }
    }

    /// Reads the next element, which must carry `tag`, and returns its content.
    public mutating func readElement(_ tag: BERTag) throws(BERError) -> ByteBuffer {
        let (found, content) = try readElement()
        guard found == tag else {
            throw BERError(.unexpectedTag(expected: tag, found: found), context: context)
        }
        return content
    }

    /// Reads a constructed element with `tag` and returns a reader over its content.
    public mutating func readConstructed(_ tag: BERTag, context: String? = nil) throws(BERError) -> BERReader {
        BERReader(try readElement(tag), context: context ?? self.context)
    }

    /// Reads the next element if it carries `tag`; otherwise leaves the reader as it is.
    public mutating func readOptionalElement(_ tag: BERTag) throws(BERError) -> ByteBuffer? {
        guard peekTag() == tag else { return nil }
        return try readElement(tag)
    }

    // MARK: Primitive values

    public mutating func readInteger(tag: BERTag = .integer) throws(BERError) -> Int {
        try BERReader.integer(from: readElement(tag), context: context)
    }

    public mutating func readEnumerated() throws(BERError) -> Int {
        try readInteger(tag: .enumerated)
    }

    /// X.690 §8.2.2: any non-zero octet is TRUE in BER (DER demands 0xFF, but
    /// real servers send 0x01).
    public mutating func readBoolean(tag: BERTag = .boolean) throws(BERError) -> Bool {
        try BERReader.boolean(from: readElement(tag), context: context)
    }

    public mutating func readOctetString(tag: BERTag = .octetString) throws(BERError) -> [UInt8] {
        var content = try readElement(tag)
        return content.readBytes(length: content.readableBytes) ?? []
    }

    /// An LDAPString (RFC 4511 §4.1.2): UTF-8 in an OCTET STRING.
    public mutating func readString(tag: BERTag = .octetString) throws(BERError) -> String {
        try BERReader.string(from: readElement(tag), context: context)
    }

    public mutating func readNull(tag: BERTag = .null) throws(BERError) {
        _ = try readElement(tag)
    }

    /// Fails unless every byte has been read: trailing data means the peer
    /// and we disagree on the structure.
    public func expectEnd() throws(BERError) {
        guard isAtEnd else { throw BERError(.trailingBytes, context: context) }
    }

    // MARK: Content decoders, shared with primitives read through `readElement`

    /// X.690 §8.3: two's complement, big-endian, at least one octet.
    public static func integer(from content: ByteBuffer, context: String) throws(BERError) -> Int {
        let count = content.readableBytes
        guard count > 0, count <= 8 else { throw BERError(.badInteger, context: context) }
        var value: Int = 0
        var first = true
        for byte in content.readableBytesView {
            if first {
                value = Int(Int8(bitPattern: byte))
                first = false
            } else {
                value = (value << 8) | Int(byte)
            }
        }
        return value
    }

    public static func boolean(from content: ByteBuffer, context: String) throws(BERError) -> Bool {
        guard content.readableBytes == 1, let byte = content.getInteger(at: content.readerIndex, as: UInt8.self) else {
            throw BERError(.badBoolean, context: context)
        }
        return byte != 0
    }

    public static func string(from content: ByteBuffer, context: String) throws(BERError) -> String {
        let string: String? = content.withUnsafeReadableBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            // Most DNs and attribute types are ASCII, which needs no further
            // validation; String(validating:) is far slower on this hot path.
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self)
        }
        guard let string else { throw BERError(.invalidUTF8, context: context) }
        return string
    }

    // MARK: Framing

    public struct Header: Hashable, Sendable {
        public var tag: BERTag
        public var headerLength: Int
        public var contentLength: Int
    }

    /// Reads a tag and a definite length at `index` without moving anything.
    /// Returns nil when more bytes are needed to know the header.
    public static func parseHeader(_ buffer: ByteBuffer, at index: Int) -> Result<Header, BERError.Code>? {
        guard let tagByte = buffer.getInteger(at: index, as: UInt8.self),
              let first = buffer.getInteger(at: index + 1, as: UInt8.self)
        else { return nil }
        if tagByte & 0x1F == 0x1F { return .failure(.highTagNumber) }
        let tag = BERTag(rawValue: tagByte)
        if first < 0x80 {
            return .success(Header(tag: tag, headerLength: 2, contentLength: Int(first)))
        }
        let octets = Int(first & 0x7F)
        if octets == 0 { return .failure(.indefiniteLength) }
        // Four octets allow 4 GiB, far beyond any message we accept.
        if octets > 4 { return .failure(.lengthTooLarge) }
        guard buffer.readableBytes - (index - buffer.readerIndex) >= 2 + octets else { return nil }
        var length = 0
        for offset in 0..<octets {
            // Cannot fail: the bytes were counted above.
            let byte = buffer.getInteger(at: index + 2 + offset, as: UInt8.self) ?? 0
            length = (length << 8) | Int(byte)
        }
        return .success(Header(tag: tag, headerLength: 2 + octets, contentLength: length))
    }
}
