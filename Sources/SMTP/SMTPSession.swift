/// The client's side of one SMTP transaction as a pure state machine: each
/// reply from the server goes in, the next thing to do comes out. No I/O,
/// so every path (a refused AUTH, a server without STARTTLS, a refused
/// recipient) is tested without a socket; `SMTPClient` runs the actions.
///
/// The conversation (RFC 5321 §3.1–3.3, §4.1.1): greeting, EHLO, then with
/// `tls: starttls` STARTTLS and EHLO again (RFC 3207 §4.2: the client must
/// forget what it learned before TLS), AUTH (RFC 4954), MAIL FROM, one RCPT
/// TO per recipient, DATA and the message, QUIT.
public struct SMTPSession: Sendable {
    public struct Command: Sendable, Hashable, CustomStringConvertible {
        /// The command line without CRLF.
        public let text: String
        /// AUTH lines carry the password (base64 is not encryption): never logged.
        public let isSecret: Bool

        init(_ text: String, secret: Bool = false) {
            self.text = text
            isSecret = secret
        }

        public var description: String { isSecret ? "<credentials redacted>" : text }
        public var bytes: [UInt8] { Array((text + "\r\n").utf8) }
    }

    public enum Action: Sendable, Hashable {
        case send(Command)
        /// Start TLS on the connection (the server said 220 to STARTTLS),
        /// then call `tlsEstablished()`.
        case startTLS
        /// The message, dot-stuffed and ending with `CRLF.CRLF`.
        case sendMessage([UInt8])
        /// The server took the message and QUIT was answered: close.
        case finished(SMTPDelivery)
        /// Stop: send QUIT when `quit` (the session is still in order), then close.
        case fail(SMTPError, quit: Bool)
    }

    enum State: Sendable, Hashable {
        case greeting
        case ehlo
        case startTLS
        case waitingForTLS
        case authPlain
        case authLoginUsername
        case authLoginPassword
        case authLoginDone
        case mailFrom
        case rcptTo(Int)
        case data
        case message
        case quit
        case done
    }

    let tls: SMTPConfiguration.TLSMode
    let credentials: SMTPConfiguration.Credentials?
    let clientName: String
    let from: String
    let recipients: [String]
    let message: [UInt8]
    private(set) var state: State = .greeting
    private(set) var secure: Bool
    private var refused: [SMTPDelivery.Refusal] = []

    /// `message` is the RFC 5322 message as `SMTPMessage.render()` gives it.
    public init(
        tls: SMTPConfiguration.TLSMode, credentials: SMTPConfiguration.Credentials?, clientName: String, from: String,
        recipients: [String], message: [UInt8]
    ) {
        self.tls = tls
        self.credentials = credentials
        self.clientName = clientName
        self.from = from
        self.recipients = recipients
        self.message = message
        secure = tls == .implicit
    }

    /// Whether the server has taken the message: from then on a broken
    /// connection (before QUIT's answer) loses nothing.
    public var messageAccepted: Bool { state == .quit || state == .done }

    /// The step a connection failure interrupts, for its error.
    public var step: SMTPError.Step {
        switch state {
        case .greeting: tls == .implicit ? .tls : .greeting
        case .ehlo: .ehlo
        case .startTLS: .startTLS
        case .waitingForTLS: .tls
        case .authPlain, .authLoginUsername, .authLoginPassword, .authLoginDone: .auth
        case .mailFrom: .mailFrom
        case .rcptTo: .rcptTo
        case .data: .data
        case .message: .message
        case .quit, .done: .quit
        }
    }

    /// The TLS handshake after STARTTLS succeeded: EHLO again.
    public mutating func tlsEstablished() -> Action {
        precondition(state == .waitingForTLS, "TLS started outside STARTTLS")
        secure = true
        state = .ehlo
        return .send(Command("EHLO \(clientName)"))
    }

