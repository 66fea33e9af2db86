/// One server reply (RFC 5321 §4.2): a three-digit code and one or more
/// lines of text. A multi-line reply repeats the code on every line, with a
/// hyphen after it on all lines but the last (§4.2.1).
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    /// The text of each line, after the code and its separator.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2yz: the command was accepted (§4.2.1).
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3yz: go on (354 after DATA, 334 during AUTH).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4yz: failed this time; may succeed later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }

    /// The reply as the server sent it, lines joined: what error messages
    /// quote, e.g. `535 5.7.8 Authentication credentials invalid`.
    public var description: String {
        let text = lines.filter { !$0.isEmpty }.joined(separator: " / ")
        return text.isEmpty ? String(code) : "\(code) \(text)"
    }
}

/// Turns received bytes into replies. Pure: the channel handler feeds it
/// what arrives, and it returns each reply once its last line is in.
/// Lines end in CRLF (§2.3.8); a bare LF is accepted, as most clients do.
public struct SMTPReplyParser: Sendable {
    /// RFC 5321 §4.5.3.1.5 limits a reply line to 512 octets; servers send
    /// longer ones (long EHLO keywords, verbose errors), so allow more, but
    /// not without bound.
    public static let maximumLineLength = 8192
    /// A reply of more lines than this is not a reply.
    public static let maximumLines = 256

    private var buffer: [UInt8] = []
    private var pending: (code: Int, lines: [String])?

    public init() {}

    /// Bytes received and not yet part of a complete reply. After the
    /// reply to STARTTLS this must be empty (RFC 3207 §5, the plaintext
    /// injection the TLS layer must not inherit).
    public var hasBufferedInput: Bool { !buffer.isEmpty || pending != nil }

    /// Adds received bytes; returns the replies they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(SMTPProtocolError) -> [SMTPReply] {
        buffer.append(contentsOf: bytes)
        var replies: [SMTPReply] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > buffer.startIndex, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = Array(buffer[buffer.startIndex..<end])
            buffer.removeSubrange(buffer.startIndex...newline)
            if let reply = try take(line: line) { replies.append(reply) }
        }
        if buffer.count > Self.maximumLineLength {
            throw SMTPProtocolError("a reply line longer than \(Self.maximumLineLength) bytes")
        }
        return replies
    }

    /// One line: `code SP text`, `code - text` or just `code` (§4.2).
    private mutating func take(line bytes: [UInt8]) throws(SMTPProtocolError) -> SMTPReply? {
        guard bytes.count <= Self.maximumLineLength else {
            throw SMTPProtocolError("a reply line longer than \(Self.maximumLineLength) bytes")
        }
        let line = String(decoding: bytes, as: UTF8.self)
        let digits = bytes.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: digits, as: UTF8.self)), (200...599).contains(code)
        else {
            throw SMTPProtocolError("not an SMTP reply line: \"\(line.prefix(80))\"")
        }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPProtocolError("not an SMTP reply line: \"\(line.prefix(80))\"")
        }
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        if let pending, pending.code != code {
            // §4.2.1: every line of a multi-line reply carries the same code.
            throw SMTPProtocolError("a multi-line reply changed its code from \(pending.code) to \(code)")
        }
        var lines = pending?.lines ?? []
        lines.append(text)
        guard lines.count <= Self.maximumLines else { throw SMTPProtocolError("a reply of more than \(Self.maximumLines) lines") }
        if separator == UInt8(ascii: "-") {
            pending = (code, lines)
            return nil
        }
        pending = nil
        return SMTPReply(code: code, lines: lines)
    }
}

/// The server broke the protocol (a line that is not a reply).
public struct SMTPProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
