import SMTP
import Testing

@Suite("SMTP replies (RFC 5321 §4.2)")
struct SMTPReplyParserTests {
    @Test("a one-line reply, and a multi-line EHLO reply split across reads")
    func lines() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(Array("220 smtp.test ESMTP ready\r\n".utf8)) == [SMTPReply(code: 220, lines: ["smtp.test ESMTP ready"])])
        #expect(!parser.hasBufferedInput)
        #expect(try parser.feed(Array("250-smtp.test\r\n250-STAR".utf8)).isEmpty)
        #expect(parser.hasBufferedInput)
        let replies = try parser.feed(Array("TTLS\r\n250-AUTH PLAIN LOGIN\r\n250 HELP\r\n".utf8))
        #expect(replies == [SMTPReply(code: 250, lines: ["smtp.test", "STARTTLS", "AUTH PLAIN LOGIN", "HELP"])])
        let capabilities = SMTPCapabilities(ehlo: try #require(replies.first))
        #expect(capabilities.startTLS)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN"])
    }

    @Test("two replies in one read; a bare LF ends a line; a code alone is a reply")
    func several() throws {
        var parser = SMTPReplyParser()
        let replies = try parser.feed(Array("250 OK\n354\r\n".utf8))
        #expect(replies == [SMTPReply(code: 250, lines: ["OK"]), SMTPReply(code: 354, lines: [""])])
        #expect(replies[1].description == "354")
    }

    @Test("a reply's description quotes the server: what errors show")
    func description() {
        #expect(SMTPReply(code: 535, lines: ["5.7.8 Authentication credentials invalid"]).description == "535 5.7.8 Authentication credentials invalid")
        #expect(SMTPReply(code: 550, lines: ["No such user", "try again"]).description == "550 No such user / try again")
    }

    @Test("a line that is not a reply, or a multi-line reply changing its code, breaks the protocol")
    func malformed() {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPProtocolError.self) { try parser.feed(Array("HTTP/1.1 400 Bad Request\r\n".utf8)) }
        var mixed = SMTPReplyParser()
        #expect(throws: SMTPProtocolError.self) { try mixed.feed(Array("250-first\r\n251 second\r\n".utf8)) }
        var long = SMTPReplyParser()
        #expect(throws: SMTPProtocolError.self) { try long.feed([UInt8](repeating: UInt8(ascii: "2"), count: SMTPReplyParser.maximumLineLength + 1)) }
    }
}
