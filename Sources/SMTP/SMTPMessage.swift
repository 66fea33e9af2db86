public import Foundation

/// A plain-text message in the Internet Message Format (RFC 5322) with a
/// MIME body (RFC 2045): UTF-8, quoted-printable, so the whole message is
/// 7-bit ASCII whatever the text holds.
public struct SMTPMessage: Sendable, Hashable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var body: String
    public var date: Date
    /// RFC 5322 §3.6.4: unique, `<left@right>`.
    public var messageID: String

    public init(from: String, to: [String], subject: String, body: String, date: Date = Date(), messageID: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(domain)>"
    }

    /// The header fields and body, lines ending in CRLF (RFC 5322 §2.1).
    public func render() -> [UInt8] {
        var lines = [
            "Date: \(Self.dateText(date))",
            "From: \(from)",
            "To: \(to.joined(separator: ",\r\n "))",
            "Subject: \(MIMEEncoding.headerValue(subject, used: "Subject: ".count))",
            "Message-ID: \(messageID)",
            // RFC 3834 §5: sent by a program, so auto-responders stay quiet.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
        ]
        lines.append(MIMEEncoding.quotedPrintable(body))
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// RFC 5322 §3.3 date-time in UTC, e.g. `Tue, 01 Jul 2025 10:00:00 +0000`.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// The message as DATA sends it (RFC 5321 §4.5.2): a line starting
    /// with `.` gets another `.` in front, line ends are CRLF, and
    /// `CRLF . CRLF` ends it (§4.1.1.4).
    public static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 16)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") {
                output.append(UInt8(ascii: "\r"))
            }
            if atLineStart && byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
            previous = byte
        }
        if !atLineStart { output += Array("\r\n".utf8) }
        output += Array(".\r\n".utf8)
        return output
    }
}
