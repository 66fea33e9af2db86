import Foundation
import SMTP
import Testing

@Suite("The message: RFC 5322 headers, RFC 2047 subjects, RFC 2045 quoted-printable, dot-stuffing")
struct SMTPMessageTests {
    @Test("quoted-printable: = and non-ASCII as =XX, a trailing space encoded, lines at most 76 characters")
    func quotedPrintable() {
        #expect(MIMEEncoding.quotedPrintable("a=b") == "a=3Db")
        #expect(MIMEEncoding.quotedPrintable("café — ok") == "caf=C3=A9 =E2=80=94 ok")
        #expect(MIMEEncoding.quotedPrintable("end \nnext") == "end=20\r\nnext")
        let long = String(repeating: "remedy ", count: 40) + "é"
        let encoded = MIMEEncoding.quotedPrintable(long)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        // Undoing the soft breaks gives the text back.
        #expect(lines.map { $0.hasSuffix("=") ? String($0.dropLast()) : $0 }.joined() == String(repeating: "remedy ", count: 40) + "=C3=A9")
    }

    @Test("a subject in ASCII stays; one with other characters becomes encoded-words of at most 75 characters")
    func subject() {
        #expect(MIMEEncoding.headerValue("dsync: run 42 failed") == "dsync: run 42 failed")
        #expect(MIMEEncoding.headerValue("run — 5 failed") == "=?UTF-8?Q?run_=E2=80=94_5_failed?=")
        let long = MIMEEncoding.headerValue(String(repeating: "Größe ", count: 20), used: 9)
        let words = long.components(separatedBy: "\r\n ")
        #expect(words.count > 2)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?Q?") && $0.hasSuffix("?=") && $0.count <= 75 })
        // No word ends inside a character's bytes: each decodes on its own.
        for word in words {
            let payload = word.dropFirst(10).dropLast(2)
            var bytes: [UInt8] = []
            var index = payload.startIndex
            while index < payload.endIndex {
                if payload[index] == "=" {
                    let hex = payload[payload.index(after: index)...payload.index(index, offsetBy: 2)]
                    bytes.append(UInt8(hex, radix: 16)!)
                    index = payload.index(index, offsetBy: 3)
                } else {
                    bytes.append(payload[index] == "_" ? 0x20 : payload[index].asciiValue!)
                    index = payload.index(after: index)
                }
            }
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(word)")
        }
    }

    @Test("dot-stuffing: a leading dot doubled, bare LF made CRLF, ended by CRLF . CRLF")
    func dotStuffing() {
        #expect(SMTPMessage.dotStuffed(Array(".a\r\nb\n.\r\nc".utf8)) == Array("..a\r\nb\r\n..\r\nc\r\n.\r\n".utf8))
        #expect(SMTPMessage.dotStuffed(Array("x\r\n".utf8)) == Array("x\r\n.\r\n".utf8))
    }

    @Test("the rendered message: the header fields, a blank line, the body; 7-bit ASCII throughout")
    func render() {
        let date = Date(timeIntervalSince1970: 1_751_364_000)
        let message = SMTPMessage(
            from: "dsync@example.com", to: ["a@example.com", "b@example.com"], subject: "dsync: run 1 failed — 5 objects failed",
            body: "Größe\n.leading dot\n", date: date, messageID: "<1@example.com>")
        let bytes = message.render()
        #expect(bytes.allSatisfy { $0 < 0x80 })
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("Date: Tue, 01 Jul 2025 10:00:00 +0000\r\nFrom: dsync@example.com\r\nTo: a@example.com,\r\n b@example.com\r\n"))
        #expect(text.contains("Subject: =?UTF-8?Q?dsync=3A_run_1_failed_=E2=80=94_5_objects_failed?=\r\n"))
        #expect(text.contains("Message-ID: <1@example.com>\r\n"))
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=B6=C3=9Fe\r\n.leading dot\r\n"))
    }
}
