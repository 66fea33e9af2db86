import Foundation

/// Base64 (RFC 4648 §4), for AUTH (RFC 4954 §4).
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// The encodings that keep a UTF-8 message 7-bit clean, so any server
/// relays it unchanged.
public enum MIMEEncoding {
    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text with CRLF line ends:
    /// printable ASCII stays (rule 2), `=` and bytes outside it become
    /// `=XX` (rule 1), a space or tab before a line end is encoded (rule 3),
    /// lines are cut at 76 characters with a soft break `=` (rule 5).
    public static func quotedPrintable(_ text: String) -> String {
        var output: [String] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            let bytes = Array(line.utf8)
            var encoded = ""
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let token: String
                if (byte == 0x20 || byte == 0x09) && last {
                    token = hex(byte)
                } else if (byte >= 33 && byte <= 126 && byte != 61) || byte == 0x20 || byte == 0x09 {
                    token = String(UnicodeScalar(byte))
                } else {
                    token = hex(byte)
                }
                // Room for the soft line break's `=` within 76 characters.
                if current.count + token.count > 75 {
                    encoded += current + "=\r\n"
                    current = ""
                }
                current += token
            }
            encoded += current
            output.append(encoded)
        }
        return output.joined(separator: "\r\n")
    }

    /// A header value as RFC 2047 encoded-words when it is not plain ASCII
    /// (§2, the "Q" encoding of §4.2 with the stricter §5(3) set of
    /// characters left as they are), each word at most 75 characters and
    /// never splitting a character's bytes (§5 last paragraph); words are
    /// separated by folding whitespace (`CRLF SP`, RFC 5322 §2.2.3).
    /// `used` is how much of the first line the header name takes.
    public static func headerValue(_ text: String, used: Int = 0) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) {
            return text
        }
        let prefix = "=?UTF-8?Q?"
        let suffix = "?="
        let room = 75 - prefix.count - suffix.count
        var words: [String] = []
        var current = ""
        for character in text {
            var encoded = ""
            for byte in String(character).utf8 {
                if byte == 0x20 {
                    encoded += "_"
                } else if isQSafe(byte) {
                    encoded += String(UnicodeScalar(byte))
                } else {
                    encoded += hex(byte)
                }
            }
            let limit = words.isEmpty ? max(room - used, 8) : room
            if current.count + encoded.count > limit && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += encoded
        }
        if !current.isEmpty { words.append(current) }
        return words.map { prefix + $0 + suffix }.joined(separator: "\r\n ")
    }

    /// RFC 2047 §5(3): letters, digits and `!*+-/` may stand as they are
    /// in a phrase; everything else (`=`, `?`, `_` too) is encoded.
    private static func isQSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
