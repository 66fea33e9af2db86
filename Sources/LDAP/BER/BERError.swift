/// Why a sequence of bytes is not the BER the reader expected. Thrown by
/// `BERReader`; the connection turns it into `LDAPError.protocolError`.
public struct BERError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Error, Hashable, Sendable {
        case truncated
        case indefiniteLength
        case lengthTooLarge
        case unexpectedTag(expected: BERTag, found: BERTag)
        case badInteger
        case badBoolean
        case trailingBytes
        case highTagNumber
        case invalidUTF8
    }

    public let code: Code
    /// What was being read, e.g. "SearchResultEntry.objectName".
    public let context: String

    public init(_ code: Code, context: String) {
        self.code = code
        self.context = context
    }

    public var description: String {
        let what: String
        switch code {
        case .truncated: what = "the element is cut short"
        case .indefiniteLength: what = "indefinite length, which LDAP forbids (RFC 4511 §5.1)"
        case .lengthTooLarge: what = "a length larger than the message"
        case .unexpectedTag(let expected, let found): what = "tag \(found) where \(expected) was expected"
        case .badInteger: what = "an INTEGER that is empty or too large"
        case .badBoolean: what = "a BOOLEAN that is not one octet long"
        case .trailingBytes: what = "bytes after the end of the element"
        case .highTagNumber: what = "a multi-octet tag, which LDAP does not use"
        case .invalidUTF8: what = "text that is not valid UTF-8"
        }
        return "malformed BER in \(context): \(what)"
    }
}
