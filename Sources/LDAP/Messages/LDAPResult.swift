import NIOCore
/// The LDAPResult of RFC 4511 §4.1.9, carried by every response.
public struct LDAPResult: Sendable, Hashable {
    public var code: LDAPResultCode
    public var matchedDN: String
    public var diagnosticMessage: String
    /// RFC 4511 §4.1.10: URIs to try instead, with resultCode referral.
    public var referral: [String]

    public init(code: LDAPResultCode, matchedDN: String = "", diagnosticMessage: String = "", referral: [String] = []) {
        self.code = code
        self.matchedDN = matchedDN
        self.diagnosticMessage = diagnosticMessage
        self.referral = referral
    }

    public static let success = LDAPResult(code: .success)
}

extension LDAPResult {
    static let referralTag = BERTag.context(3, constructed: true)

    /// Reads the LDAPResult fields from the content of a response element.
    static func read(from reader: inout BERReader) throws(BERError) -> LDAPResult {
        let code = try reader.readEnumerated()
        let matchedDN = try reader.readString()
        let diagnostic = try reader.readString()
        var referral: [String] = []
        if let content = try reader.readOptionalElement(referralTag) {
            var uris = BERReader(content, context: reader.context + ".referral")
            while !uris.isAtEnd { referral.append(try uris.readString()) }
        }
        return LDAPResult(code: LDAPResultCode(rawValue: code), matchedDN: matchedDN, diagnosticMessage: diagnostic, referral: referral)
    }

    func write(to writer: inout BERWriter) {
        writer.writeEnumerated(code.rawValue)
        writer.writeString(matchedDN)
        writer.writeString(diagnosticMessage)
        if !referral.isEmpty {
            writer.writeConstructed(LDAPResult.referralTag) { w in
                for uri in referral { w.writeString(uri) }
            }
        }
    }
}
