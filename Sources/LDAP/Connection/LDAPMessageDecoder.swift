package import NIOCore

/// Splits the byte stream into LDAPMessages (RFC 4511 §5.1: each message is
/// one BER SEQUENCE with a definite length). Leaves the buffer untouched
/// until a whole message is there, and refuses lengths beyond
/// `maximumMessageSize`, so a hostile length cannot make it buffer forever.
/// `package` so that the fuzz target (Fuzz/LDAPFuzz) can drive it.
package struct LDAPMessageDecoder: NIOSingleStepByteToMessageDecoder {
    package typealias InboundOut = LDAPMessage

    /// 64 MiB: far above any real entry (AD's largest attribute values are a
    /// few MB), far below what would hurt the process.
    package static let defaultMaximumMessageSize = 64 << 20

    package let maximumMessageSize: Int

    package init(maximumMessageSize: Int = LDAPMessageDecoder.defaultMaximumMessageSize) {
        self.maximumMessageSize = maximumMessageSize
    }

    package mutating func decode(buffer: inout ByteBuffer) throws -> LDAPMessage? {
        guard let parsed = BERReader.parseHeader(buffer, at: buffer.readerIndex) else { return nil }
        let header: BERReader.Header
        switch parsed {
        case .failure(let code): throw BERError(code, context: "LDAPMessage")
        case .success(let value): header = value
        }
        guard header.tag == .sequence else {
            throw BERError(.unexpectedTag(expected: .sequence, found: header.tag), context: "LDAPMessage")
        }
        guard header.contentLength <= maximumMessageSize else {
            throw BERError(.lengthTooLarge, context: "LDAPMessage of \(header.contentLength) bytes")
        }
        guard buffer.readableBytes >= header.headerLength + header.contentLength else { return nil }
        buffer.moveReaderIndex(forwardBy: header.headerLength)
        // Cannot fail: the length was checked above.
        let content = buffer.readSlice(length: header.contentLength) ?? ByteBuffer()
        return try LDAPMessage.read(content: content)
    }

    package mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> LDAPMessage? {
        if let message = try decode(buffer: &buffer) { return message }
        if seenEOF, buffer.readableBytes > 0 {
            throw BERError(.truncated, context: "LDAPMessage (the connection closed mid-message)")
        }
        return nil
    }
}
