import NIOCore

/// RFC 4511 §4.2 BindRequest. Only simple authentication is built; SASL
/// requests are decoded so a test server can see them, but not sent.
public struct BindRequest: Sendable, Hashable {
    public enum Authentication: Sendable, Hashable {
        /// `simple [0] OCTET STRING`: an empty password with an empty name is
        /// an anonymous bind (RFC 4513 §5.1.1).
        case simple(LDAPPassword)
        /// `sasl [3] SaslCredentials`.
        case sasl(mechanism: String, credentials: [UInt8]?)
    }

    public var version: Int
    public var name: String
    public var authentication: Authentication

    public init(version: Int = 3, name: String, authentication: Authentication) {
        self.version = version
        self.name = name
        self.authentication = authentication
    }

    static let simpleTag = BERTag.context(0)
    static let saslTag = BERTag.context(3, constructed: true)
}

extension BindRequest {
    static func read(from reader: inout BERReader) throws(BERError) -> BindRequest {
        let version = try reader.readInteger()
        let name = try reader.readString()
        let (tag, content) = try reader.readElement()
        switch tag {
        case simpleTag:
            return BindRequest(version: version, name: name, authentication: .simple(LDAPPassword(bytes: Array(content.readableBytesView))))
        case saslTag:
            var sasl = BERReader(content, context: "SaslCredentials")
            let mechanism = try sasl.readString()
            let credentials = sasl.isAtEnd ? nil : try sasl.readOctetString()
            return BindRequest(version: version, name: name, authentication: .sasl(mechanism: mechanism, credentials: credentials))
        default:
            throw BERError(.unexpectedTag(expected: simpleTag, found: tag), context: "BindRequest.authentication")
        }
    }

    func write(to writer: inout BERWriter) {
        writer.writeInteger(version)
        writer.writeString(name)
        switch authentication {
        case .simple(let password):
            writer.writeOctetString(password.bytes, tag: BindRequest.simpleTag)
        case .sasl(let mechanism, let credentials):
            writer.writeConstructed(BindRequest.saslTag) { w in
                w.writeString(mechanism)
                if let credentials { w.writeOctetString(credentials) }
            }
        }
    }
}
