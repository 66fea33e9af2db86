/// A message that was not sent: the step of the conversation that failed
/// and, when the server refused, its reply word for word, e.g.
/// `AUTH refused: 535 5.7.8 Authentication credentials invalid`.
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The steps of RFC 5321 §3 in the order a client meets them.
    public enum Step: String, Sendable, Hashable {
        case connect = "connect"
        case tls = "TLS handshake"
        case greeting = "greeting"
        case ehlo = "EHLO"
        case startTLS = "STARTTLS"
        case auth = "AUTH"
        case mailFrom = "MAIL FROM"
        case rcptTo = "RCPT TO"
        case data = "DATA"
        case message = "message"
        case quit = "QUIT"
    }

    public var step: Step
    /// The server's reply, when it refused.
    public var reply: SMTPReply?
    /// What went wrong when there is no reply, or what to do about one.
    public var detail: String?

    public init(_ step: Step, reply: SMTPReply? = nil, detail: String? = nil) {
        self.step = step
        self.reply = reply
        self.detail = detail
    }

    public var description: String {
        var text: String
        if let reply {
            text = "\(step.rawValue) refused: \(reply)"
            if let detail { text += " (\(detail))" }
        } else {
            text = "\(step.rawValue) failed: \(detail ?? "no reason given")"
        }
        return text
    }
}