    public mutating func receive(_ reply: SMTPReply) -> Action {
        // §3.8: 421 at any point means the server is closing the channel.
        if reply.code == 421 {
            let error = SMTPError(step, reply: reply, detail: "the server is closing the connection")
            state = .done
            return .fail(error, quit: false)
        }
        switch state {
        case .greeting:
            // §4.3.1: 220 greets; 554 refuses service.
            guard reply.code == 220 else { return fail(.greeting, reply, quit: reply.code != 554) }
            state = .ehlo
            return .send(Command("EHLO \(clientName)"))
        case .ehlo:
            guard reply.code == 250 else { return fail(.ehlo, reply) }
            return afterEHLO(SMTPCapabilities(ehlo: reply))
        case .startTLS:
            // RFC 3207 §4: 220 "Ready to start TLS".
            guard reply.code == 220 else { return fail(.startTLS, reply) }
            state = .waitingForTLS
            return .startTLS
        case .waitingForTLS:
            return fail(.startTLS, reply, detail: "a reply arrived before the TLS handshake", quit: false)
        case .authPlain, .authLoginDone:
            // RFC 4954 §6: 235 on success.
            guard reply.code == 235 else { return fail(.auth, reply) }
            return mailFrom()
        case .authLoginUsername:
            guard reply.code == 334, let credentials else { return fail(.auth, reply) }
            state = .authLoginPassword
            return .send(Command(Base64.encode(Array(credentials.username.utf8)), secret: true))
        case .authLoginPassword:
            guard reply.code == 334, let credentials else { return fail(.auth, reply) }
            state = .authLoginDone
            return .send(Command(Base64.encode(Array(credentials.password.utf8)), secret: true))
        case .mailFrom:
            guard reply.code == 250 else { return fail(.mailFrom, reply) }
            state = .rcptTo(0)
            return .send(Command("RCPT TO:<\(recipients[0])>"))
        case .rcptTo(let index):
            // §4.1.1.3: 250 or 251 accept; a refused recipient leaves the others.
            if reply.code != 250 && reply.code != 251 {
                refused.append(SMTPDelivery.Refusal(recipient: recipients[index], reply: reply))
            }
            if index + 1 < recipients.count {
                state = .rcptTo(index + 1)
                return .send(Command("RCPT TO:<\(recipients[index + 1])>"))
            }
            if refused.count == recipients.count {
                let replies = refused.map { "\($0.recipient): \($0.reply)" }.joined(separator: "; ")
                return fail(.rcptTo, refused[0].reply, detail: recipients.count > 1 ? "every recipient was refused: \(replies)" : nil)
            }
            state = .data
            return .send(Command("DATA"))
        case .data:
            // §4.1.1.4: 354, then the message.
            guard reply.code == 354 else { return fail(.data, reply) }
            state = .message
            return .sendMessage(SMTPMessage.dotStuffed(message))
        case .message:
            guard reply.code == 250 else { return fail(.message, reply) }
            state = .quit
            return .send(Command("QUIT"))
        case .quit:
            state = .done
            return .finished(delivery)
        case .done:
            return .fail(SMTPError(.quit, reply: reply, detail: "a reply after the end of the session"), quit: false)
        }
    }

    /// The recipients the server took and those it refused.
    public var delivery: SMTPDelivery {
        let refusedAddresses = Set(refused.map(\.recipient))
        return SMTPDelivery(accepted: recipients.filter { !refusedAddresses.contains($0) }, refused: refused)
    }

    private mutating func afterEHLO(_ capabilities: SMTPCapabilities) -> Action {
        if tls == .starttls && !secure {
            guard capabilities.startTLS else {
                return fail(
                    .startTLS, nil,
                    detail: "the server does not offer STARTTLS (RFC 3207) and `tls: starttls` requires it; use a server that offers it, `tls: implicit` for port 465, or `tls: none` for a server on this machine")
            }
            state = .startTLS
            return .send(Command("STARTTLS"))
        }
        guard let credentials else { return mailFrom() }
        let offered = capabilities.authMechanisms
        if offered.contains("PLAIN") {
            // RFC 4954 §4 initial response; RFC 4616 §2: authzid NUL authcid NUL passwd.
            state = .authPlain
            let response = [0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8)
            return .send(Command("AUTH PLAIN \(Base64.encode(response))", secret: true))
        }
        if offered.contains("LOGIN") {
            // The LOGIN mechanism (draft-murchison-sasl-login §2): user name, then password, each after a 334.
            state = .authLoginUsername
            return .send(Command("AUTH LOGIN"))
        }
        let what = offered.isEmpty ? "the server offers no AUTH (RFC 4954) after EHLO" : "the server offers AUTH \(offered.joined(separator: " ")); dsync speaks PLAIN and LOGIN"
        return fail(.auth, nil, detail: what + ", but a username is configured")
    }

    private mutating func mailFrom() -> Action {
        state = .mailFrom
        return .send(Command("MAIL FROM:<\(from)>"))
    }

    private mutating func fail(_ step: SMTPError.Step, _ reply: SMTPReply?, detail: String? = nil, quit: Bool = true) -> Action {
        state = .done
        return .fail(SMTPError(step, reply: reply, detail: detail), quit: quit)
    }
}

/// Who the server took the message for.
public struct SMTPDelivery: Sendable, Hashable {
    public struct Refusal: Sendable, Hashable {
        public var recipient: String
        public var reply: SMTPReply

        public init(recipient: String, reply: SMTPReply) {
            self.recipient = recipient
            self.reply = reply
        }
    }

    public var accepted: [String]
    public var refused: [Refusal]

    public init(accepted: [String], refused: [Refusal]) {
        self.accepted = accepted
        self.refused = refused
    }
}
