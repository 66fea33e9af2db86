import Foundation
import SMTP
import Testing

/// The conversation as a state machine: replies in, actions out; no socket.
@Suite("The SMTP session state machine")
struct SMTPSessionTests {
    static let credentials = SMTPConfiguration.Credentials(username: "dsync", password: "pa55word")
    static let ehloTLS = SMTPReply(code: 250, lines: ["smtp.test", "STARTTLS", "SIZE 1000"])
    static let ehloAuth = SMTPReply(code: 250, lines: ["smtp.test", "AUTH LOGIN PLAIN", "8BITMIME"])

    static func session(
        tls: SMTPConfiguration.TLSMode = .starttls, credentials: SMTPConfiguration.Credentials? = Self.credentials,
        recipients: [String] = ["ops@example.com"]
    ) -> SMTPSession {
        SMTPSession(tls: tls, credentials: credentials, clientName: "agent.example.com", from: "dsync@example.com", recipients: recipients, message: Array("Subject: x\r\n\r\n.body\r\n".utf8))
    }

    static func command(_ action: SMTPSession.Action) -> SMTPSession.Command? {
        if case .send(let command) = action { return command }
        return nil
    }

    static func reply(_ code: Int, _ text: String = "OK") -> SMTPReply { SMTPReply(code: code, lines: [text]) }

    @Test("STARTTLS, EHLO again, AUTH PLAIN, MAIL, RCPT, DATA with the dot-stuffed message, QUIT")
    func starttlsPlain() throws {
        var session = Self.session()
        #expect(Self.command(session.receive(Self.reply(220, "smtp.test ESMTP")))?.text == "EHLO agent.example.com")
        #expect(Self.command(session.receive(Self.ehloTLS))?.text == "STARTTLS")
        #expect(session.receive(Self.reply(220, "Ready to start TLS")) == .startTLS)
        #expect(Self.command(session.tlsEstablished())?.text == "EHLO agent.example.com")
        let auth = try #require(Self.command(session.receive(Self.ehloAuth)))
        // RFC 4616 §2: NUL user NUL password, base64.
        #expect(auth.text == "AUTH PLAIN " + Data("\0dsync\0pa55word".utf8).base64EncodedString())
        #expect(auth.isSecret && auth.description == "<credentials redacted>")
        #expect(Self.command(session.receive(Self.reply(235, "2.7.0 Authentication successful")))?.text == "MAIL FROM:<dsync@example.com>")
        #expect(Self.command(session.receive(Self.reply(250)))?.text == "RCPT TO:<ops@example.com>")
        #expect(Self.command(session.receive(Self.reply(250)))?.text == "DATA")
        #expect(session.receive(Self.reply(354, "End data with <CR><LF>.<CR><LF>")) == .sendMessage(Array("Subject: x\r\n\r\n..body\r\n.\r\n".utf8)))
        #expect(!session.messageAccepted)
        #expect(Self.command(session.receive(Self.reply(250, "2.0.0 Message accepted")))?.text == "QUIT")
        #expect(session.messageAccepted)
        #expect(session.receive(Self.reply(221, "Bye")) == .finished(SMTPDelivery(accepted: ["ops@example.com"], refused: [])))
    }

    @Test("AUTH LOGIN when the server offers only LOGIN: user name and password each after a 334")
    func login() {
        var session = Self.session(tls: .implicit)
        _ = session.receive(Self.reply(220))
        #expect(Self.command(session.receive(SMTPReply(code: 250, lines: ["smtp.test", "AUTH LOGIN"])))?.text == "AUTH LOGIN")
        let user = Self.command(session.receive(Self.reply(334, "VXNlcm5hbWU6")))
        #expect(user?.text == Data("dsync".utf8).base64EncodedString() && user?.isSecret == true)
        let password = Self.command(session.receive(Self.reply(334, "UGFzc3dvcmQ6")))
        #expect(password?.text == Data("pa55word".utf8).base64EncodedString() && password?.isSecret == true)
        #expect(Self.command(session.receive(Self.reply(235)))?.text == "MAIL FROM:<dsync@example.com>")
    }

    @Test("a refused AUTH names the step and quotes the server")
    func authRefused() {
        var session = Self.session(tls: .implicit)
        _ = session.receive(Self.reply(220))
        _ = session.receive(Self.ehloAuth)
        let action = session.receive(Self.reply(535, "5.7.8 Authentication credentials invalid"))
        guard case .fail(let error, let quit) = action else { Issue.record("\(action)"); return }
        #expect(quit)
        #expect(error.step == .auth)
        #expect(error.description == "AUTH refused: 535 5.7.8 Authentication credentials invalid")
        #expect(!error.description.contains("pa55word"))
    }

    @Test("a server that does not offer STARTTLS is refused when it is required; `none` does without")
    func noStartTLS() {
        var session = Self.session()
        _ = session.receive(Self.reply(220))
        let action = session.receive(Self.ehloAuth)
        guard case .fail(let error, _) = action else { Issue.record("\(action)"); return }
        #expect(error.step == .startTLS)
        #expect(error.description.contains("does not offer STARTTLS"))

        var plain = Self.session(tls: .none, credentials: nil)
        _ = plain.receive(Self.reply(220))
        #expect(Self.command(plain.receive(Self.ehloTLS))?.text == "MAIL FROM:<dsync@example.com>")
    }

    @Test("AUTH that the server does not offer, or only with mechanisms dsync lacks")
    func noMechanism() {
        var session = Self.session(tls: .implicit)
        _ = session.receive(Self.reply(220))
        guard case .fail(let error, _) = session.receive(SMTPReply(code: 250, lines: ["smtp.test", "AUTH CRAM-MD5 XOAUTH2"])) else {
            Issue.record("no failure"); return
        }
        #expect(error.step == .auth && error.description.contains("CRAM-MD5 XOAUTH2"))
    }

    @Test("one refused recipient of two leaves the other; all refused fails RCPT TO")
    func recipients() {
        var session = Self.session(tls: .none, credentials: nil, recipients: ["a@example.com", "b@example.com"])
        _ = session.receive(Self.reply(220))
        _ = session.receive(Self.ehloTLS)
        #expect(Self.command(session.receive(Self.reply(250)))?.text == "RCPT TO:<a@example.com>")
        #expect(Self.command(session.receive(Self.reply(550, "5.1.1 No such user")))?.text == "RCPT TO:<b@example.com>")
        #expect(Self.command(session.receive(Self.reply(250)))?.text == "DATA")
        #expect(session.delivery.accepted == ["b@example.com"])
        #expect(session.delivery.refused.map(\.recipient) == ["a@example.com"])

        var none = Self.session(tls: .none, credentials: nil)
        _ = none.receive(Self.reply(220))
        _ = none.receive(Self.ehloTLS)
        _ = none.receive(Self.reply(250))
        guard case .fail(let error, _) = none.receive(Self.reply(550, "5.1.1 No such user")) else { Issue.record("no failure"); return }
        #expect(error.description == "RCPT TO refused: 550 5.1.1 No such user")
    }

    @Test("421 at any step ends the session without QUIT; a refused greeting names the greeting")
    func closing() {
        var session = Self.session()
        _ = session.receive(Self.reply(220))
        guard case .fail(let error, let quit) = session.receive(Self.reply(421, "4.3.2 Shutting down")) else { Issue.record("no failure"); return }
        #expect(!quit && error.step == .ehlo)

        var refused = Self.session()
        guard case .fail(let greeting, false) = refused.receive(Self.reply(554, "No SMTP service here")) else { Issue.record("no failure"); return }
        #expect(greeting.description == "greeting refused: 554 No SMTP service here")
    }
}
